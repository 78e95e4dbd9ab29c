"""Where a product comes from, for the storefront's lists and product pages.

A product's origin is its ``ProductOrigin`` when the cooperative filled it
in; otherwise the province and commune of the cooperative that makes it.
"""

from types import SimpleNamespace

from django.db.models import Case, F, When
from django.urls import reverse
from django.utils import translation

from marketplace.cooperatives.models import CooperativeProduct
from marketplace.core.regions import Province

from .models import ProductOrigin

PROVINCE_NAMES = dict(Province.choices)


def _cooperative_name(cooperative, language):
    if language == "ar" and cooperative.name_ar:
        return cooperative.name_ar
    return cooperative.name_fr


def origin_view(*, origin, cooperative, language):
    """The origin a page shows: ``origin``'s facts over the cooperative's defaults."""
    province = (origin.province if origin else "") or (cooperative.province if cooperative else "")
    commune = (origin.commune if origin else "") or (cooperative.commune if cooperative else "")
    with translation.override(language):
        province_name = str(PROVINCE_NAMES.get(province, "")) if province else ""
        cooperative_url = (
            reverse("storefront:cooperative-detail", kwargs={"slug": cooperative.slug})
            if cooperative
            else ""
        )
    return SimpleNamespace(
        cooperative_name=_cooperative_name(cooperative, language) if cooperative else "",
        cooperative_url=cooperative_url,
        province=province,
        province_name=province_name,
        commune=commune,
        season=origin.season if origin else "",
        net_quantity=origin.net_quantity if origin else "",
        ingredients=(
            (origin.ingredients_ar if language == "ar" else "") or origin.ingredients_fr
            if origin
            else ""
        ),
        onssa_number=origin.onssa_number if origin else "",
    )


def attach_origin(products, *, language):
    """Set `product.origin` on every product, or None when unknown.

    An origin has `cooperative_name`, `cooperative_url`, `province`,
    `province_name`, `commune` and `season` (or ""). Constant number of
    queries for any number of products (two).
    """
    products = list(products)
    product_ids = [product.pk for product in products]
    origins = {
        origin.product_id: origin
        for origin in ProductOrigin.objects.filter(product_id__in=product_ids)
    }
    cooperatives = {
        link.product_id: link.cooperative
        for link in CooperativeProduct.objects.filter(product_id__in=product_ids).select_related(
            "cooperative"
        )
    }
    for product in products:
        origin = origins.get(product.pk)
        cooperative = cooperatives.get(product.pk)
        product.origin = (
            origin_view(origin=origin, cooperative=cooperative, language=language)
            if origin or cooperative
            else None
        )
    return products


def origins_by_product(product_ids, *, language):
    """{product id: origin} as ``attach_origin`` builds them, for the API's dataloader."""
    holders = [SimpleNamespace(pk=pk) for pk in product_ids]
    attach_origin(holders, language=language)
    return {holder.pk: holder.origin for holder in holders}


def product_ids_from_province(province):
    """Ids of the products made in ``province`` (their origin's, else their cooperative's)."""
    return (
        CooperativeProduct.objects.annotate(
            origin_province=Case(
                When(
                    product__terroir_origin__province__gt="",
                    then=F("product__terroir_origin__province"),
                ),
                default=F("cooperative__province"),
            )
        )
        .filter(origin_province=province)
        .values_list("product_id", flat=True)
    )


__all__ = [
    "attach_origin",
    "origin_view",
    "origins_by_product",
    "product_ids_from_province",
]
