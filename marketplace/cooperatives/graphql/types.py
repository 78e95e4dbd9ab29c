import graphene
from graphene_django import DjangoObjectType

from .. import models


class Cooperative(DjangoObjectType):
    name = graphene.String(required=True, description="Name in the request's language.")

    class Meta:
        model = models.Cooperative
        description = "A social and solidarity economy producer selling on the marketplace."
        interfaces = [graphene.relay.Node]
        only_fields = [
            "id", "slug", "name_fr", "name_ar", "legal_form", "province", "commune",
            "members_count", "women_members", "young_members", "story_fr", "story_ar",
            "status", "created_at",
        ]

    @staticmethod
    def resolve_name(root, _info):
        return root.name
