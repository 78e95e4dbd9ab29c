"""Stand-in for ``catalog_extensions.search`` until its branch lands (same interface).

Deleted when the search branch is merged.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from marketplace.core.regions import Province

from .saleor_shop import shop_products


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    language: str = "fr"
    category: str | None = None
    label: str | None = None
    province: str | None = None
    cooperative: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    fair_stop: int | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    product_ids: list
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)


def search(request):
    products = shop_products()
    if request.text:
        products = products.filter(
            Q(name__icontains=request.text) | Q(translations__name__icontains=request.text)
        ).distinct()
    if request.category:
        products = products.filter(category__slug=request.category)
    if request.province:
        products = products.filter(cooperative_link__cooperative__province=request.province)
    if request.cooperative:
        products = products.filter(cooperative_link__cooperative__slug=request.cooperative)
    if request.price_min is not None:
        products = products.filter(minimal_variant_price_amount__gte=request.price_min)
    if request.price_max is not None:
        products = products.filter(minimal_variant_price_amount__lte=request.price_max)
    if request.in_stock:
        products = products.filter(variants__stocks__quantity__gt=0).distinct()
    order = {
        "newest": ("-pk",),
        "price": ("minimal_variant_price_amount", "pk"),
        "-price": ("-minimal_variant_price_amount", "pk"),
        "name": ("name", "pk"),
    }.get(request.sort, ("-pk",))
    total = products.count()
    start = (max(request.page, 1) - 1) * request.per_page
    ids = list(
        products.order_by(*order).values_list("pk", flat=True)[start : start + request.per_page]
    )
    provinces = dict(Province.choices)
    facets = {
        "province": [
            Facet(
                row["cooperative_link__cooperative__province"],
                str(provinces.get(row["cooperative_link__cooperative__province"], "")),
                row["n"],
            )
            for row in products.order_by()
            .values("cooperative_link__cooperative__province")
            .annotate(n=Count("pk", distinct=True))
            if row["cooperative_link__cooperative__province"]
        ],
        "category": [
            Facet(row["category__slug"], row["category__name"], row["n"])
            for row in products.order_by()
            .values("category__slug", "category__name")
            .annotate(n=Count("pk", distinct=True))
            if row["category__slug"]
        ],
    }
    return SearchResult(ids, total, request.page, request.per_page, facets)
