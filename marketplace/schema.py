"""The published GraphQL schema: Saleor's whole API plus our root fields.

Saleor's ``Query`` and ``Mutation`` are plain mixin classes; ours come first
so that a clash is visible (and tested) rather than silently shadowed.
"""

from graphene_federation import build_schema
from saleor.graphql.api import Mutation as SaleorMutation
from saleor.graphql.api import Query as SaleorQuery

from .cooperatives.graphql.schema import CooperativeMutations, CooperativeQueries
from .core.graphql.saleor_guards import SaleorQueryGuards
from .core.graphql.schema import CoreQueries


class Query(SaleorQueryGuards, CoreQueries, CooperativeQueries, SaleorQuery):
    pass


class Mutation(CooperativeMutations, SaleorMutation):
    pass


schema = build_schema(Query, mutation=Mutation)
