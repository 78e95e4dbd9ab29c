import secrets
import zoneinfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import CooperativeStatus
from marketplace.core.languages import in_language
from marketplace.core.regions import Province

from .permissions import LabelPermissions

MOROCCO = zoneinfo.ZoneInfo("Africa/Casablanca")


def today_in_morocco():
    """The calendar date in Morocco: a certificate valid until D is valid all of D there."""
    return timezone.now().astimezone(MOROCCO).date()


class LabelKind(models.TextChoices):
    IGP = "igp", _("Protected geographical indication (IGP)")
    AOP = "aop", _("Protected designation of origin (AOP)")
    LABEL_AGRICOLE = "label_agricole", _("Label Agricole")
    ORGANIC = "organic", _("Organic")
    REGIONAL_MARK = "regional_mark", _("Regional mark")
    OTHER = "other", _("Other label")


# Signs of origin (law 25-06) whose product must come from a defined area.
AREA_KINDS = {LabelKind.IGP, LabelKind.AOP}


class CertifyingBody(models.Model):
    """An organisation approved to certify products against a label's specification."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("certifying body")
        verbose_name_plural = _("certifying bodies")

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        if (get_language() or "")[:2] == "ar" and self.name_ar:
            return self.name_ar
        return self.name


class Label(models.Model):
    """A sign of origin or quality a product may carry: an IGP, an AOP, Label Agricole, organic…

    Staff keep the registry: what the label guarantees, which bodies may
    certify it, and for IGP/AOP the product it protects and its area.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=LabelKind.choices)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    guarantees_fr = models.TextField(_("what it guarantees, in French"), blank=True)
    guarantees_ar = models.TextField(_("what it guarantees, in Arabic"), blank=True)
    guarantees_en = models.TextField(_("what it guarantees, in English"), blank=True)
    certifying_bodies = models.ManyToManyField(
        CertifyingBody, related_name="labels", blank=True, verbose_name=_("certifying bodies")
    )
    certificate_required = models.BooleanField(_("certificate required"), default=True)
    logo = models.ImageField(_("logo"), upload_to="label-logos", blank=True)
    protected_product_fr = models.CharField(
        _("protected product, in French"), max_length=200, blank=True
    )
    protected_product_ar = models.CharField(
        _("protected product, in Arabic"), max_length=200, blank=True
    )
    provinces = ArrayField(
        models.CharField(max_length=20, choices=Province.choices),
        default=list,
        blank=True,
        verbose_name=_("geographical area (provinces)"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("kind", "name_fr", "pk")
        permissions = (
            (LabelPermissions.MANAGE_LABELS.codename, "Manage labels and review certifications."),
        )

    def __str__(self):
        return self.name_fr

    def get_absolute_url(self):
        return reverse("labels:label-detail", kwargs={"slug": self.slug})

    @property
    def name(self):
        return in_language(self, "name")

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def guarantees(self):
        return in_language(self, "guarantees")

    @property
    def protected_product(self):
        if (get_language() or "")[:2] == "ar" and self.protected_product_ar:
            return self.protected_product_ar
        return self.protected_product_fr

    @property
    def has_area(self):
        return self.kind in AREA_KINDS

    @property
    def province_names(self):
        names = dict(Province.choices)
        return [str(names.get(code, code)) for code in self.provinces]


class CertificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


ALLOWED_TRANSITIONS = {
    CertificationStatus.PENDING: {CertificationStatus.VERIFIED, CertificationStatus.REJECTED},
    CertificationStatus.VERIFIED: {CertificationStatus.EXPIRED, CertificationStatus.REVOKED},
    CertificationStatus.REJECTED: set(),
    CertificationStatus.EXPIRED: set(),
    CertificationStatus.REVOKED: set(),
}

# A product holds at most one claim of each label that is waiting or standing.
OPEN_STATUSES = (CertificationStatus.PENDING, CertificationStatus.VERIFIED)


def certification_code():
    """The public code in the verification URL: random, so no one can walk the list."""
    return secrets.token_urlsafe(12)


class CertificationQuerySet(models.QuerySet):
    def displayable(self, on_date=None):
        """What shoppers see: verified, valid on ``on_date``, sold by an approved cooperative."""
        on_date = on_date or today_in_morocco()
        return self.filter(
            status=CertificationStatus.VERIFIED,
            valid_from__lte=on_date,
            valid_until__gte=on_date,
            cooperative__status=CooperativeStatus.APPROVED,
        )

    def pending(self):
        return self.filter(status=CertificationStatus.PENDING)

    def of_cooperatives(self, cooperatives):
        return self.filter(cooperative__in=cooperatives)


class Certification(models.Model):
    """A cooperative's claim that one of its products carries a label, with its evidence.

    Staff check the certificate and verify or reject the claim; a verified
    certification shows as a badge until its validity ends (then it
    expires) or staff revoke it. Anyone can check it at ``/verify/<code>/``.
    """

    product = models.ForeignKey(
        "product.Product", on_delete=models.CASCADE, related_name="certifications"
    )
    label = models.ForeignKey(Label, on_delete=models.PROTECT, related_name="certifications")
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="certifications"
    )
    certificate_number = models.CharField(_("certificate number"), max_length=80, blank=True)
    certifying_body = models.ForeignKey(
        CertifyingBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certifications",
        verbose_name=_("certifying body"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.ForeignKey(
        "cooperatives.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certifications",
    )
    status = models.CharField(
        max_length=10, choices=CertificationStatus.choices, default=CertificationStatus.PENDING
    )
    code = models.CharField(max_length=32, unique=True, default=certification_code, editable=False)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # When the cooperative was warned of the coming end, and told of the expiry: once each.
    expiry_warning_sent_at = models.DateTimeField(null=True, blank=True)
    expiry_notice_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "pk")
        constraints = [
            models.CheckConstraint(
                check=Q(valid_until__gte=models.F("valid_from")),
                name="certification_validity_in_order",
            ),
            models.UniqueConstraint(
                fields=["product", "label"],
                condition=Q(status__in=["pending", "verified"]),
                name="certification_one_open_claim_per_label",
            ),
        ]

    def __str__(self):
        return f"{self.label} — {self.product_id} ({self.status})"

    def get_absolute_url(self):
        return reverse("labels:verify", kwargs={"code": self.code})

    def can_transition_to(self, status):
        return status in ALLOWED_TRANSITIONS[CertificationStatus(self.status)]

    def is_displayable(self, on_date=None):
        on_date = on_date or today_in_morocco()
        return (
            self.status == CertificationStatus.VERIFIED
            and self.valid_from <= on_date <= self.valid_until
            and self.cooperative.status == CooperativeStatus.APPROVED
        )

    def public_state(self, on_date=None):
        """What the verification page tells a shopper: valid, not yet valid, expired, revoked…"""
        on_date = on_date or today_in_morocco()
        if self.status == CertificationStatus.VERIFIED:
            if on_date > self.valid_until:
                return CertificationStatus.EXPIRED
            if on_date < self.valid_from:
                return "not_yet_valid"
            if self.cooperative.status != CooperativeStatus.APPROVED:
                return "suspended"
            return "valid"
        return self.status


class CertificationEvent(models.Model):
    """One change to a certification: its claim, verification, rejection, expiry or revocation."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(max_length=10, choices=CertificationStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CertificationStatus.choices)
    # None when the daily expiry task made the change.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self):
        return f"{self.certification_id}: {self.from_status or '∅'} → {self.to_status}"
