"""Who may act on fairs. Every service and page asks here.

Council staff hold ``manage_fairs``; a cooperative's members act on its own
applications only, through ``marketplace.cooperatives.access``.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.access import cooperatives_managed_by, is_member

from .permissions import FairPermissions


def is_fair_staff(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_perm(FairPermissions.MANAGE_FAIRS)
    )


def ensure_fair_staff(user):
    if not is_fair_staff(user):
        raise PermissionDenied(_("Only council staff who plan fairs can do this."))


def ensure_acts_for(user, cooperative):
    if not is_member(user, cooperative):
        raise PermissionDenied(_("You do not act for this cooperative."))


def can_read_application(user, application):
    return is_fair_staff(user) or is_member(user, application.cooperative)


def applications_visible_to(user, queryset):
    """Staff see every application; members only their cooperatives'."""
    if is_fair_staff(user):
        return queryset
    return queryset.filter(cooperative__in=cooperatives_managed_by(user))
