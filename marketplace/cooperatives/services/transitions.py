"""The one way a cooperative's status changes: checked, locked, recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import CooperativeErrorCode
from ..models import Cooperative, CooperativeStatus, CooperativeTransition


def cooperative_transition(*, cooperative, to_status, actor, reason="", field_comments=None):
    """Move ``cooperative`` to ``to_status`` and record who, when, from what, and why.

    The row is locked first, so two reviewers acting at once produce one
    transition; the second sees the new status and gets an invalid-transition
    error. Returns the refreshed cooperative.
    """
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        to_status = CooperativeStatus(to_status)
        if not locked.can_transition_to(to_status):
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("A cooperative cannot go from “%(from)s” to “%(to)s”."),
                        code=CooperativeErrorCode.INVALID_TRANSITION.value,
                        params={
                            "from": locked.get_status_display(),
                            "to": to_status.label,
                        },
                    )
                }
            )
        now = timezone.now()
        CooperativeTransition.objects.create(
            cooperative=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            reason=reason,
            field_comments=field_comments or {},
            created_at=now,
        )
        locked.status = to_status
        update_fields = ["status", "updated_at"]
        if to_status == CooperativeStatus.SUBMITTED:
            locked.submitted_at = now
            update_fields.append("submitted_at")
        if to_status == CooperativeStatus.APPROVED and locked.approved_at is None:
            locked.approved_at = now
            update_fields.append("approved_at")
        locked.save(update_fields=update_fields)
    cooperative.refresh_from_db()
    return cooperative
