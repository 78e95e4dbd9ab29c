"""Bridge: Saleor 2.10's public `products` field, answered through our search.

Bridge module: it names Saleor's GraphQL product types, resolvers and stock
queries. Mixed in before Saleor's ``Query`` in ``marketplace/schema.py``,
``resolve_products`` takes the place of Saleor's for the same field and
arguments (graphene looks ``resolve_<field>`` up along the composed class's
MRO), so 2.10 clients see no change except that:

- ``filter: {search}`` is answered from the indexed search documents
  (``catalog_extensions.search``) instead of Saleor's per-row full-text and
  trigram scan; the matches narrow Saleor's own queryset (on PostgreSQL as a
  subquery over the documents, from Elasticsearch as a list of ids), so every
  other filter, ``sortBy`` and cursor pagination keep Saleor's meaning;
- products of cooperatives that are not approved are never listed;
- a plain listing (no filter) is not ``SELECT DISTINCT`` over every product
  column: nothing in it can repeat a row.

``install()`` also resolves ``Product.isAvailable`` with one stock query per
page instead of one per product, and ``ProductVariant.isAvailable``,
``quantityAvailable`` and ``stockQuantity`` with one stock query for all the
variants of a page instead of one per variant (Saleor computes both per row).
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import BooleanField, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from promise import Promise
from promise.dataloader import DataLoader
from saleor.graphql.product.resolvers import resolve_products as saleor_resolve_products
from saleor.graphql.product.types.products import Product as ProductType
from saleor.graphql.product.types.products import ProductVariant as ProductVariantType
from saleor.warehouse.models import Stock

from marketplace.cooperatives.saleor_catalogue import products_of_active_cooperatives

from .api import matching_products_sql, search_product_ids

# At most this many ids from Elasticsearch narrow Saleor's listing (a query
# broader than that is not a search a shopper pages through).
SEARCH_LIMIT = 5000


class SaleorProductSearch:
    def resolve_products(self, info, **kwargs):
        products = saleor_resolve_products(info, **kwargs)
        filter_input = kwargs.get("filter")
        narrowed = bool(kwargs.get("stock_availability")) or any(
            value not in (None, "", [])
            for key, value in (filter_input or {}).items()
            if key != "search"
        )
        if not narrowed:
            products.query.distinct = False
        text = (filter_input or {}).get("search")
        if filter_input is not None and "search" in filter_input:
            # Saleor's own filter would scan every row again after ours.
            filter_input.pop("search")
        if not text:
            return products_of_active_cooperatives(products)
        language = (getattr(info.context, "LANGUAGE_CODE", "fr") or "fr")[:2]
        matching = matching_products_sql(text, language=language)
        if matching is None:
            ids = search_product_ids(text, language=language, limit=SEARCH_LIMIT)
            return among(products_of_active_cooperatives(products), ids)
        # Every id comes from a document saying its seller is approved, kept in
        # the same transaction as the cooperative: hiding the suspended again
        # would cost the count a probe per match.
        return within(products, *matching)


def within(queryset, sql, params):
    """``queryset`` narrowed to the ids ``sql`` selects, however many match: no
    id travels.

    ``IS TRUE`` keeps the ``IN`` a hashed subplan, the matches read once by
    their index then probed per product (the page walks the name index until
    it has its rows), instead of a join the planner orders from a guess.
    """
    meta = queryset.model._meta
    column = f'"{meta.db_table}"."{meta.pk.column}"'
    return queryset.filter(
        RawSQL(f"({column} IN ({sql})) IS TRUE", params, output_field=BooleanField())
    )


def among(queryset, ids):
    """``queryset.filter(pk__in=ids)`` with the ids sent as one array parameter.

    Django prepares an IN list value by value, and Saleor's listing compiles
    it again for its count: ~5 ms of Python for 1,500 matches.
    """
    meta = queryset.model._meta
    column = f'"{meta.db_table}"."{meta.pk.column}"'
    return queryset.filter(
        RawSQL(f"{column} = ANY(%s::integer[])", (list(ids),), output_field=BooleanField())
    )


class ProductAvailabilityLoader(DataLoader):
    """{product id: is any variant in stock for the request's country}, per request."""

    def __init__(self, country):
        super().__init__()
        self.country = country

    def batch_load_fn(self, product_ids):
        in_stock = set(
            Stock.objects.annotate_available_quantity()
            .for_country(self.country)
            .filter(product_variant__product_id__in=product_ids, available_quantity__gt=0)
            .values_list("product_variant__product_id", flat=True)
            .distinct()
        )
        return Promise.resolve([pk in in_stock for pk in product_ids])


def _availability_loader(context):
    loaders = context.__dict__.setdefault("search_availability_loaders", {})
    country = context.country
    if country not in loaders:
        loaders[country] = ProductAvailabilityLoader(country)
    return loaders[country]


def resolve_product_is_available(root, info):
    if not root.is_visible:
        return False
    return _availability_loader(info.context).load(root.pk)


class VariantQuantityLoader(DataLoader):
    """{variant id: units sellable in one shipping zone (the best one), or None
    without any stock}, for one country (or all countries), per request.

    Saleor's ``get_available_quantity_for_customer`` per variant, for a whole
    page in one query: the same rows (stock × shipping zone), the same sums.
    """

    def __init__(self, country):
        super().__init__()
        self.country = country

    def batch_load_fn(self, variant_ids):
        query = Q(product_variant_id__in=variant_ids)
        if self.country:
            query &= Q(warehouse__shipping_zones__countries__contains=self.country)
        rows = (
            Stock.objects.filter(query)
            .annotate(
                available_quantity=Sum("quantity", distinct=True)
                - Coalesce(Sum("allocations__quantity_allocated"), 0)
            )
            .values_list("product_variant_id", "warehouse__shipping_zones", "available_quantity")
            .order_by()
        )
        by_zone = defaultdict(lambda: defaultdict(int))
        for variant_id, zone_id, available in rows:
            by_zone[variant_id][zone_id] += available
        return Promise.resolve(
            [max(by_zone[pk].values()) if pk in by_zone else None for pk in variant_ids]
        )


def _quantity_loader(context, country):
    loaders = context.__dict__.setdefault("search_quantity_loaders", {})
    if country not in loaders:
        loaders[country] = VariantQuantityLoader(country)
    return loaders[country]


def _quantity_for_customer(variant, available):
    if available is None:
        return 0
    if not variant.track_inventory:
        return settings.MAX_CHECKOUT_LINE_QUANTITY
    return min(available, settings.MAX_CHECKOUT_LINE_QUANTITY)


def variant_quantity_for_customer(variant, context, country):
    """What Saleor's ``get_available_quantity_for_customer`` answers, batched per page."""
    return (
        _quantity_loader(context, country or None)
        .load(variant.pk)
        .then(lambda available: _quantity_for_customer(variant, available))
    )


def resolve_variant_quantity_available(root, info, country_code=None):
    return variant_quantity_for_customer(root, info.context, country_code)


def resolve_variant_stock_quantity(root, info):
    return variant_quantity_for_customer(root, info.context, info.context.country)


def resolve_variant_is_available(root, info):
    return variant_quantity_for_customer(root, info.context, info.context.country).then(
        lambda quantity: quantity > 0
    )


def install():
    """Batch product and variant availability; call before the schema is built."""
    ProductType.resolve_is_available = staticmethod(resolve_product_is_available)
    ProductVariantType.resolve_is_available = staticmethod(resolve_variant_is_available)
    ProductVariantType.resolve_quantity_available = staticmethod(
        resolve_variant_quantity_available
    )
    ProductVariantType.resolve_stock_quantity = staticmethod(resolve_variant_stock_quantity)
