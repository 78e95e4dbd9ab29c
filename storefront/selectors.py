"""Read queries for the storefront pages, prefetched for constant query counts."""

from django.db.models import Prefetch
from django.utils.translation import get_language
from saleor.product.models import (
    CategoryTranslation,
    Product,
    ProductImage,
    ProductTranslation,
)

from marketplace.cooperatives.saleor_catalogue import products_of_active_cooperatives


def with_listing_relations(products, language=None):
    """What a product card shows, in one query per relation: names, category, image."""
    language = language or get_language()
    return products.select_related(
        "category", "product_type", "cooperative_link__cooperative"
    ).prefetch_related(
        Prefetch(
            "translations", queryset=ProductTranslation.objects.filter(language_code=language)
        ),
        Prefetch(
            "category__translations",
            queryset=CategoryTranslation.objects.filter(language_code=language),
        ),
        Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk")),
    )


def product_list_for_shoppers(*, user, language=None):
    products = products_of_active_cooperatives(
        Product.objects.visible_to_user(user).filter(is_published=True)
    ).order_by("name")
    return with_listing_relations(products, language)
