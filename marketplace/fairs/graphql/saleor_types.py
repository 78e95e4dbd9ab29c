"""Saleor's GraphQL types that fair fields return, named in one place (a bridge)."""

from saleor.graphql.product.types import Collection

from marketplace.cooperatives.graphql.saleor_types import Product

__all__ = ["Collection", "Product"]
