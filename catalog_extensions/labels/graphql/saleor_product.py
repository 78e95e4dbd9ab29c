"""Adds ``labels`` and ``origin`` to Saleor's ``Product`` GraphQL type.

Reaches into Saleor internals as ``cooperatives/graphql/saleor_user.py``
does: Saleor 2.10's product resolvers name its own ``Product`` class, so we
mount two fields in ``Product._meta.fields`` at import time, before
``marketplace/schema.py`` builds the schema. When Saleor moves, this is the
file that changes.
"""

import graphene
from saleor.graphql.product.types import Product

from catalog_extensions.origin.graphql.types import ProductOrigin, resolve_product_origin

from .types import ProductLabel, resolve_product_labels


def install():
    if "labels" not in Product._meta.fields:
        Product._meta.fields["labels"] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(ProductLabel))),
            resolver=resolve_product_labels,
            description=(
                "The product's labels that shoppers may trust today: verified certifications "
                "within their validity."
            ),
        )
    if "origin" not in Product._meta.fields:
        Product._meta.fields["origin"] = graphene.Field(
            ProductOrigin,
            resolver=resolve_product_origin,
            description="Where the product comes from: cooperative, province, commune, season.",
        )


install()
