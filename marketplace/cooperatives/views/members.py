"""The members page of a cooperative, and the page where an invitation is accepted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.backoffice.confirm import refuse_unconfirmed
from marketplace.core.forms import add_service_errors

from .. import access
from ..forms.members import InvitationForm
from ..models import Cooperative, Invitation, Membership, MembershipRole
from ..selectors.members import open_invitations
from ..services.members import (
    cooperative_invitation_accept,
    cooperative_invitation_revoke,
    cooperative_member_invite,
    cooperative_member_remove,
)


def _get_cooperative(slug):
    return get_object_or_404(Cooperative, slug=slug)


def _render_members(request, cooperative, form=None, status=200):
    membership = access.membership_of(request.user, cooperative)
    is_owner = membership is not None and membership.role == MembershipRole.OWNER
    context = {
        "cooperative": cooperative,
        "memberships": cooperative.memberships.select_related("user").order_by("created_at", "pk"),
        "invitations": open_invitations(cooperative).select_related("invited_by"),
        "own_membership": membership,
        "is_owner": is_owner,
        "form": form if form is not None else (InvitationForm() if is_owner else None),
    }
    return render(request, "cooperatives/members/list.html", context, status=status)


@login_required
def members(request, slug):
    cooperative = _get_cooperative(slug)
    access.ensure_member_or_reviewer(request.user, cooperative)
    return _render_members(request, cooperative)


@require_POST
@login_required
def invite(request, slug):
    cooperative = _get_cooperative(slug)
    access.ensure_owner(request.user, cooperative)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = cooperative_member_invite(
                cooperative=cooperative,
                inviter=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("backoffice:cooperative-members", slug=cooperative.slug)
    return _render_members(request, cooperative, form=form, status=400)


@require_POST
@login_required
def remove(request, slug, pk):
    cooperative = _get_cooperative(slug)
    membership = get_object_or_404(Membership, pk=pk, cooperative=cooperative)
    if refuse_unconfirmed(request):
        return redirect("backoffice:cooperative-members", slug=cooperative.slug)
    try:
        cooperative_member_remove(membership=membership, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if membership.user_id == request.user.pk:
            messages.success(
                request, _("You no longer act for %(name)s.") % {"name": cooperative.name}
            )
            return redirect("backoffice:home")
        messages.success(
            request, _("%(email)s has been removed.") % {"email": membership.user.email}
        )
    return redirect("backoffice:cooperative-members", slug=cooperative.slug)


@require_POST
@login_required
def revoke(request, slug, pk):
    cooperative = _get_cooperative(slug)
    invitation = get_object_or_404(Invitation, pk=pk, cooperative=cooperative)
    try:
        cooperative_invitation_revoke(invitation=invitation, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The invitation has been withdrawn."))
    return redirect("backoffice:cooperative-members", slug=cooperative.slug)


@login_required
def accept(request, token):
    invitation = get_object_or_404(
        Invitation.objects.select_related("cooperative", "invited_by"), token=token
    )
    error = None
    status = 200
    if request.method == "POST":
        try:
            cooperative_invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            error, status = exc.messages[0], 400
        except PermissionDenied as exc:
            error, status = str(exc), 403
        else:
            messages.success(
                request,
                _("You now act for %(name)s.") % {"name": invitation.cooperative.name},
            )
            return redirect("backoffice:cooperative-members", slug=invitation.cooperative.slug)
    elif invitation.accepted_at and access.is_member(request.user, invitation.cooperative):
        return redirect("backoffice:cooperative-members", slug=invitation.cooperative.slug)
    elif invitation.email.lower() != request.user.email.lower():
        error = _("This invitation was sent to another e-mail address.")
        status = 403
    elif not invitation.is_usable:
        error = _("This invitation is no longer valid. Ask the cooperative for a new one.")
        status = 400
    return render(
        request,
        "cooperatives/members/accept.html",
        {"invitation": invitation, "cooperative": invitation.cooperative, "error": error},
        status=status,
    )
