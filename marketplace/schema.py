"""The published GraphQL schema: Saleor's whole API plus our root fields.

Saleor's ``Query`` and ``Mutation`` are plain mixin classes; ours come first
so that a clash is visible (and tested) rather than silently shadowed.

Built with plain ``graphene.Schema``, not Saleor's
``graphene_federation.build_schema``: federation adds ``_entities``, which
resolves any ``User`` (by id or e-mail) or ``Address`` for anonymous callers
with none of the type's permission checks, and ``_service``. We run no
federation gateway, so neither is published.
"""

import graphene
from saleor.graphql.api import Mutation as SaleorMutation
from saleor.graphql.api import Query as SaleorQuery

from catalog_extensions.labels.graphql.schema import LabelsMutations, LabelsQueries
from catalog_extensions.origin.graphql.mutations import OriginMutations
from catalog_extensions.search.graphql.schema import SearchQueries
from catalog_extensions.search.saleor_api import SaleorProductSearch
from catalog_extensions.search.saleor_api import install as install_product_search
from catalog_extensions.search.saleor_mutations import SearchFreshMutations

from .cooperatives.graphql.schema import CooperativeMutations, CooperativeQueries
from .core.graphql.saleor_guards import SaleorQueryGuards
from .core.graphql.schema import CoreQueries
from .fairs.graphql.planner_schema import PlannerMutations
from .fairs.graphql.schema import FairMutations, FairQueries
from .fairs.pickup.graphql.schema import PickupMutations, PickupQueries
from .orders.graphql.checkout import CheckoutCompletionMutations
from .payments.cash.graphql.schema import CashOnDeliveryMutations
from .payments.graphql.schema import PaymentsQueries


class Query(
    SaleorProductSearch,
    SaleorQueryGuards,
    CoreQueries,
    CooperativeQueries,
    PaymentsQueries,
    LabelsQueries,
    SearchQueries,
    FairQueries,
    PickupQueries,
    SaleorQuery,
):
    pass


class Mutation(
    CheckoutCompletionMutations,
    CashOnDeliveryMutations,
    CooperativeMutations,
    LabelsMutations,
    OriginMutations,
    FairMutations,
    PlannerMutations,
    PickupMutations,
    SearchFreshMutations,
    SaleorMutation,
):
    pass


install_product_search()
schema = graphene.Schema(query=Query, mutation=Mutation)
