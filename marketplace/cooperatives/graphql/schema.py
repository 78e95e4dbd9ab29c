from . import saleor_fulfilment  # noqa: F401  (guards Saleor's Fulfillment.warehouse)
from .members import MembersMutations, MembersQueries
from .onboarding import OnboardingMutations, OnboardingQueries
from .orders import OrdersMutations, OrdersQueries
from .profile import ProfileMutations
from .review import ReviewMutations, ReviewQueries
from .shop import ShopMutations, ShopQueries


class CooperativeQueries(
    OnboardingQueries, MembersQueries, ShopQueries, OrdersQueries, ReviewQueries
):
    pass


class CooperativeMutations(
    OnboardingMutations,
    ProfileMutations,
    MembersMutations,
    ShopMutations,
    OrdersMutations,
    ReviewMutations,
):
    pass
