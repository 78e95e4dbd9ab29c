"""Root fields of the labels domain."""

import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_jwt.exceptions import PermissionDenied as GraphQLPermissionDenied
from saleor.graphql.core.fields import BaseConnectionField

from marketplace.cooperatives.graphql.connections import queryset_connection

from .. import models
from ..selectors import certifications_filtered, certifications_visible_to
from . import saleor_product  # noqa: F401  (adds labels and origin to Saleor's Product)
from .mutations import (
    CertificationClaim,
    CertificationReject,
    CertificationRevoke,
    CertificationVerify,
    LabelCreate,
    LabelUpdate,
    pk_from_global_id,
)
from .packaging import PackagingLabelCreate
from .types import Certification, CertificationStatusEnum, Label, LabelKindEnum


class CertificationFilterInput(graphene.InputObjectType):
    status = CertificationStatusEnum()
    label = graphene.ID(description="Only claims of this label.")
    cooperative = graphene.ID(description="Only claims of this cooperative.")
    search = graphene.String(description="In the certificate number or the product's name.")


class LabelsQueries(graphene.ObjectType):
    labels = BaseConnectionField(
        Label._meta.connection,
        kind=LabelKindEnum(description="Only labels of this kind."),
        description="The registry of origin and quality labels.",
    )
    label = graphene.Field(
        Label,
        slug=graphene.Argument(graphene.String, required=True),
        description="One label, by its slug.",
    )
    certifications = BaseConnectionField(
        Certification._meta.connection,
        filter=CertificationFilterInput(),
        description=(
            "Certification claims: all of them for staff with manage_labels, "
            "your cooperatives' own for their members."
        ),
    )

    def resolve_labels(self, _info, kind=None, **args):
        labels = models.Label.objects.prefetch_related("certifying_bodies").order_by(
            "kind", "name_fr", "pk"
        )
        if kind:
            labels = labels.filter(kind=getattr(kind, "value", kind))
        return queryset_connection(labels, args, Label._meta.connection)

    def resolve_label(self, _info, slug):
        return models.Label.objects.prefetch_related("certifying_bodies").filter(slug=slug).first()

    def resolve_certifications(self, info, filter=None, **args):
        user = info.context.user
        if not user or not user.is_authenticated:
            raise GraphQLPermissionDenied(_("Log in to see certifications."))
        filter = filter or {}
        try:
            queryset = certifications_filtered(
                certifications_visible_to(user),
                status=getattr(filter.get("status"), "value", filter.get("status")),
                label=(
                    pk_from_global_id(filter["label"], "Label", "label")
                    if filter.get("label")
                    else None
                ),
                cooperative=(
                    pk_from_global_id(filter["cooperative"], "Cooperative", "cooperative")
                    if filter.get("cooperative")
                    else None
                ),
                search=filter.get("search"),
            )
        except PermissionDenied as error:
            raise GraphQLPermissionDenied(str(error))
        except ValidationError as error:
            raise GraphQLError(error.messages[0])
        queryset = queryset.prefetch_related("events__actor").order_by("-created_at", "pk")
        return queryset_connection(queryset, args, Certification._meta.connection)


class LabelsMutations(graphene.ObjectType):
    label_create = LabelCreate.Field()
    label_update = LabelUpdate.Field()
    certification_claim = CertificationClaim.Field()
    certification_verify = CertificationVerify.Field()
    certification_reject = CertificationReject.Field()
    certification_revoke = CertificationRevoke.Field()
    packaging_label_create = PackagingLabelCreate.Field()
