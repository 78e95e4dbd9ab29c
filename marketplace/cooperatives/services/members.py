"""Who acts for a cooperative: invitations by e-mail, accepting them, removing members.

Owners invite and remove; a manager may leave on their own. A cooperative
always keeps at least one owner.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import access
from ..errors import CooperativeErrorCode
from ..models import Cooperative, Invitation, Membership, MembershipRole
from ..notifications import send_cooperative_email
from ..selectors.members import open_invitations

INVITATION_LIFETIME = datetime.timedelta(days=7)
INVITATION_EMAIL = "cooperatives/emails/invitation"


def invitation_accept_url(invitation):
    # The link is the same for both languages of the e-mail: the default
    # language has no prefix, and the page follows the reader's choice.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "backoffice:cooperative-invitation-accept", kwargs={"token": invitation.token}
        )
    return f"{settings.SITE_URL}{path}"


def _clean_email(email):
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {
                "email": ValidationError(
                    _("Enter a valid e-mail address."), code=CooperativeErrorCode.INVALID.value
                )
            }
        )
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


def _clean_role(role):
    if role not in MembershipRole.values:
        raise ValidationError(
            {
                "role": ValidationError(
                    _("Choose a valid role."), code=CooperativeErrorCode.INVALID.value
                )
            }
        )
    return MembershipRole(role)


def cooperative_member_invite(*, cooperative, inviter, email, role=MembershipRole.MANAGER):
    """Invite ``email`` to act for ``cooperative``; an open invitation is sent again.

    Returns the invitation. The e-mail carries the acceptance link and
    leaves once the transaction commits.
    """
    access.ensure_owner(inviter, cooperative)
    email = _clean_email(email)
    role = _clean_role(role)
    with transaction.atomic():
        # One open invitation per address, even when an owner double-submits.
        cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        if cooperative.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError(
                {
                    "email": ValidationError(
                        _("%(email)s already acts for this cooperative."),
                        code=CooperativeErrorCode.ALREADY_MEMBER.value,
                        params={"email": email},
                    )
                }
            )
        now = timezone.now()
        invitation = open_invitations(cooperative).filter(email__iexact=email).first()
        if invitation is None:
            invitation = Invitation(cooperative=cooperative, email=email)
        invitation.role = role
        invitation.invited_by = inviter
        invitation.expires_at = now + INVITATION_LIFETIME
        invitation.full_clean()
        invitation.save()
        send_cooperative_email(
            cooperative=cooperative,
            template=INVITATION_EMAIL,
            context={
                "invitation": invitation,
                "inviter": inviter,
                "accept_url": invitation_accept_url(invitation),
            },
            recipients=[invitation.email],
        )
    return invitation


def _invalid_invitation():
    return ValidationError(
        {
            "token": ValidationError(
                _("This invitation is no longer valid. Ask the cooperative for a new one."),
                code=CooperativeErrorCode.INVALID_INVITATION.value,
            )
        }
    )


def cooperative_invitation_accept(*, token, user):
    """Make ``user`` a member through the invitation ``token``; returns the membership.

    Accepting twice (a double submit) returns the same membership.
    """
    if not user or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to accept an invitation."))
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("cooperative")
            .filter(token=token or "")
            .first()
        )
        if invitation is None:
            raise _invalid_invitation()
        if invitation.email.lower() != user.email.lower():
            raise PermissionDenied(_("This invitation was sent to another e-mail address."))
        membership = Membership.objects.filter(
            cooperative=invitation.cooperative, user=user
        ).first()
        if invitation.accepted_at is not None and membership is not None:
            return membership
        if not invitation.is_usable:
            raise _invalid_invitation()
        if membership is None:
            membership = Membership(
                cooperative=invitation.cooperative, user=user, role=invitation.role
            )
            membership.full_clean()
            membership.save()
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def cooperative_invitation_revoke(*, invitation, user):
    """Withdraw an invitation that has not been used yet."""
    access.ensure_owner(user, invitation.cooperative)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise _invalid_invitation()
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def cooperative_member_remove(*, membership, user):
    """Remove a member: owners may remove anyone, a manager only themself.

    The cooperative's memberships are locked first, so two owners removing
    each other at once cannot leave it without an owner.
    """
    if not user or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Only an owner of this cooperative can do this."))
    with transaction.atomic():
        memberships = list(
            Membership.objects.select_for_update()
            .filter(cooperative_id=membership.cooperative_id)
            .order_by("pk")
        )
        target = next((m for m in memberships if m.pk == membership.pk), None)
        acting = next((m for m in memberships if m.user_id == user.pk), None)
        if acting is None or (acting.role != MembershipRole.OWNER and acting != target):
            raise PermissionDenied(_("Only an owner of this cooperative can do this."))
        if target is None:
            raise ValidationError(
                {
                    "id": ValidationError(
                        _("This person no longer acts for the cooperative."),
                        code=CooperativeErrorCode.NOT_FOUND.value,
                    )
                }
            )
        owners = [m for m in memberships if m.role == MembershipRole.OWNER]
        if target.role == MembershipRole.OWNER and len(owners) == 1:
            raise ValidationError(
                {
                    "id": ValidationError(
                        _("The last owner of a cooperative cannot be removed."),
                        code=CooperativeErrorCode.LAST_OWNER.value,
                    )
                }
            )
        target.delete()
