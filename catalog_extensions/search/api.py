"""The one search interface of the catalogue: storefront pages, our GraphQL
fields and Saleor's `products(filter: {search})` all call `search()`."""

import logging
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import translation

logger = logging.getLogger(__name__)

LANGUAGES = ("ar", "fr", "en")
SORTS = ("relevance", "newest", "price", "-price", "name")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_FILTER_CHARS = 120
MAX_PRICE = Decimal("100000000")
# Price ranges offered as a facet: (value, lower bound, upper bound or None).
PRICE_RANGES = (
    ("0-50", Decimal("0"), Decimal("50")),
    ("50-100", Decimal("50"), Decimal("100")),
    ("100-200", Decimal("100"), Decimal("200")),
    ("200-500", Decimal("200"), Decimal("500")),
    ("500-", Decimal("500"), None),
)


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    language: str = "fr"  # ar | fr | en: the page language (names, Arabic sort)
    category: str | None = None  # category slug (its subcategories included)
    label: str | None = None  # label slug (only verified, unexpired)
    province: str | None = None  # marketplace.core.regions.Province value
    cooperative: str | None = None  # cooperative slug
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    fair_stop: int | None = None  # fairs app, when it lands
    sort: str = "relevance"  # relevance | newest | price | -price | name
    page: int = 1
    per_page: int = 24
    # Internal: restrict to these products (Saleor's API passes what its filters kept).
    product_ids: tuple[int, ...] | None = field(default=None, repr=False)
    with_facets: bool = True


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    product_ids: list[int]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[Facet]]


class BackendUnavailable(Exception):
    """The search backend cannot answer now (e.g. the cluster is unreachable)."""


def _text(value, limit=MAX_FILTER_CHARS):
    if value is None:
        return None
    value = str(value).strip()[:limit]
    return value or None


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite() or number < 0:
        return None
    return min(number, MAX_PRICE)


def _int(value, default, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return max(low, min(high, number))


def clean(request):
    """The request with every field made safe: bad input narrows or empties, never raises."""
    fair_stop = request.fair_stop
    try:
        fair_stop = int(fair_stop) if fair_stop not in (None, "") else None
    except (TypeError, ValueError):
        fair_stop = -1
    return replace(
        request,
        text=str(request.text or "")[:10_000],
        language=request.language if request.language in LANGUAGES else "fr",
        category=_text(request.category),
        label=_text(request.label),
        province=_text(request.province),
        cooperative=_text(request.cooperative),
        price_min=_decimal(request.price_min),
        price_max=_decimal(request.price_max),
        in_stock=bool(request.in_stock),
        fair_stop=fair_stop,
        sort=request.sort if request.sort in SORTS else "relevance",
        page=_int(request.page, 1, 1, MAX_PAGE),
        per_page=_int(request.per_page, 24, 1, MAX_PER_PAGE),
    )


def configured_backend():
    from .backends import get_backend

    return get_backend(getattr(settings, "SEARCH_BACKEND", "postgresql"))


def search(request: SearchRequest) -> SearchResult:
    """Ordered product ids, total and facet counts; never raises on bad input."""
    return _run(clean(request))


def search_product_ids(text, *, language="fr", limit=5000):
    """Every matching product id (up to `limit`, the newest), for Saleor's own listing.

    Unranked: Saleor sorts the listing itself, and ranking reads every
    matched document again (10 ms of 25 for a word in 1,500 products).
    """
    request = replace(
        clean(SearchRequest(text=text, language=language)), with_facets=False, sort="newest"
    )
    return _run(replace(request, per_page=max(1, limit))).product_ids


def matching_products_sql(text, *, language="fr"):
    """``(sql, params)`` selecting every matching product id, for Saleor's own
    listing to semi-join, or None when the configured backend cannot say it in
    SQL (Elasticsearch) or only names that look alike would match (a typo):
    then ask ``search_product_ids``."""
    request = clean(SearchRequest(text=text, language=language))
    with translation.override(request.language):
        return configured_backend().matching_sql(request.text, request.language)


def _run(request):
    from .backends.postgresql import PostgresBackend

    backend = configured_backend()
    with translation.override(request.language):
        if not isinstance(backend, PostgresBackend):
            try:
                return backend.search(request)
            except BackendUnavailable as error:
                logger.warning(
                    "Search backend %s unavailable, PostgreSQL serves: %s", backend, error
                )
        return PostgresBackend().search(request)
