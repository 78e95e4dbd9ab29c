"""Who may act on which cooperative. Every service and page asks here.

Two layers: council staff hold the global ``manage_cooperatives``
permission; everyone else acts only through a membership, scoped by
``cooperatives_managed_by``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, IntegerField, OuterRef, Value
from django.utils.translation import gettext_lazy as _

from .models import Cooperative, Membership, MembershipRole
from .permissions import CooperativePermissions


def is_council_reviewer(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_perm(CooperativePermissions.MANAGE_COOPERATIVES)
    )


def cooperatives_managed_by(user):
    """The cooperatives this user acts for (as owner or manager)."""
    return Cooperative.objects.managed_by(user)


def membership_of(user, cooperative):
    if not user or not user.is_authenticated or not user.is_active:
        return None
    return Membership.objects.filter(cooperative=cooperative, user=user).first()


def with_viewer_membership(cooperatives, user):
    """Mark on each row whether ``user`` acts for it, so a list asks once, not per row."""
    return cooperatives.annotate(
        viewer_pk=Value(user.pk, output_field=IntegerField()),
        viewer_is_member=Exists(
            Membership.objects.filter(cooperative=OuterRef("pk"), user_id=user.pk)
        ),
    )


def is_member(user, cooperative):
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if getattr(cooperative, "viewer_pk", None) == user.pk:
        return cooperative.viewer_is_member
    return membership_of(user, cooperative) is not None


def is_owner(user, cooperative):
    membership = membership_of(user, cooperative)
    return membership is not None and membership.role == MembershipRole.OWNER


def ensure_member(user, cooperative):
    if not is_member(user, cooperative):
        raise PermissionDenied(_("You do not act for this cooperative."))


def ensure_owner(user, cooperative):
    if not is_owner(user, cooperative):
        raise PermissionDenied(_("Only an owner of this cooperative can do this."))


def ensure_reviewer(user):
    if not is_council_reviewer(user):
        raise PermissionDenied(_("Only council staff who review cooperatives can do this."))


def ensure_member_or_reviewer(user, cooperative):
    if not (is_council_reviewer(user) or is_member(user, cooperative)):
        raise PermissionDenied(_("You do not act for this cooperative."))
