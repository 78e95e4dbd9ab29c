import graphene


class MembersQueries(graphene.ObjectType):
    pass


class MembersMutations(graphene.ObjectType):
    pass
