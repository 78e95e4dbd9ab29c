"""Mutations of the labels domain: thin shells around the services."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from saleor.graphql.core.types import Upload
from saleor.graphql.core.utils import from_global_id_strict_type

from ..errors import LabelErrorCode
from ..models import Certification as CertificationModel
from ..models import CertifyingBody as CertifyingBodyModel
from ..models import Label as LabelModel
from ..permissions import LabelPermissions
from ..services.certifications import (
    certification_claim,
    certification_reject,
    certification_revoke,
    certification_verify,
)
from ..services.registry import label_create, label_update
from .errors import LabelError, LabelMutation
from .types import Certification, Label, LabelKindEnum


def pk_from_global_id(global_id, type_name, field):
    """The pk a global ID of ``type_name`` names, or a NOT_FOUND error on ``field``."""
    try:
        return int(from_global_id_strict_type(global_id, type_name, field=field))
    except (ValidationError, TypeError, ValueError):
        raise ValidationError(
            {
                field: ValidationError(
                    _("Nothing matches this ID: %(id)s.") % {"id": global_id},
                    code=LabelErrorCode.NOT_FOUND.value,
                )
            }
        )


def object_from_global_id(queryset, global_id, type_name, field):
    found = queryset.filter(pk=pk_from_global_id(global_id, type_name, field)).first()
    if found is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Nothing matches this ID: %(id)s.") % {"id": global_id},
                    code=LabelErrorCode.NOT_FOUND.value,
                )
            }
        )
    return found


class LabelInput(graphene.InputObjectType):
    kind = LabelKindEnum(description="The kind of sign.")
    slug = graphene.String(description="Its address on the site: /labels/<slug>/.")
    name_fr = graphene.String()
    name_ar = graphene.String()
    name_en = graphene.String()
    description_fr = graphene.String()
    description_ar = graphene.String()
    description_en = graphene.String()
    guarantees_fr = graphene.String(description="What it guarantees, in French.")
    guarantees_ar = graphene.String(description="What it guarantees, in Arabic.")
    guarantees_en = graphene.String(description="What it guarantees, in English.")
    certificate_required = graphene.Boolean(
        description="Whether a claim needs a certificate (default true)."
    )
    protected_product_fr = graphene.String(description="For an IGP or AOP.")
    protected_product_ar = graphene.String(description="For an IGP or AOP.")
    provinces = graphene.List(
        graphene.NonNull(graphene.String),
        description="For an IGP or AOP: province codes of its area, e.g. sefrou.",
    )
    certifying_bodies = graphene.List(
        graphene.NonNull(graphene.ID), description="IDs of the bodies allowed to certify it."
    )
    logo = Upload(description="Logo, a JPEG or PNG image (multipart request).")


class LabelMutationBase(LabelMutation):
    label = graphene.Field(Label, description="The label after the change.")

    class Meta:
        abstract = True

    @classmethod
    def clean_input(cls, info, data):
        data = dict(data)
        bodies = data.pop("certifying_bodies", None)
        if bodies is not None:
            bodies = [
                object_from_global_id(
                    CertifyingBodyModel.objects.all(),
                    global_id,
                    "CertifyingBody",
                    "certifying_bodies",
                )
                for global_id in bodies
            ]
        logo_key = data.pop("logo", None)
        logo = info.context.FILES.get(logo_key) if isinstance(logo_key, str) else None
        if "kind" in data and data["kind"] is not None:
            data["kind"] = getattr(data["kind"], "value", data["kind"])
        data = {key: value for key, value in data.items() if value is not None}
        return data, bodies, logo


class LabelCreate(LabelMutationBase):
    class Arguments:
        input = LabelInput(required=True)

    class Meta:
        description = "Add a label to the registry (staff with manage_labels)."
        permissions = (LabelPermissions.MANAGE_LABELS,)
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        fields, bodies, logo = cls.clean_input(info, data["input"])
        label = label_create(
            user=info.context.user, data=fields, certifying_bodies=bodies or (), logo=logo
        )
        return cls(label=label)


class LabelUpdate(LabelMutationBase):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the label.")
        input = LabelInput(required=True, description="Fields to change.")

    class Meta:
        description = "Change a label of the registry (staff with manage_labels)."
        permissions = (LabelPermissions.MANAGE_LABELS,)
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        label = object_from_global_id(LabelModel.objects.all(), data["id"], "Label", "id")
        fields, bodies, logo = cls.clean_input(info, data["input"])
        label = label_update(
            label=label, user=info.context.user, data=fields, certifying_bodies=bodies, logo=logo
        )
        return cls(label=label)


class CertificationClaimInput(graphene.InputObjectType):
    product = graphene.ID(required=True, description="ID of one of your cooperative's products.")
    label = graphene.ID(required=True, description="ID of the label claimed.")
    certifying_body = graphene.ID(description="ID of the body that issued the certificate.")
    certificate_number = graphene.String()
    valid_from = graphene.Date(required=True)
    valid_until = graphene.Date(required=True)
    certificate = Upload(description="The certificate: PDF, JPEG or PNG (multipart request).")


class CertificationMutation(LabelMutation):
    certification = graphene.Field(Certification, description="The certification after it.")

    class Meta:
        abstract = True

    @classmethod
    def get_certification(cls, info, global_id):
        return object_from_global_id(
            CertificationModel.objects.select_related("cooperative"),
            global_id,
            "Certification",
            "id",
        )


class CertificationClaim(CertificationMutation):
    class Arguments:
        input = CertificationClaimInput(required=True)

    class Meta:
        description = (
            "Claim a label for one of your cooperative's products; council staff then verify it."
        )
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        claim = data["input"]
        product_id = pk_from_global_id(claim["product"], "Product", "product")
        label = object_from_global_id(
            LabelModel.objects.all(), claim["label"], "Label", "label"
        )
        body = None
        if claim.get("certifying_body"):
            body = object_from_global_id(
                CertifyingBodyModel.objects.all(),
                claim["certifying_body"],
                "CertifyingBody",
                "certifying_body",
            )
        key = claim.get("certificate")
        upload = info.context.FILES.get(key) if isinstance(key, str) else None
        certification = certification_claim(
            user=info.context.user,
            product_id=product_id,
            label=label,
            certificate_number=claim.get("certificate_number") or "",
            certifying_body=body,
            valid_from=claim["valid_from"],
            valid_until=claim["valid_until"],
            uploaded_file=upload,
        )
        return cls(certification=certification)


class CertificationVerify(CertificationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the pending certification.")

    class Meta:
        description = "Confirm a claim's certificate: the badge shows while it is valid."
        permissions = (LabelPermissions.MANAGE_LABELS,)
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        certification = certification_verify(
            certification=cls.get_certification(info, data["id"]), user=info.context.user
        )
        return cls(certification=certification)


class CertificationReject(CertificationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the pending certification.")
        reason = graphene.String(required=True, description="Why, for the cooperative.")

    class Meta:
        description = "Refuse a claim, saying why."
        permissions = (LabelPermissions.MANAGE_LABELS,)
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        certification = certification_reject(
            certification=cls.get_certification(info, data["id"]),
            user=info.context.user,
            reason=data.get("reason") or "",
        )
        return cls(certification=certification)


class CertificationRevoke(CertificationMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the verified certification.")
        reason = graphene.String(required=True, description="Why, for the cooperative.")

    class Meta:
        description = "Withdraw a verified certification: its badge disappears at once."
        permissions = (LabelPermissions.MANAGE_LABELS,)
        error_type_class = LabelError
        error_type_field = "label_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        certification = certification_revoke(
            certification=cls.get_certification(info, data["id"]),
            user=info.context.user,
            reason=data.get("reason") or "",
        )
        return cls(certification=certification)

