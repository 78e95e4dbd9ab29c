"""A cooperative's application over GraphQL: apply, update, upload documents, submit."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from saleor.graphql.core.types import Upload

from ..errors import CooperativeErrorCode
from ..services.documents import document_upload
from ..services.onboarding import cooperative_apply, cooperative_submit, cooperative_update
from .errors import CooperativeError, CooperativeMutation
from .types import Cooperative, CooperativeDocument, DocumentKindEnum, LegalFormEnum


class OnboardingMutation(CooperativeMutation):
    cooperative = graphene.Field(Cooperative, description="The cooperative after the change.")

    class Meta:
        abstract = True

    @classmethod
    def get_upload(cls, info, key, field):
        # Saleor's view puts the multipart part's name in the variable, the file in FILES.
        upload = info.context.FILES.get(key) if isinstance(key, str) else None
        if upload is None:
            raise ValidationError(
                {
                    field: ValidationError(
                        _("Attach the file in a multipart request."),
                        code=CooperativeErrorCode.REQUIRED.value,
                    )
                }
            )
        return upload

    @classmethod
    def get_cooperative(cls, info, global_id, field="id"):
        return cls.get_node_or_error(info, global_id, field=field, only_type=Cooperative)


class CooperativeApplyInput(graphene.InputObjectType):
    name_fr = graphene.String(required=True, description="Name in French.")
    name_ar = graphene.String(description="Name in Arabic.")
    legal_form = LegalFormEnum(description="Legal form; cooperative if omitted.")


class CooperativeUpdateInput(graphene.InputObjectType):
    name_fr = graphene.String(description="Name in French.")
    name_ar = graphene.String(description="Name in Arabic.")
    legal_form = LegalFormEnum(description="Legal form.")
    register_number = graphene.String(description="Register number.")
    ice = graphene.String(description="ICE: 15 digits with check digits.")
    province = graphene.String(description="One of the region's prefectures and provinces.")
    commune = graphene.String(description="Commune.")
    address = graphene.String(description="Address.")
    phone = graphene.String(description="Moroccan phone number (+212).")
    email = graphene.String(description="Contact e-mail.")
    founded_on = graphene.Date(description="Date of foundation.")
    members_count = graphene.Int(description="Number of members.")
    women_members = graphene.Int(description="Number of women members.")
    young_members = graphene.Int(description="Number of young members.")
    sectors = graphene.List(graphene.NonNull(graphene.String), description="Sector codes.")
    story_fr = graphene.String(description="Story in French.")
    story_ar = graphene.String(description="Story in Arabic.")
    logo = Upload(description="Logo, a JPEG or PNG image (multipart request).")
    bank_name = graphene.String(description="Bank of the payout account.")
    rib = graphene.String(description="RIB of the payout account: 24 digits.")


class CooperativeApply(OnboardingMutation):
    class Arguments:
        input = CooperativeApplyInput(required=True, description="The first facts.")

    class Meta:
        description = "Start a cooperative's application; the caller becomes its owner."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cooperative_apply(user=info.context.user, data=dict(data["input"]))
        return cls(cooperative=cooperative)


class CooperativeUpdate(OnboardingMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative.")
        input = CooperativeUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = "Change a draft application, or one the council sent back for changes."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_cooperative(info, data["id"])
        fields = dict(data["input"])
        if "logo" in fields:
            fields["logo"] = cls.get_upload(info, fields["logo"], "logo")
        cooperative = cooperative_update(
            cooperative=cooperative, user=info.context.user, data=fields
        )
        return cls(cooperative=cooperative)


class CooperativeSubmit(OnboardingMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative.")

    class Meta:
        description = "Submit a complete application for the council's review."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_cooperative(info, data["id"])
        cooperative = cooperative_submit(cooperative=cooperative, user=info.context.user)
        return cls(cooperative=cooperative)


class CooperativeDocumentUpload(OnboardingMutation):
    document = graphene.Field(CooperativeDocument, description="The filed document.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        kind = DocumentKindEnum(required=True, description="What the document is.")
        file = Upload(required=True, description="A PDF, JPEG or PNG file (multipart request).")

    class Meta:
        description = "File a document for a cooperative's application."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_cooperative(info, data["cooperative"], field="cooperative")
        document = document_upload(
            cooperative=cooperative,
            user=info.context.user,
            kind=data["kind"],
            uploaded_file=cls.get_upload(info, data["file"], "file"),
        )
        cooperative.refresh_from_db()
        return cls(cooperative=cooperative, document=document)


class OnboardingQueries(graphene.ObjectType):
    pass


class OnboardingMutations(graphene.ObjectType):
    cooperative_apply = CooperativeApply.Field()
    cooperative_update = CooperativeUpdate.Field()
    cooperative_submit = CooperativeSubmit.Field()
    cooperative_document_upload = CooperativeDocumentUpload.Field()
