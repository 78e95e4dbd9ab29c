"""Certifications: a cooperative's claim, staff review, expiry and revocation.

Every status change goes through ``_transition``: the row is locked, the
move checked against the state machine, recorded as an event (who, when,
why), and announced with ``certifications_changed`` after commit.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import CooperativeProduct, DocumentKind
from marketplace.cooperatives.notifications import send_cooperative_email
from marketplace.cooperatives.services.documents import document_upload
from marketplace.core.storages import private_storage

from .. import access
from ..errors import LabelErrorCode
from ..models import (
    OPEN_STATUSES,
    Certification,
    CertificationEvent,
    CertificationStatus,
    today_in_morocco,
)
from ..signals import certifications_changed

EXPIRY_WARNING_DAYS = 30


def _error(field, message, code, params=None):
    return ValidationError({field: ValidationError(message, code=code.value, params=params)})


def announce_change(product_ids):
    product_ids = sorted(set(product_ids))
    if product_ids:
        transaction.on_commit(
            lambda: certifications_changed.send(sender=Certification, product_ids=product_ids)
        )


def product_origin_province(product_id, cooperative):
    """Where the product is made: its origin's province, else its cooperative's."""
    from catalog_extensions.origin.models import ProductOrigin

    origin = ProductOrigin.objects.filter(product_id=product_id).only("province").first()
    return (origin.province if origin else "") or cooperative.province


def certification_claim(
    *,
    user,
    product_id,
    label,
    certificate_number="",
    certifying_body=None,
    valid_from,
    valid_until,
    uploaded_file=None,
):
    """A member's claim that one of its cooperative's products carries ``label``.

    Checked before anything is stored: the product is the cooperative's,
    the body may certify this label, the dates are in order and not over,
    a required certificate is there, and an IGP/AOP product is made in the
    label's area. The certificate is filed like the cooperative's other
    papers (checked by content, private, hashed).
    """
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Log in as a member of the product's cooperative."))
    link = (
        CooperativeProduct.objects.select_related("cooperative")
        .filter(product_id=product_id)
        .first()
    )
    if link is None or not access.is_member(user, link.cooperative):
        raise _error(
            "product",
            _("You can claim labels only for your own cooperative's products."),
            LabelErrorCode.PRODUCT_NOT_OWNED,
        )
    cooperative = link.cooperative
    certificate_number = (certificate_number or "").strip()
    if valid_from and valid_until and valid_until < valid_from:
        raise _error(
            "valid_until",
            _("The end of validity must come after its start."),
            LabelErrorCode.INVALID_VALIDITY,
        )
    if valid_until and valid_until < today_in_morocco():
        raise _error(
            "valid_until",
            _("This certificate is no longer valid: its validity has ended."),
            LabelErrorCode.INVALID_VALIDITY,
        )
    allowed_bodies = list(label.certifying_bodies.all())
    if certifying_body is not None and allowed_bodies and certifying_body not in allowed_bodies:
        raise _error(
            "certifying_body",
            _("This body is not approved to certify “%(label)s”."),
            LabelErrorCode.CERTIFYING_BODY_NOT_ALLOWED,
            {"label": label.name},
        )
    if label.certificate_required:
        if certifying_body is None:
            raise _error(
                "certifying_body",
                _("Choose the body that issued the certificate."),
                LabelErrorCode.REQUIRED,
            )
        if not certificate_number:
            raise _error(
                "certificate_number",
                _("Enter the certificate number."),
                LabelErrorCode.REQUIRED,
            )
        if uploaded_file is None:
            raise _error(
                "file",
                _("This label requires the certificate: attach it as PDF, JPEG or PNG."),
                LabelErrorCode.CERTIFICATE_REQUIRED,
            )
    if label.has_area:
        province = product_origin_province(product_id, cooperative)
        if province not in label.provinces:
            raise _error(
                "label",
                _(
                    "“%(label)s” protects products made in %(area)s only; "
                    "this product is made outside that area."
                ),
                LabelErrorCode.OUTSIDE_PROTECTED_AREA,
                {"label": label.name, "area": ", ".join(label.province_names)},
            )
    if Certification.objects.filter(
        product_id=product_id, label=label, status__in=OPEN_STATUSES
    ).exists():
        raise _already_claimed(label)

    with transaction.atomic():
        document = None
        if uploaded_file is not None:
            document = document_upload(
                cooperative=cooperative,
                user=user,
                kind=DocumentKind.LABEL_CERTIFICATE,
                uploaded_file=uploaded_file,
            )
        certification = Certification(
            product_id=product_id,
            label=label,
            cooperative=cooperative,
            certificate_number=certificate_number,
            certifying_body=certifying_body,
            valid_from=valid_from,
            valid_until=valid_until,
            document=document,
            claimed_by=user,
        )
        certification.full_clean(exclude=["product", "cooperative", "document", "label"])
        try:
            with transaction.atomic():
                certification.save()
        except IntegrityError:
            if document is not None:
                private_storage.delete(document.file.name)
            raise _already_claimed(label)
        CertificationEvent.objects.create(
            certification=certification,
            from_status="",
            to_status=CertificationStatus.PENDING,
            actor=user,
        )
    return certification


def _already_claimed(label):
    return _error(
        "label",
        _("This product already has a claim for “%(label)s” waiting or verified."),
        LabelErrorCode.ALREADY_CLAIMED,
        {"label": label.name},
    )


def _transition(*, certification, to_status, actor, reason="", check=None, review=True):
    with transaction.atomic():
        locked = (
            Certification.objects.select_for_update(of=("self",))
            .select_related("cooperative", "label")
            .get(pk=certification.pk)
        )
        to_status = CertificationStatus(to_status)
        if not locked.can_transition_to(to_status):
            raise _error(
                "status",
                _("A certification cannot go from “%(from)s” to “%(to)s”."),
                LabelErrorCode.INVALID_TRANSITION,
                {"from": locked.get_status_display(), "to": to_status.label},
            )
        if check is not None:
            check(locked)
        now = timezone.now()
        CertificationEvent.objects.create(
            certification=locked,
            from_status=locked.status,
            to_status=to_status,
            actor=actor,
            reason=reason,
            created_at=now,
        )
        locked.status = to_status
        update_fields = ["status", "updated_at"]
        if review:
            locked.reviewer = actor
            locked.reviewed_at = now
            locked.reason = reason
            update_fields += ["reviewer", "reviewed_at", "reason"]
        locked.save(update_fields=update_fields)
        announce_change([locked.product_id])
    return locked


def _not_own_claim(user):
    def check(locked):
        if access.is_member(user, locked.cooperative):
            raise _error(
                "id",
                _("You act for this cooperative: another member of staff must review its claim."),
                LabelErrorCode.OWN_CLAIM,
            )

    return check


def _reason_required(reason):
    reason = (reason or "").strip()
    if not reason:
        raise _error("reason", _("Say why."), LabelErrorCode.REQUIRED)
    return reason


def certification_verify(*, certification, user):
    """Staff confirm the certificate: the label shows on the product from its first valid day."""
    access.ensure_label_manager(user)
    own_claim = _not_own_claim(user)

    def check(locked):
        own_claim(locked)
        if locked.valid_until < today_in_morocco():
            raise _error(
                "valid_until",
                _("This certificate is no longer valid: its validity has ended."),
                LabelErrorCode.INVALID_VALIDITY,
            )

    return _transition(
        certification=certification,
        to_status=CertificationStatus.VERIFIED,
        actor=user,
        check=check,
    )


def certification_reject(*, certification, user, reason):
    access.ensure_label_manager(user)
    reason = _reason_required(reason)
    certification = _transition(
        certification=certification,
        to_status=CertificationStatus.REJECTED,
        actor=user,
        reason=reason,
        check=_not_own_claim(user),
    )
    _notify(certification, "rejected", {"reason": reason})
    return certification


def certification_revoke(*, certification, user, reason):
    """Withdraw a verified certification (fraud, withdrawn certificate…): the badge disappears."""
    access.ensure_label_manager(user)
    reason = _reason_required(reason)
    certification = _transition(
        certification=certification,
        to_status=CertificationStatus.REVOKED,
        actor=user,
        reason=reason,
    )
    _notify(certification, "revoked", {"reason": reason})
    return certification


def _notify(certification, template, context=None):
    send_cooperative_email(
        cooperative=certification.cooperative,
        template=f"labels/emails/{template}",
        context={"certification": certification, "label": certification.label, **(context or {})},
    )


def certifications_expire(*, on_date=None):
    """The daily round: expire what ended before ``on_date``, warn of what ends within 30 days.

    Safe to run twice on the same day, or concurrently: each warning and each
    expiry notice is claimed by a conditional update before it is sent.
    Returns (expired, warned) counts.
    """
    on_date = on_date or today_in_morocco()
    expired = warned = 0
    ending = Certification.objects.filter(
        status=CertificationStatus.VERIFIED, valid_until__lt=on_date
    ).values_list("pk", flat=True)
    for pk in list(ending):
        with transaction.atomic():
            try:
                certification = _transition(
                    certification=Certification(pk=pk),
                    to_status=CertificationStatus.EXPIRED,
                    actor=None,
                    reason="",
                    review=False,
                )
            except ValidationError:
                continue  # revoked or expired by someone else meanwhile
            expired += 1
            if _claim_once(pk, "expiry_notice_sent_at"):
                _notify(certification, "expired")
    soon = Certification.objects.filter(
        status=CertificationStatus.VERIFIED,
        valid_until__gte=on_date,
        valid_until__lte=on_date + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        expiry_warning_sent_at__isnull=True,
    ).select_related("cooperative", "label")
    for certification in soon:
        with transaction.atomic():
            if _claim_once(certification.pk, "expiry_warning_sent_at"):
                warned += 1
                _notify(certification, "expiry_warning")
    return expired, warned


def _claim_once(pk, field):
    return bool(
        Certification.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )
