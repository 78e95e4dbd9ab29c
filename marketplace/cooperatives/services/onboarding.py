"""A cooperative's own application: apply, fill it in step by step, submit it for review."""

import uuid

import phonenumbers
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.core.images import decode_image
from marketplace.core.regions import Province

from .. import access, notifications, validators
from ..errors import CooperativeErrorCode
from ..models import (
    APPLICATION_FIELDS,
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    LegalForm,
    Membership,
    MembershipRole,
    Sector,
)
from .transitions import cooperative_transition

TEXT_FIELDS = (
    "name_fr",
    "name_ar",
    "commune",
    "address",
    "story_fr",
    "story_ar",
    "bank_name",
)
COUNT_FIELDS = ("members_count", "women_members", "young_members")
# The region's largest cooperatives count a few thousand members; a figure
# beyond this is a typing slip (or a probe), not a cooperative.
MAX_MEMBERS = 100_000
EDITABLE_FIELDS = APPLICATION_FIELDS
APPLY_FIELDS = ("name_fr", "name_ar", "legal_form")

# One-segment pages beside the status page at /backoffice/cooperatives/<slug>/.
RESERVED_SLUGS = {"apply", "documents", "review", "invitations", "payouts"}

# What a complete application has; a story in at least one language is checked apart.
REQUIRED_FIELDS = (
    "name_fr",
    "name_ar",
    "legal_form",
    "register_number",
    "ice",
    "province",
    "commune",
    "address",
    "phone",
    "email",
    "members_count",
    "women_members",
    "young_members",
    "sectors",
    "bank_name",
    "rib",
)

LOGO_FORMATS = ("JPEG", "PNG")

UNIQUE_CONSTRAINT_ERRORS = {
    "cooperative_unique_ice": (
        "ice",
        _("Another cooperative is already registered with this ICE."),
        CooperativeErrorCode.DUPLICATE_ICE,
    ),
    "cooperative_unique_register_number": (
        "register_number",
        _("Another cooperative is already registered with this register number."),
        CooperativeErrorCode.DUPLICATE_REGISTER_NUMBER,
    ),
}


def _error(message, code, params=None):
    return ValidationError(message, code=code.value, params=params)


def cooperative_apply(*, user, data):
    """Start an application: a draft cooperative with ``user`` as its owner."""
    if not user or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to apply for a cooperative."))
    unknown = set(data) - set(APPLY_FIELDS)
    if unknown:
        raise ValidationError(
            {
                field: _error(_("This field cannot be set here."), CooperativeErrorCode.INVALID)
                for field in sorted(unknown)
            }
        )
    cooperative = Cooperative(status=CooperativeStatus.DRAFT)
    cleaned = _clean(cooperative, {"legal_form": LegalForm.COOPERATIVE, **data})
    if not cleaned.get("name_fr"):
        raise ValidationError(
            {"name_fr": _error(_("Enter the name in French."), CooperativeErrorCode.REQUIRED)}
        )
    for field, value in cleaned.items():
        setattr(cooperative, field, value)
    with transaction.atomic():
        # Two applicants choosing the same name at once: the slug's unique
        # index decides, the loser takes the next free slug.
        for attempt in range(5):
            cooperative.slug = _free_slug(cooperative.name_fr, attempt)
            cooperative.full_clean(exclude=["slug"])
            try:
                with transaction.atomic():
                    cooperative.save()
                break
            except IntegrityError:
                cooperative.pk = None
                if attempt == 4:
                    raise
        Membership.objects.create(cooperative=cooperative, user=user, role=MembershipRole.OWNER)
    return cooperative


def _free_slug(name, attempt):
    base = slugify(name)[:100].strip("-") or "cooperative"
    if attempt:
        base = f"{base}-{uuid.uuid4().hex[:6]}"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Cooperative.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def cooperative_update(*, cooperative, user, data):
    """Change fields of an application that is still a draft or was sent back for changes.

    ``data`` holds only the fields to change. Every field is checked before
    anything is written; on any error nothing is saved.
    """
    access.ensure_member(user, cooperative)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {
                field: _error(_("This field cannot be changed."), CooperativeErrorCode.INVALID)
                for field in sorted(unknown)
            }
        )
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        ensure_editable(locked)
        cleaned = _clean(locked, data)
        old_logo = locked.logo.name if "logo" in cleaned else None
        for field, value in cleaned.items():
            if field == "logo":
                locked.logo.save(value.name, value, save=False)
            else:
                setattr(locked, field, value)
        new_logo = locked.logo.name if "logo" in cleaned else None
        try:
            locked.full_clean()
            with transaction.atomic():
                locked.save()
        except (IntegrityError, ValidationError) as error:
            if new_logo:
                locked.logo.storage.delete(new_logo)
            if isinstance(error, IntegrityError):
                raise _integrity_error(error) from error
            raise
        if old_logo and old_logo != new_logo:
            storage = locked.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    cooperative.refresh_from_db()
    return cooperative


def ensure_editable(cooperative):
    if not cooperative.is_editable:
        raise ValidationError(
            {
                "status": _error(
                    _("This application cannot be changed while it is “%(status)s”."),
                    CooperativeErrorCode.INVALID_TRANSITION,
                    {"status": cooperative.get_status_display()},
                )
            }
        )


def _integrity_error(error):
    message = str(error)
    for constraint, (field, text, code) in UNIQUE_CONSTRAINT_ERRORS.items():
        if constraint in message:
            return ValidationError({field: _error(text, code)})
    return ValidationError(_("The application could not be saved."), code="invalid")


def _clean(cooperative, data):
    """Normalise and check ``data``; return the cleaned values or raise all errors at once."""
    cleaned, errors = {}, {}
    for field, value in data.items():
        try:
            cleaned[field] = CLEANERS[field](value)
        except ValidationError as error:
            errors[field] = error
    if "ice" not in errors and cleaned.get("ice"):
        if Cooperative.objects.exclude(pk=cooperative.pk).filter(ice=cleaned["ice"]).exists():
            errors["ice"] = _error(
                UNIQUE_CONSTRAINT_ERRORS["cooperative_unique_ice"][1],
                CooperativeErrorCode.DUPLICATE_ICE,
            )
    if "register_number" not in errors and cleaned.get("register_number"):
        duplicates = Cooperative.objects.exclude(pk=cooperative.pk).filter(
            register_number__iexact=cleaned["register_number"]
        )
        if duplicates.exists():
            errors["register_number"] = _error(
                UNIQUE_CONSTRAINT_ERRORS["cooperative_unique_register_number"][1],
                CooperativeErrorCode.DUPLICATE_REGISTER_NUMBER,
            )
    members = cleaned["members_count"] if "members_count" in cleaned else cooperative.members_count
    for field in ("women_members", "young_members"):
        if field in errors or "members_count" in errors:
            continue
        part = cleaned[field] if field in cleaned else getattr(cooperative, field)
        if part is not None and members is not None and part > members:
            errors[field] = _error(
                _("This cannot be more than the number of members."),
                CooperativeErrorCode.INVALID,
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_text(value):
    return (value or "").strip()


def _clean_choice(choices):
    def clean(value):
        value = (value or "").strip()
        if value and value not in choices.values:
            raise _error(_("Select a valid choice."), CooperativeErrorCode.INVALID)
        return value

    return clean


def _clean_legal_form(value):
    value = _clean_choice(LegalForm)(value)
    if not value:
        raise _error(_("Choose a legal form."), CooperativeErrorCode.REQUIRED)
    return value


def _clean_register_number(value):
    return " ".join((value or "").split()).upper()


def _clean_ice(value):
    value = validators.normalize_ice(value)
    if value:
        validators.validate_ice(value)
    return value


def _clean_rib(value):
    value = validators.normalize_rib(value)
    if value:
        validators.validate_rib(value)
    return value


def _clean_phone(value):
    if not value:
        return ""
    validators.validate_moroccan_phone(value)
    number = value if isinstance(value, phonenumbers.PhoneNumber) else None
    number = number or phonenumbers.parse(str(value), "MA")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _clean_email(value):
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise _error(_("Enter a valid e-mail address."), CooperativeErrorCode.INVALID)
    return value


def _clean_date(value):
    if value and value > timezone.localdate():
        raise _error(_("This date is in the future."), CooperativeErrorCode.INVALID)
    return value or None


def _clean_count(value, minimum=0):
    if value is None or value == "":
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _error(_("Enter a whole number, zero or more."), CooperativeErrorCode.INVALID)
    if not minimum <= value <= MAX_MEMBERS:
        raise _error(
            _("Enter a number between %(minimum)s and %(maximum)s."),
            CooperativeErrorCode.INVALID,
            {"minimum": minimum, "maximum": MAX_MEMBERS},
        )
    return value


def _clean_members_count(value):
    return _clean_count(value, minimum=1)


def _clean_sectors(value):
    sectors = []
    for sector in value or []:
        if sector not in Sector.values:
            raise _error(
                _("“%(value)s” is not a known sector."),
                CooperativeErrorCode.INVALID,
                {"value": sector},
            )
        if sector not in sectors:
            sectors.append(sector)
    return sectors


def _clean_logo(upload):
    if not upload:
        raise _error(_("Choose an image."), CooperativeErrorCode.REQUIRED)
    if upload.size is not None and upload.size > settings.DOCUMENT_MAX_BYTES:
        raise _error(_("The image is too large."), CooperativeErrorCode.FILE_TOO_LARGE)
    if decode_image(upload, formats=LOGO_FORMATS) is None:
        raise _error(
            _("The logo must be a JPEG or PNG image."), CooperativeErrorCode.INVALID_FILE_TYPE
        )
    return upload


CLEANERS = {
    **{field: _clean_text for field in TEXT_FIELDS},
    **{field: _clean_count for field in COUNT_FIELDS},
    "members_count": _clean_members_count,
    "legal_form": _clean_legal_form,
    "province": _clean_choice(Province),
    "register_number": _clean_register_number,
    "ice": _clean_ice,
    "rib": _clean_rib,
    "phone": _clean_phone,
    "email": _clean_email,
    "founded_on": _clean_date,
    "sectors": _clean_sectors,
    "logo": _clean_logo,
}


def application_missing(cooperative):
    """What the application still lacks: (field names, document kinds)."""
    fields = [field for field in REQUIRED_FIELDS if getattr(cooperative, field) in ("", None, [])]
    if not (cooperative.story_fr or cooperative.story_ar):
        fields.append("story_fr")
    present = {doc.kind for doc in cooperative.documents.all() if not doc.superseded_at}
    kinds = [kind for kind in REQUIRED_DOCUMENT_KINDS if kind not in present]
    return fields, kinds


def cooperative_submit(*, cooperative, user):
    """Send a complete application to council staff, and tell the owners it arrived."""
    access.ensure_member(user, cooperative)
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        if not locked.can_transition_to(CooperativeStatus.SUBMITTED):
            ensure_editable(locked)
        fields, kinds = application_missing(locked)
        if fields or kinds:
            errors = {
                field: [
                    _error(
                        _("This is needed before you can submit."),
                        CooperativeErrorCode.INCOMPLETE_APPLICATION,
                    )
                ]
                for field in fields
            }
            if kinds:
                errors["documents"] = [
                    _error(
                        _("Upload the document: %(kind)s."),
                        CooperativeErrorCode.INCOMPLETE_APPLICATION,
                        {"kind": kind.label},
                    )
                    for kind in kinds
                ]
            raise ValidationError(errors)
        cooperative_transition(
            cooperative=locked, to_status=CooperativeStatus.SUBMITTED, actor=user
        )
        notifications.send_cooperative_email(
            cooperative=locked, template="cooperatives/emails/submitted"
        )
    cooperative.refresh_from_db()
    return cooperative
