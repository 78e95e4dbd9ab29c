"""Bridge: Saleor's catalogue mutations that write stock or publication in bulk
(bulk_create, bulk_update, update(): no model signal for freshness.py), served
under the same names, arguments and payloads, with the products they touched
re-indexed once they are done.

Each runs inside `freshness.deferred()`: the products its saved rows name are
re-indexed once at the end, after its stock rows exist, plus the products its
arguments name when it writes nothing that sends a signal.
"""

import graphene
from graphql_relay import from_global_id
from saleor.graphql.product.bulk_mutations.products import (
    ProductBulkPublish,
    ProductVariantBulkCreate,
    ProductVariantStocksCreate,
    ProductVariantStocksUpdate,
)
from saleor.graphql.product.mutations.products import ProductCreate, ProductVariantCreate

from . import saleor_search
from .freshness import deferred, reindex


def _pks(global_ids, type_name):
    pks = []
    for global_id in global_ids:
        try:
            kind, pk = from_global_id(global_id)
        except (TypeError, ValueError):
            continue
        if kind == type_name and str(pk).isdigit():
            pks.append(int(pk))
    return pks


def _products(data):
    return _pks(data.get("ids") or [data.get("product_id")], "Product")


def _products_of_variant(data):
    return [
        product_id
        for variant_id in _pks([data.get("variant_id")], "ProductVariant")
        for product_id in saleor_search.product_ids_of_variant(variant_id)
    ]


def fresh(mutation, touched=None):
    """Saleor's field for `mutation`, re-indexing what it touched when it is done."""
    field = mutation.Field()
    resolve = field.resolver

    def resolver(root, info, **data):
        with deferred():
            result = resolve(root, info, **data)
            if touched is not None:
                reindex(touched(data))
        return result

    field.resolver = resolver
    return field


class SearchFreshMutations(graphene.ObjectType):
    product_create = fresh(ProductCreate)
    product_bulk_publish = fresh(ProductBulkPublish, _products)
    product_variant_create = fresh(ProductVariantCreate)
    product_variant_bulk_create = fresh(ProductVariantBulkCreate, _products)
    product_variant_stocks_create = fresh(ProductVariantStocksCreate, _products_of_variant)
    product_variant_stocks_update = fresh(ProductVariantStocksUpdate, _products_of_variant)
