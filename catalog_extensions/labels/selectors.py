"""What shoppers see of labels, for the storefront's lists and product pages.

Extension point shared with the storefront: the labels app replaces the body.
"""


def attach_badges(products, *, language):
    """Set `product.badges` on every product: its displayable certifications.

    Each badge has `kind`, `label_name` (in `language`), `logo_url` (or ""),
    `label_url` and `verify_url`. Constant number of queries for any number
    of products.
    """
    for product in products:
        product.badges = []
    return products
