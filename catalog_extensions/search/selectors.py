"""Reads for the search app's interfaces."""

from marketplace.cooperatives.saleor_catalogue import published_products


def products_in_order(product_ids):
    """The published products with these ids, in the order given (one query)."""
    by_id = {
        product.pk: product
        for product in published_products()
        .filter(pk__in=product_ids)
        .select_related("category", "product_type")
    }
    return [by_id[pk] for pk in product_ids if pk in by_id]
