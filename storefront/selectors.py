"""Read queries for the storefront pages that are not Saleor's catalogue (see saleor_shop)."""

from django.db.models import Count, Q

from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.saleor_catalogue import published_products


def cooperatives_for_home(*, limit):
    """Approved cooperatives with the most products on sale."""
    return list(
        Cooperative.objects.approved()
        .annotate(
            products_on_sale=Count(
                "product_links", filter=Q(product_links__product__in=published_products())
            )
        )
        .filter(products_on_sale__gt=0)
        .order_by("-products_on_sale", "pk")[:limit]
    )
