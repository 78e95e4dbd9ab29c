"""Read queries for the storefront pages, prefetched for constant query counts."""

from marketplace.cooperatives.saleor_catalogue import (
    products_of_active_cooperatives,
    products_visible_to,
    with_listing_relations,
)


def product_list_for_shoppers(*, user, language=None):
    products = products_of_active_cooperatives(
        products_visible_to(user).filter(is_published=True)
    ).order_by("name")
    return with_listing_relations(products, language)
