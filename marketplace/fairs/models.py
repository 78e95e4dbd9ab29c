from django.conf import settings
from django.contrib.postgres.fields import JSONField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.languages import in_language
from marketplace.core.regions import Province

from .permissions import FairPermissions


class FairKind(models.TextChoices):
    ONE_OFF = "one_off", _("Regional fair")
    TOUR = "tour", _("Mobile-market tour")


class FairStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


FAIR_TRANSITIONS = {
    FairStatus.DRAFT: {FairStatus.PUBLISHED, FairStatus.ARCHIVED},
    FairStatus.PUBLISHED: {FairStatus.ARCHIVED},
    FairStatus.ARCHIVED: set(),
}


class FairQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FairStatus.PUBLISHED)


class Fair(models.Model):
    """An event the council organises: a one-off regional fair or a season's mobile-market tour.

    It is a container of stops; shoppers only see it once published, and it
    is archived when its season is over.
    """

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=FairKind.choices)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    season_start = models.DateField(_("season start"))
    season_end = models.DateField(_("season end"))
    status = models.CharField(max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = FairQuerySet.as_manager()

    class Meta:
        ordering = ("season_start", "pk")
        permissions = (
            (FairPermissions.MANAGE_FAIRS.codename, "Plan fairs and decide applications."),
        )
        constraints = [
            models.CheckConstraint(
                check=Q(season_end__gte=models.F("season_start")), name="fair_season_in_order"
            )
        ]

    def __str__(self):
        return self.name_fr

    def get_absolute_url(self):
        return reverse("fairs:fair-detail", kwargs={"slug": self.slug})

    @property
    def name(self):
        return in_language(self, "name")

    @property
    def description(self):
        return in_language(self, "description")

    @property
    def is_published(self):
        return self.status == FairStatus.PUBLISHED

    def can_transition_to(self, status):
        return status in FAIR_TRANSITIONS[FairStatus(self.status)]


class StopStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


STOP_TRANSITIONS = {
    StopStatus.PLANNED: {StopStatus.PUBLISHED, StopStatus.CANCELLED},
    StopStatus.PUBLISHED: {StopStatus.CANCELLED, StopStatus.DONE},
    StopStatus.CANCELLED: set(),
    StopStatus.DONE: set(),
}


class FairStopQuerySet(models.QuerySet):
    def published(self):
        """Stops shoppers may see: published, of a published fair."""
        return self.filter(status=StopStatus.PUBLISHED, fair__status=FairStatus.PUBLISHED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gt=now or timezone.now())

    def in_province(self, province):
        return self.filter(province=province)

    def open_for_applications(self, now=None):
        now = now or timezone.now()
        return self.filter(
            status__in=(StopStatus.PLANNED, StopStatus.PUBLISHED),
            fair__status__in=(FairStatus.DRAFT, FairStatus.PUBLISHED),
            application_deadline__gt=now,
        )

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class FairStop(models.Model):
    """One place and time where a fair's stands open: a market day in a commune.

    Cooperatives apply for one of its `stand_capacity` stands; once published
    it has a Saleor collection of what will be on sale there, and may offer
    collection of online orders (until `pickup_cutoff_hours` before it opens).
    Times are aware datetimes, shown in Africa/Casablanca.
    """

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="stops")
    province = models.CharField(_("province"), max_length=20, choices=Province.choices)
    commune = models.CharField(_("commune"), max_length=120)
    venue = models.CharField(_("venue"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    starts_at = models.DateTimeField(_("opens at"))
    ends_at = models.DateTimeField(_("closes at"))
    stand_capacity = models.PositiveIntegerField(
        _("stands"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    application_deadline = models.DateTimeField(_("application deadline"))
    pickup_offered = models.BooleanField(_("pickup of online orders"), default=False)
    pickup_cutoff_hours = models.PositiveIntegerField(
        _("pickup cut-off (hours before opening)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )
    team = models.PositiveSmallIntegerField(_("team"), null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=StopStatus.choices, default=StopStatus.PLANNED
    )
    collection = models.OneToOneField(
        "product.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fair_stop",
    )
    # Staff-only; never shown to shoppers or cooperatives.
    internal_notes = models.TextField(_("internal notes"), blank=True)
    cancellation_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = FairStopQuerySet.as_manager()

    class Meta:
        ordering = ("starts_at", "pk")
        constraints = [
            models.CheckConstraint(
                check=Q(ends_at__gt=models.F("starts_at")), name="fair_stop_ends_after_start"
            ),
            models.CheckConstraint(
                check=Q(application_deadline__lte=models.F("starts_at")),
                name="fair_stop_deadline_before_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.fair} — {self.commune}"

    def get_absolute_url(self):
        return reverse("fairs:stop-detail", kwargs={"slug": self.fair.slug, "pk": self.pk})

    @property
    def province_name(self):
        return Province(self.province).label

    @property
    def title(self):
        return f"{self.fair.name} — {self.commune}"

    @property
    def is_published(self):
        return self.status == StopStatus.PUBLISHED

    @property
    def map_url(self):
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"

    @property
    def has_closed(self):
        return self.ends_at <= timezone.now()

    def can_transition_to(self, status):
        return status in STOP_TRANSITIONS[StopStatus(self.status)]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


APPLICATION_TRANSITIONS = {
    ApplicationStatus.PENDING: {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    },
    ApplicationStatus.WAITLISTED: {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    },
    ApplicationStatus.ACCEPTED: {ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED},
    ApplicationStatus.REJECTED: set(),
    ApplicationStatus.WITHDRAWN: set(),
}

# An application in one of these statuses blocks a new one for the same stop.
LIVE_APPLICATION_STATUSES = (
    ApplicationStatus.PENDING,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.WAITLISTED,
)


class FairApplicationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=ApplicationStatus.ACCEPTED)

    def waitlisted(self):
        return self.filter(status=ApplicationStatus.WAITLISTED)

    def live(self):
        return self.filter(status__in=LIVE_APPLICATION_STATUSES)


class FairApplication(models.Model):
    """A cooperative's request for a stand at a stop, with what it will bring and need.

    Staff accept (a stand is then held), waitlist or reject it; the
    cooperative may withdraw, which frees the stand for the waitlist.
    """

    stop = models.ForeignKey(FairStop, on_delete=models.CASCADE, related_name="applications")
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.CASCADE, related_name="fair_applications"
    )
    products = models.ManyToManyField("product.Product", related_name="+", blank=True)
    # What the cooperative needs at its stand (power, shade, a table…): staff only.
    needs = models.TextField(_("needs"), blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FairApplicationQuerySet.as_manager()

    class Meta:
        ordering = ("created_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["stop", "cooperative"],
                condition=Q(status__in=["pending", "accepted", "waitlisted"]),
                name="one_live_application_per_stop",
            )
        ]

    def __str__(self):
        return f"{self.cooperative} @ {self.stop} ({self.status})"

    def can_transition_to(self, status):
        return status in APPLICATION_TRANSITIONS[ApplicationStatus(self.status)]


class FairEvent(models.Model):
    """One change to a fair, a stop or an application: who did what, when, and why."""

    fair = models.ForeignKey(Fair, on_delete=models.CASCADE, related_name="events")
    stop = models.ForeignKey(
        FairStop, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    application = models.ForeignKey(
        FairApplication, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    # The fields a change touched: {"stand_capacity": [50, 60]}.
    changes = JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self):
        return f"{self.action} {self.from_status} → {self.to_status}"
