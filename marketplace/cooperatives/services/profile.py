"""What a cooperative publishes about itself for shoppers: its public contact."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import access
from ..errors import CooperativeErrorCode
from ..models import PUBLIC_CONTACT_FIELDS, Cooperative
from .onboarding import _clean_email, _clean_phone

CLEANERS = {
    "public_phone": _clean_phone,
    "public_email": _clean_email,
    "public_whatsapp": _clean_phone,
}


def cooperative_public_contact_update(*, cooperative, user, data):
    """Set the contacts shown on the cooperative's public page; an empty value unpublishes it.

    Members may change them in any status: they are not part of what the
    council reviews, and never replace the private contacts it uses.
    """
    access.ensure_member(user, cooperative)
    errors, cleaned = {}, {}
    for field, value in data.items():
        if field not in PUBLIC_CONTACT_FIELDS:
            errors[field] = ValidationError(
                _("This field cannot be changed."), code=CooperativeErrorCode.INVALID.value
            )
            continue
        try:
            cleaned[field] = CLEANERS[field](value)
        except ValidationError as error:
            errors[field] = error
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        for field, value in cleaned.items():
            setattr(locked, field, value)
        locked.full_clean()
        locked.save(update_fields=[*cleaned, "updated_at"])
    cooperative.refresh_from_db()
    return cooperative
