"""Who may act on labels and certifications.

Council staff holding ``manage_labels`` keep the registry and review claims;
a cooperative's members claim for its products, through the cooperatives'
own membership rules.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives import access as cooperative_access

from .permissions import LabelPermissions


def is_label_manager(user):
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.has_perm(LabelPermissions.MANAGE_LABELS)
    )


def ensure_label_manager(user):
    if not is_label_manager(user):
        raise PermissionDenied(_("Only council staff who manage labels can do this."))


def cooperatives_managed_by(user):
    return cooperative_access.cooperatives_managed_by(user)


def is_member(user, cooperative):
    return cooperative_access.is_member(user, cooperative)


def ensure_member(user, cooperative):
    cooperative_access.ensure_member(user, cooperative)


def can_see_certification(user, certification):
    return is_label_manager(user) or is_member(user, certification.cooperative)
