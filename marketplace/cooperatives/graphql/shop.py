import graphene


class ShopQueries(graphene.ObjectType):
    pass


class ShopMutations(graphene.ObjectType):
    pass
