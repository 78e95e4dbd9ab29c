"""GraphQL types of the cooperatives domain.

Public fields are readable by anyone for approved cooperatives: the profile
a shopper sees, with the contact the cooperative chose to publish. The rest
(legal identity, private contacts and address, bank and payout details,
documents, history, members) only by the cooperative's members and by
council reviewers — each such resolver asks ``can_see_private``.
"""

import graphene
from django.db.models import Prefetch
from graphene_django import DjangoObjectType
from saleor.graphql.core.connection import CountableConnection

from .. import access, models
from ..models import CooperativeStatus

CooperativeStatusEnum = graphene.Enum.from_enum(CooperativeStatus)
LegalFormEnum = graphene.Enum.from_enum(models.LegalForm)
DocumentKindEnum = graphene.Enum.from_enum(models.DocumentKind)
MembershipRoleEnum = graphene.Enum.from_enum(models.MembershipRole)


def can_see_private(info, cooperative):
    """Whether the caller may read ``cooperative``'s private fields: its members and reviewers.

    A query asks the database once, however many cooperatives and fields it
    reads; a mutation asks each time, as memberships may change in between.
    """
    context = info.context
    user = context.user
    if info.operation.operation != "query":
        return access.is_council_reviewer(user) or access.is_member(user, cooperative)
    cached = getattr(context, "_cooperatives_private_access", None)
    if cached is None:
        managed = set(access.cooperatives_managed_by(user).values_list("pk", flat=True))
        cached = (access.is_council_reviewer(user), managed)
        context._cooperatives_private_access = cached
    is_reviewer, managed = cached
    return is_reviewer or cooperative.pk in managed


def private_field(field_type, description, attribute=None, convert=None):
    """A field of ``Cooperative`` that only its members and council reviewers read."""

    def resolve(root, info):
        if not can_see_private(info, root):
            return None
        value = getattr(root, attribute)
        return convert(value) if convert else value

    return field_type(
        description=f"{description} (members and council reviewers only).", resolver=resolve
    )


class CooperativeTransition(DjangoObjectType):
    from_status = CooperativeStatusEnum(required=True)
    to_status = CooperativeStatusEnum(required=True)
    actor_email = graphene.String()
    field_comments = graphene.JSONString(required=True)

    class Meta:
        model = models.CooperativeTransition
        description = "One step of a cooperative's review history."
        only_fields = ["id", "reason", "created_at"]

    @staticmethod
    def resolve_actor_email(root, _info):
        return root.actor.email if root.actor_id else None


class CooperativeDocument(DjangoObjectType):
    kind = DocumentKindEnum(required=True)
    url = graphene.String(
        required=True, description="A short-lived link to the file (members and staff only)."
    )

    class Meta:
        model = models.Document
        description = "A paper filed by a cooperative, kept privately."
        only_fields = [
            "id", "original_name", "content_type", "size", "sha256", "uploaded_at",
            "superseded_at",
        ]

    @staticmethod
    def resolve_url(root, info):
        from ..services.documents import document_link

        link = document_link(document=root, user=info.context.user)
        return info.context.build_absolute_uri(link)


class CooperativeMember(DjangoObjectType):
    role = MembershipRoleEnum(required=True)
    email = graphene.String(required=True)

    class Meta:
        model = models.Membership
        description = "A person who acts for a cooperative."
        interfaces = [graphene.relay.Node]
        only_fields = ["id", "created_at"]

    @staticmethod
    def resolve_email(root, _info):
        return root.user.email


def _phone_or_none(value):
    return str(value) if value else None


def _text_or_none(value):
    return value or None


class Cooperative(DjangoObjectType):
    name = graphene.String(required=True, description="Name in the request's language.")
    story = graphene.String(required=True, description="Story in the request's language.")
    status = CooperativeStatusEnum(required=True)
    legal_form = LegalFormEnum(required=True)
    sectors = graphene.List(graphene.NonNull(graphene.String), required=True)
    logo_url = graphene.String()
    public_phone = graphene.String(description="Phone number the cooperative publishes.")
    public_email = graphene.String(description="E-mail address the cooperative publishes.")
    public_whatsapp = graphene.String(
        description="WhatsApp number the cooperative publishes."
    )

    register_number = private_field(graphene.String, "Register number", "register_number")
    ice = private_field(graphene.String, "ICE", "ice")
    address = private_field(graphene.String, "Postal address", "address")
    phone = private_field(
        graphene.String, "Phone for the council", "phone", convert=_phone_or_none
    )
    email = private_field(graphene.String, "E-mail for the council", "email")
    bank_name = private_field(graphene.String, "Bank of the payout account", "bank_name")
    rib = private_field(graphene.String, "Payout RIB", "rib")
    submitted_at = private_field(graphene.DateTime, "When it was last submitted", "submitted_at")
    documents = graphene.List(
        graphene.NonNull(CooperativeDocument),
        description="Current documents (members and council reviewers only).",
    )
    transitions = graphene.List(
        graphene.NonNull(CooperativeTransition),
        description="Review history, oldest first (members and council reviewers only).",
    )
    members = graphene.List(
        graphene.NonNull(CooperativeMember),
        description="Members (members and council reviewers only).",
    )

    class Meta:
        model = models.Cooperative
        description = "A social and solidarity economy producer selling on the marketplace."
        interfaces = [graphene.relay.Node]
        connection_class = CountableConnection
        only_fields = [
            "id", "slug", "name_fr", "name_ar", "province", "commune", "founded_on",
            "members_count", "women_members", "young_members", "story_fr", "story_ar",
            "created_at", "approved_at",
        ]

    @staticmethod
    def resolve_name(root, _info):
        return root.name

    @staticmethod
    def resolve_story(root, _info):
        return root.story

    @staticmethod
    def resolve_logo_url(root, info):
        return info.context.build_absolute_uri(root.logo.url) if root.logo else None

    @staticmethod
    def resolve_public_phone(root, _info):
        return _phone_or_none(root.public_phone)

    @staticmethod
    def resolve_public_email(root, _info):
        return _text_or_none(root.public_email)

    @staticmethod
    def resolve_public_whatsapp(root, _info):
        return _phone_or_none(root.public_whatsapp)

    # The private lists read `.all()` so that a list resolver's prefetch
    # (see PRIVATE_PREFETCH) serves every row from one query each.

    @staticmethod
    def resolve_documents(root, info):
        if not can_see_private(info, root):
            return None
        return [document for document in root.documents.all() if document.superseded_at is None]

    @staticmethod
    def resolve_transitions(root, info):
        if not can_see_private(info, root):
            return None
        return root.transitions.all()

    @staticmethod
    def resolve_members(root, info):
        if not can_see_private(info, root):
            return None
        return root.memberships.all()


PRIVATE_PREFETCH = (
    "documents",
    Prefetch("transitions", queryset=models.CooperativeTransition.objects.select_related("actor")),
    Prefetch("memberships", queryset=models.Membership.objects.select_related("user")),
)
