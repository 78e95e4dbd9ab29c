from .members import MembersMutations, MembersQueries
from .onboarding import OnboardingMutations, OnboardingQueries
from .orders import OrdersMutations, OrdersQueries
from .shop import ShopMutations, ShopQueries


class CooperativeQueries(OnboardingQueries, MembersQueries, ShopQueries, OrdersQueries):
    pass


class CooperativeMutations(
    OnboardingMutations, MembersMutations, ShopMutations, OrdersMutations
):
    pass
