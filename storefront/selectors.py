"""Read queries for the storefront pages, prefetched for constant query counts."""

from django.db.models import Prefetch
from django.utils.translation import get_language
from saleor.product.models import Product, ProductImage, ProductTranslation


def product_list_for_shoppers(*, user, language=None):
    language = language or get_language()
    return (
        Product.objects.visible_to_user(user)
        .filter(is_published=True)
        .select_related("category", "product_type")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=ProductTranslation.objects.filter(language_code=language),
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk")),
        )
        .order_by("name")
    )
