import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField, JSONField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from marketplace.core.regions import Province
from marketplace.core.storages import private_storage

from .permissions import CooperativePermissions


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    ASSOCIATION = "association", _("Association")
    GIE = "gie", _("Economic interest group")


class Sector(models.TextChoices):
    OLIVE_OIL = "olive-oil", _("Olive oil")
    HONEY = "honey", _("Honey and bee products")
    NUTS_DRIED_FRUIT = "nuts-dried-fruit", _("Nuts and dried fruit")
    CEREALS = "cereals", _("Cereals and couscous")
    AROMATIC_PLANTS = "aromatic-plants", _("Aromatic and medicinal plants")
    DAIRY = "dairy", _("Dairy")
    POTTERY = "pottery", _("Pottery and ceramics")
    TEXTILES = "textiles", _("Weaving and embroidery")
    WOODWORK = "woodwork", _("Woodwork")
    COSMETICS = "cosmetics", _("Natural cosmetics")
    OTHER = "other", _("Other")


class CooperativeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


ALLOWED_TRANSITIONS = {
    CooperativeStatus.DRAFT: {CooperativeStatus.SUBMITTED},
    CooperativeStatus.SUBMITTED: {
        CooperativeStatus.APPROVED,
        CooperativeStatus.REJECTED,
        CooperativeStatus.CHANGES_REQUESTED,
    },
    CooperativeStatus.CHANGES_REQUESTED: {CooperativeStatus.SUBMITTED},
    CooperativeStatus.APPROVED: {CooperativeStatus.SUSPENDED},
    CooperativeStatus.SUSPENDED: {CooperativeStatus.APPROVED},
    CooperativeStatus.REJECTED: set(),
}

# What a cooperative fills in when it applies, in the order of the application form.
APPLICATION_FIELDS = (
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
    "founded_on",
    "members_count",
    "women_members",
    "young_members",
    "sectors",
    "story_fr",
    "story_ar",
    "logo",
    "bank_name",
    "rib",
)

# What the cooperative publishes for shoppers to reach it, editable in any status.
PUBLIC_CONTACT_FIELDS = ("public_phone", "public_email", "public_whatsapp")

# Statuses in which the cooperative may still edit its application.
EDITABLE_STATUSES = {CooperativeStatus.DRAFT, CooperativeStatus.CHANGES_REQUESTED}


class CooperativeQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CooperativeStatus.APPROVED)

    def awaiting_review(self):
        return self.filter(status=CooperativeStatus.SUBMITTED).order_by("submitted_at", "pk")

    def managed_by(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(memberships__user=user)

    def in_province(self, province):
        return self.filter(province=province)


class Cooperative(models.Model):
    """A social and solidarity economy producer that sells on the marketplace.

    It applies with its legal identity and papers, is reviewed by council
    staff, and once approved runs its own shop: products, stock (in its own
    Saleor warehouse) and the order lines of its products.
    """

    slug = models.SlugField(max_length=120, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.COOPERATIVE
    )
    register_number = models.CharField(_("register number"), max_length=40, blank=True)
    ice = models.CharField(_("ICE"), max_length=15, blank=True)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # The contacts above are for the council; these are the ones the
    # cooperative chooses to publish on its page, and may leave empty.
    public_phone = PhoneNumberField(_("public phone"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_whatsapp = PhoneNumberField(_("public WhatsApp number"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    members_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    women_members = models.PositiveIntegerField(_("women members"), null=True, blank=True)
    young_members = models.PositiveIntegerField(_("young members"), null=True, blank=True)
    sectors = ArrayField(
        models.CharField(max_length=30, choices=Sector.choices), default=list, blank=True
    )
    story_fr = models.TextField(_("story in French"), blank=True)
    story_ar = models.TextField(_("story in Arabic"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="cooperative-logos", blank=True)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    rib = models.CharField(_("RIB"), max_length=24, blank=True)
    status = models.CharField(
        max_length=20, choices=CooperativeStatus.choices, default=CooperativeStatus.DRAFT
    )
    commission_rate = models.DecimalField(
        _("commission rate"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share kept by the marketplace; empty means the default rate."),
    )
    warehouse = models.OneToOneField(
        "warehouse.Warehouse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cooperative",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        ordering = ("name_fr", "pk")
        permissions = (
            (
                CooperativePermissions.MANAGE_COOPERATIVES.codename,
                "Review and manage cooperatives.",
            ),
        )
        constraints = [
            models.UniqueConstraint(
                fields=["ice"], condition=~Q(ice=""), name="cooperative_unique_ice"
            ),
            models.UniqueConstraint(
                fields=["register_number"],
                condition=~Q(register_number=""),
                name="cooperative_unique_register_number",
            ),
        ]

    def __str__(self):
        return self.name_fr

    def get_absolute_url(self):
        return reverse("storefront:cooperative-detail", kwargs={"slug": self.slug})

    @property
    def name(self):
        """The name in the active language, falling back to French."""
        if get_language() == "ar" and self.name_ar:
            return self.name_ar
        return self.name_fr

    @property
    def story(self):
        if get_language() == "ar" and self.story_ar:
            return self.story_ar
        return self.story_fr

    @property
    def is_approved(self):
        return self.status == CooperativeStatus.APPROVED

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    def can_transition_to(self, status):
        return status in ALLOWED_TRANSITIONS[CooperativeStatus(self.status)]

    def effective_commission_rate(self):
        if self.commission_rate is not None:
            return self.commission_rate
        return CommissionPolicy.current().default_rate


class CooperativeTransition(models.Model):
    """One step in a cooperative's review history: who moved it, from what, to what, why."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20, choices=CooperativeStatus.choices)
    to_status = models.CharField(max_length=20, choices=CooperativeStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    # For "changes requested": {"ice": "…", "document:statutes": "…"}.
    field_comments = JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self):
        return f"{self.cooperative}: {self.from_status} → {self.to_status}"


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")


class Membership(models.Model):
    """A person who acts for a cooperative: its owners, and the managers they invite."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cooperative_memberships"
    )
    role = models.CharField(max_length=10, choices=MembershipRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "user"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} ({self.role}) @ {self.cooperative}"


def invitation_token():
    return uuid.uuid4().hex


class Invitation(models.Model):
    """An owner's invitation, sent by e-mail, for someone to join as a manager."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(
        max_length=10, choices=MembershipRole.choices, default=MembershipRole.MANAGER
    )
    token = models.CharField(max_length=32, unique=True, default=invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self):
        return f"{self.email} → {self.cooperative}"

    @property
    def is_usable(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class DocumentKind(models.TextChoices):
    STATUTES = "statutes", _("Statutes")
    REGISTER_CERTIFICATE = "register_certificate", _("Register certificate")
    ICE_ATTESTATION = "ice_attestation", _("ICE attestation")
    BANK_RIB = "bank_rib", _("Bank RIB")
    LABEL_CERTIFICATE = "label_certificate", _("Label certificate")
    OTHER = "other", _("Other")


REQUIRED_DOCUMENT_KINDS = (
    DocumentKind.STATUTES,
    DocumentKind.REGISTER_CERTIFICATE,
    DocumentKind.ICE_ATTESTATION,
    DocumentKind.BANK_RIB,
)


class DocumentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


def document_upload_to(instance, filename):
    # The stored name never contains the uploader's file name.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    suffix = extension.get(instance.content_type, "bin")
    return f"cooperatives/{instance.cooperative_id}/{instance.kind}/{uuid.uuid4().hex}.{suffix}"


class Document(models.Model):
    """A paper a cooperative files: statutes, register certificate, RIB, label certificate…

    Kept in private storage, typed by its content, fingerprinted with SHA-256.
    A newer upload of the same kind supersedes the older one, which is kept.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ("kind", "-uploaded_at", "pk")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"


class CooperativeProduct(models.Model):
    """Ties one Saleor product to the one cooperative that makes and sells it."""

    product = models.OneToOneField(
        "product.Product", on_delete=models.CASCADE, related_name="cooperative_link"
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="product_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self):
        return f"{self.product} @ {self.cooperative}"


class OrderLineCooperative(models.Model):
    """Which cooperative an order line belongs to, fixed when the order is placed.

    Recorded at order time so that the split survives later product or
    variant deletion.
    """

    line = models.OneToOneField(
        "order.OrderLine", on_delete=models.CASCADE, related_name="cooperative_link"
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="cooperative_lines"
    )
    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="order_lines"
    )

    class Meta:
        ordering = ("pk",)

    def __str__(self):
        return f"{self.line} @ {self.cooperative}"


class CommissionPolicy(models.Model):
    """The marketplace's default commission, set by council staff (one row)."""

    default_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.1000"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.default_rate:%}"

    @classmethod
    def current(cls):
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class PayoutBatchStatus(models.TextChoices):
    CLOSED = "closed", _("Closed, awaiting payment")
    PAID = "paid", _("Paid")


class PayoutBatch(models.Model):
    """A set of amounts owed to cooperatives, closed by staff and then paid by transfer."""

    reference = models.CharField(max_length=40, unique=True)
    status = models.CharField(
        max_length=10, choices=PayoutBatchStatus.choices, default=PayoutBatchStatus.CLOSED
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-closed_at", "pk")

    def __str__(self):
        return self.reference


class LedgerEntryKind(models.TextChoices):
    SALE = "sale", _("Sale")
    REVERSAL = "reversal", _("Reversal")
    REFUND = "refund", _("Refund")


class LedgerEntry(models.Model):
    """A cooperative's share of one order: gross, marketplace commission, net owed.

    A sale is recorded once per (order, cooperative) when the order is paid
    (or its cash collected, for cash on delivery); each refund of the
    shopper's payment adds a negative entry named by the refund (its Saleor
    transaction, in ``reference``), and a cancellation reverses what is left.
    Amounts are MAD.
    """

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(max_length=10, choices=LedgerEntryKind.choices)
    # What the entry answers to: "" for a sale or a cancellation, "refund:<transaction pk>".
    reference = models.CharField(max_length=64, blank=True, default="")
    currency = models.CharField(max_length=3, default=settings.DEFAULT_CURRENCY)
    gross = models.DecimalField(max_digits=12, decimal_places=2)
    commission_rate = models.DecimalField(max_digits=5, decimal_places=4)
    commission = models.DecimalField(max_digits=12, decimal_places=2)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    payout_batch = models.ForeignKey(
        PayoutBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "cooperative", "kind", "reference"],
                name="one_ledger_entry_per_event",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.net} {self.currency} → {self.cooperative}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ProductImport(models.Model):
    """A CSV or XLSX file of products a cooperative uploads in bulk, and its outcome per row."""

    cooperative = models.ForeignKey(
        Cooperative, on_delete=models.CASCADE, related_name="product_imports"
    )
    file = models.FileField(upload_to="product-imports", storage=private_storage)
    original_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"row": 7, "field": "price", "message": "…"}]
    row_errors = JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self):
        return self.original_name

    @property
    def progress_percent(self):
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return int(self.processed_rows * 100 / self.total_rows)
