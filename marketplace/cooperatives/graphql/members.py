"""Members and invitations over GraphQL, and the public reading of cooperatives.

Queries: ``cooperatives`` (a connection: approved ones for the public, all of
them, filterable, for council reviewers) and ``cooperative(slug|id)``.
Mutations: invite, accept an invitation, remove a member.
"""

import graphene
from django.db.models import Prefetch
from graphene_django import DjangoObjectType
from saleor.graphql.core.fields import PrefetchingConnectionField

from .. import access, models
from ..models import MembershipRole
from ..selectors.public import cooperative_visible_to, cooperatives_for
from ..services.members import (
    cooperative_invitation_accept,
    cooperative_member_invite,
    cooperative_member_remove,
)
from . import saleor_user  # noqa: F401  (adds ``cooperatives`` to Saleor's User)
from .errors import CooperativeError, CooperativeMutation
from .types import (
    PRIVATE_PREFETCH,
    Cooperative,
    CooperativeMember,
    CooperativeStatusEnum,
    MembershipRoleEnum,
)

# The enum the Cooperative type already exposes for its ``province`` field, so
# that a filter takes the very values a client reads.
CooperativeProvinceEnum = Cooperative._meta.fields["province"].type


class CooperativeInvitation(DjangoObjectType):
    role = MembershipRoleEnum(required=True)

    class Meta:
        model = models.Invitation
        description = "An invitation, sent by e-mail, to act for a cooperative."
        only_fields = ["id", "email", "created_at", "expires_at"]


class CooperativeFilterInput(graphene.InputObjectType):
    status = CooperativeStatusEnum(description="Council reviewers only; others see approved ones.")
    province = CooperativeProvinceEnum(description="One of the region's provinces.")
    search = graphene.String(description="Part of a name (ar/fr) or of the commune.")


def _private_lists_of_cooperatives_of(user):
    mine = access.cooperatives_managed_by(user).values("pk")
    return (
        Prefetch("documents", queryset=models.Document.objects.filter(cooperative__in=mine)),
        Prefetch(
            "transitions",
            queryset=models.CooperativeTransition.objects.filter(
                cooperative__in=mine
            ).select_related("actor"),
        ),
        Prefetch(
            "memberships",
            queryset=models.Membership.objects.filter(cooperative__in=mine).select_related("user"),
        ),
    )


class MembersQueries(graphene.ObjectType):
    cooperatives = PrefetchingConnectionField(
        Cooperative,
        filter=CooperativeFilterInput(description="Filtering options for cooperatives."),
        description=(
            "Cooperatives: approved ones; council reviewers see every status and may filter."
        ),
    )
    cooperative = graphene.Field(
        Cooperative,
        slug=graphene.String(description="Slug of the cooperative."),
        id=graphene.ID(description="ID of the cooperative."),
        description=(
            "One cooperative by slug or ID: approved ones for anyone, others for their "
            "members and council reviewers."
        ),
    )

    @staticmethod
    def resolve_cooperatives(_root, info, filter=None, **_kwargs):
        filter = filter or {}
        user = info.context.user
        cooperatives = cooperatives_for(
            user,
            status=filter.get("status"),
            province=filter.get("province"),
            search=filter.get("search"),
        )
        if access.is_council_reviewer(user):
            # Reviewers read every row's private lists.
            cooperatives = cooperatives.prefetch_related(*PRIVATE_PREFETCH)
        elif user.is_authenticated:
            # A member reads the private lists of its own rows only.
            cooperatives = access.with_viewer_membership(cooperatives, user).prefetch_related(
                *_private_lists_of_cooperatives_of(user)
            )
        return cooperatives

    @staticmethod
    def resolve_cooperative(_root, info, slug=None, id=None):
        pk = None
        if id is not None:
            try:
                type_name, pk = graphene.Node.from_global_id(id)
            except Exception:
                return None
            if type_name != Cooperative._meta.name:
                return None
        return cooperative_visible_to(info.context.user, slug=slug, pk=pk)


class CooperativeMemberInvite(CooperativeMutation):
    invitation = graphene.Field(CooperativeInvitation, description="The invitation sent.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the cooperative.")
        email = graphene.String(required=True, description="E-mail of the person to invite.")
        role = MembershipRoleEnum(description="Role once accepted; manager by default.")

    class Meta:
        description = "Invite someone by e-mail to act for a cooperative (owners only)."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(
            info, data["cooperative"], field="cooperative", only_type=Cooperative
        )
        invitation = cooperative_member_invite(
            cooperative=cooperative,
            inviter=info.context.user,
            email=data["email"],
            role=data.get("role") or MembershipRole.MANAGER,
        )
        return cls(invitation=invitation)


class CooperativeInvitationAccept(CooperativeMutation):
    membership = graphene.Field(CooperativeMember, description="The new membership.")
    cooperative = graphene.Field(Cooperative, description="The cooperative joined.")

    class Arguments:
        token = graphene.String(required=True, description="The token from the e-mail.")

    class Meta:
        description = "Accept an invitation sent to the logged-in user's e-mail."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        membership = cooperative_invitation_accept(token=data["token"], user=info.context.user)
        return cls(membership=membership, cooperative=membership.cooperative)


class CooperativeMemberRemove(CooperativeMutation):
    cooperative = graphene.Field(Cooperative, description="The cooperative, after removal.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the membership (CooperativeMember).")

    class Meta:
        description = (
            "Remove a member: owners remove anyone, a manager themself; never the last owner."
        )
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        membership = cls.get_node_or_error(info, data["id"], only_type=CooperativeMember)
        cooperative = membership.cooperative
        cooperative_member_remove(membership=membership, user=info.context.user)
        return cls(cooperative=cooperative)


class MembersMutations(graphene.ObjectType):
    cooperative_member_invite = CooperativeMemberInvite.Field()
    cooperative_invitation_accept = CooperativeInvitationAccept.Field()
    cooperative_member_remove = CooperativeMemberRemove.Field()
