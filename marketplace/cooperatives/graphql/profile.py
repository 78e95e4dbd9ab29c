"""The public contact a cooperative publishes, over GraphQL."""

import graphene

from ..services.profile import cooperative_public_contact_update
from .errors import CooperativeError, CooperativeMutation
from .types import Cooperative


class CooperativePublicContactInput(graphene.InputObjectType):
    public_phone = graphene.String(
        description="Moroccan phone number for shoppers (+212); empty to unpublish."
    )
    public_email = graphene.String(description="E-mail address for shoppers; empty to unpublish.")
    public_whatsapp = graphene.String(
        description="Moroccan WhatsApp number for shoppers (+212); empty to unpublish."
    )


class CooperativePublicContactUpdate(CooperativeMutation):
    cooperative = graphene.Field(Cooperative, description="The cooperative after the change.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative.")
        input = CooperativePublicContactInput(
            required=True, description="Contacts to publish; omitted ones stay as they are."
        )

    class Meta:
        description = (
            "Choose the contacts shown to shoppers on the cooperative's page. The council's "
            "contacts (phone, email) are never published."
        )
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(info, data["id"], field="id", only_type=Cooperative)
        cooperative = cooperative_public_contact_update(
            cooperative=cooperative, user=info.context.user, data=dict(data["input"])
        )
        return cls(cooperative=cooperative)


class ProfileMutations(graphene.ObjectType):
    cooperative_public_contact_update = CooperativePublicContactUpdate.Field()
