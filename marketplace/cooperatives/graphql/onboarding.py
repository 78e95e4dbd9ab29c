import graphene


class OnboardingQueries(graphene.ObjectType):
    pass


class OnboardingMutations(graphene.ObjectType):
    pass
