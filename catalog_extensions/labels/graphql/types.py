"""GraphQL types of the labels domain.

``Label``, ``CertifyingBody`` and ``ProductLabel`` are public: the registry
and what a product displays. ``Certification`` (a claim with its evidence
and history) is read by council staff and the owning cooperative only, via
the ``certifications`` query and the mutations' payloads.
"""

import graphene
from django.urls import reverse
from graphene_django import DjangoObjectType
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.dataloaders import DataLoader

from marketplace.cooperatives.graphql.saleor_types import Product
from marketplace.cooperatives.graphql.types import Cooperative

from .. import models
from ..selectors import certifications_visible_to, displayable_certifications
from ..services.evidence import certificate_link

LabelKindEnum = graphene.Enum.from_enum(models.LabelKind)
CertificationStatusEnum = graphene.Enum.from_enum(models.CertificationStatus)


def _absolute(info, path):
    return info.context.build_absolute_uri(path)


class CertifyingBody(DjangoObjectType):
    name = graphene.String(required=True, description="Name in the request's language.")

    class Meta:
        model = models.CertifyingBody
        description = "An organisation approved to certify products against a label."
        interfaces = [graphene.relay.Node]
        only_fields = ["id", "slug", "website"]

    @staticmethod
    def resolve_name(root, _info):
        return root.display_name


class Label(DjangoObjectType):
    kind = LabelKindEnum(required=True)
    name = graphene.String(required=True, description="Name in the request's language.")
    description = graphene.String(required=True, description="In the request's language.")
    guarantees = graphene.String(
        required=True, description="What the label guarantees, in the request's language."
    )
    protected_product = graphene.String(
        required=True, description="For an IGP or AOP: the product it protects."
    )
    provinces = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="For an IGP or AOP: the provinces of its area (codes, e.g. sefrou).",
    )
    certifying_bodies = graphene.List(
        graphene.NonNull(CertifyingBody),
        required=True,
        description="The bodies allowed to certify it.",
    )
    logo_url = graphene.String()
    url = graphene.String(required=True, description="Its public page.")

    class Meta:
        model = models.Label
        description = "A sign of origin or quality: IGP, AOP, Label Agricole, organic…"
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id",
            "slug",
            "name_fr",
            "name_ar",
            "name_en",
            "description_fr",
            "description_ar",
            "description_en",
            "guarantees_fr",
            "guarantees_ar",
            "guarantees_en",
            "certificate_required",
            "protected_product_fr",
            "protected_product_ar",
        ]

    @staticmethod
    def resolve_name(root, _info):
        return root.name

    @staticmethod
    def resolve_description(root, _info):
        return root.description

    @staticmethod
    def resolve_guarantees(root, _info):
        return root.guarantees

    @staticmethod
    def resolve_protected_product(root, _info):
        return root.protected_product

    @staticmethod
    def resolve_provinces(root, _info):
        return root.provinces

    @staticmethod
    def resolve_certifying_bodies(root, _info):
        return root.certifying_bodies.all()

    @staticmethod
    def resolve_logo_url(root, info):
        return _absolute(info, root.logo.url) if root.logo else None

    @staticmethod
    def resolve_url(root, info):
        return _absolute(info, root.get_absolute_url())


class ProductLabel(graphene.ObjectType):
    label = graphene.Field(Label, required=True)
    certifying_body = graphene.Field(CertifyingBody)
    certificate_number = graphene.String(required=True)
    valid_from = graphene.Date(required=True)
    valid_until = graphene.Date(required=True)
    verification_url = graphene.String(
        required=True, description="The public page where anyone can check it."
    )

    class Meta:
        description = "A label a product displays: a verified certification, valid today."

    @staticmethod
    def resolve_verification_url(root, info):
        return _absolute(info, reverse("labels:verify", kwargs={"code": root.code}))


class DisplayableCertificationsByProductLoader(DataLoader):
    context_key = "labels_displayable_by_product"

    def batch_load(self, keys):
        by_product = {key: [] for key in keys}
        certifications = displayable_certifications(keys).prefetch_related(
            "label__certifying_bodies"
        )
        for certification in certifications:
            by_product[certification.product_id].append(certification)
        return [by_product[key] for key in keys]


def resolve_product_labels(root, info):
    return DisplayableCertificationsByProductLoader(info.context).load(root.pk)


class CertificationEvent(DjangoObjectType):
    from_status = CertificationStatusEnum()
    to_status = CertificationStatusEnum(required=True)
    actor_email = graphene.String(description="Who; empty when the expiry task made the change.")

    class Meta:
        model = models.CertificationEvent
        description = "One change to a certification: who, when, why."
        only_fields = ["id", "reason", "created_at"]

    @staticmethod
    def resolve_from_status(root, _info):
        return root.from_status or None

    @staticmethod
    def resolve_actor_email(root, _info):
        return root.actor.email if root.actor_id else None


class Certification(DjangoObjectType):
    status = CertificationStatusEnum(required=True)
    label = graphene.Field(Label, required=True)
    product = graphene.Field(Product, required=True)
    cooperative = graphene.Field(Cooperative, required=True)
    certifying_body = graphene.Field(CertifyingBody)
    verification_url = graphene.String(required=True)
    certificate_url = graphene.String(
        description="A short-lived link to the certificate document."
    )
    reviewer_email = graphene.String()
    events = graphene.List(
        graphene.NonNull(CertificationEvent), required=True, description="History, oldest first."
    )

    class Meta:
        model = models.Certification
        description = "A cooperative's claim that its product carries a label, and its review."
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id",
            "code",
            "certificate_number",
            "valid_from",
            "valid_until",
            "reason",
            "reviewed_at",
            "created_at",
        ]

    @classmethod
    def get_node(cls, info, pk):
        return _certifications_for(info.context.user).filter(pk=pk).first()

    @staticmethod
    def resolve_verification_url(root, info):
        return _absolute(info, root.get_absolute_url())

    @staticmethod
    def resolve_certificate_url(root, info):
        if not root.document_id:
            return None
        return _absolute(info, certificate_link(certification=root, user=info.context.user))

    @staticmethod
    def resolve_reviewer_email(root, _info):
        return root.reviewer.email if root.reviewer_id else None

    @staticmethod
    def resolve_events(root, _info):
        return root.events.all()


def _certifications_for(user):
    if not user or not user.is_authenticated:
        return models.Certification.objects.none()
    return certifications_visible_to(user)

