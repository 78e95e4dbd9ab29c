"""Saleor's GraphQL object types that our fields return, named in one place.

Our queries and mutations hand back Saleor's own ``Product``, ``OrderLine``,
``Fulfillment`` and ``Address`` types, so that clients read them as they
read Saleor's. Base classes we build on (``saleor.graphql.core``: mutations,
connections, fields, scalars, ``Upload``; ``saleor.graphql.decorators``) may
be imported by any ``graphql/`` module; every other Saleor GraphQL type
comes from here. When the engine moves, this is the file that changes.
"""

from saleor.graphql.account.types import Address
from saleor.graphql.order.types import Fulfillment, OrderLine
from saleor.graphql.product.types import (
    Category,
    Product,
    ProductImage,
    ProductType,
    ProductVariant,
)

__all__ = [
    "Address",
    "Category",
    "Fulfillment",
    "OrderLine",
    "Product",
    "ProductImage",
    "ProductType",
    "ProductVariant",
]
