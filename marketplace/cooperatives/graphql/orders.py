import graphene


class OrdersQueries(graphene.ObjectType):
    pass


class OrdersMutations(graphene.ObjectType):
    pass
