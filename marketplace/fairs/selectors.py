"""Reads of the fairs domain: public lists, a stop's exhibitors, the waitlist's order.

`attach_next_stops` is shared with the storefront: it keeps its signature
and the attributes it documents.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.cooperatives.access import cooperatives_managed_by
from marketplace.cooperatives.models import Cooperative

from .access import is_fair_staff
from .models import ApplicationStatus, Fair, FairApplication, FairStop, StopStatus


@dataclass(frozen=True)
class NextStop:
    title: str
    url: str
    venue: str
    province_name: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def attach_next_stops(products, *, language, limit=3):
    """Set `product.next_stops` on every product: its next published stops.

    A product's next stops are the upcoming published stops (of a published
    fair) whose collection holds it and where its cooperative is accepted.
    Each stop has `title`, `url`, `venue`, `province_name`, `starts_at` and
    `ends_at` (aware datetimes). Constant number of queries (one).
    """
    products = list(products)
    by_product = {product.pk: [] for product in products}
    if by_product:
        exhibits = FairApplication.objects.filter(
            status=ApplicationStatus.ACCEPTED,
            stop=OuterRef("pk"),
            cooperative__product_links__product=OuterRef("product_id"),
        )
        rows = (
            FairStop.objects.published()
            .upcoming()
            .filter(collection__collectionproduct__product_id__in=list(by_product))
            .annotate(product_id=F("collection__collectionproduct__product_id"))
            .filter(Exists(exhibits))
            .select_related("fair")
            .order_by("starts_at", "pk")
        )
        with translation.override(language):
            for stop in rows:
                found = by_product[stop.product_id]
                if len(found) < limit:
                    found.append(
                        NextStop(
                            title=stop.title,
                            url=stop.get_absolute_url(),
                            venue=stop.venue,
                            province_name=str(stop.province_name),
                            starts_at=stop.starts_at,
                            ends_at=stop.ends_at,
                        )
                    )
    for product in products:
        product.next_stops = by_product[product.pk]
    return products


def accepted_prefetch(prefix=""):
    """The accepted applications (with their cooperative) as ``stop.accepted_applications``."""
    return Prefetch(
        f"{prefix}applications",
        queryset=FairApplication.objects.accepted()
        .select_related("cooperative")
        .order_by("cooperative__name_fr", "pk"),
        to_attr="accepted_applications",
    )


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def public_fairs():
    return Fair.objects.published().annotate(
        upcoming_stops=Count(
            "stops",
            filter=Q(stops__status=StopStatus.PUBLISHED, stops__ends_at__gt=timezone.now()),
        )
    )


def public_stops(*, province=None, date_from=None, date_to=None, fair=None):
    """Published stops of published fairs, soonest first; dates are local (Casablanca) days."""
    stops = FairStop.objects.published().select_related("fair")
    if fair is not None:
        stops = stops.filter(fair=fair)
    if province:
        stops = stops.in_province(province)
    if date_from:
        stops = stops.filter(ends_at__gt=_day_start(date_from))
    if date_to:
        stops = stops.filter(starts_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return stops.order_by("starts_at", "pk")


def upcoming_public_stops(**filters):
    return public_stops(**filters).upcoming()


def exhibitors(stop):
    """The cooperatives accepted at ``stop``, by name."""
    return Cooperative.objects.filter(
        fair_applications__stop=stop, fair_applications__status=ApplicationStatus.ACCEPTED
    ).order_by("name_fr", "pk")


def applications_of_stop(stop):
    return (
        stop.applications.select_related("cooperative", "decided_by")
        .prefetch_related("products")
        .order_by("status", "created_at", "pk")
    )


def applications_of_cooperative(cooperative):
    return (
        cooperative.fair_applications.select_related("stop__fair")
        .prefetch_related("products")
        .order_by("-stop__starts_at", "pk")
    )


def stops_open_to(cooperative, now=None):
    """Stops a cooperative may still apply to, with its live application (if any) attached."""
    live = FairApplication.objects.live().filter(cooperative=cooperative)
    return (
        FairStop.objects.open_for_applications(now)
        .select_related("fair")
        .exclude(fair__status="archived")
        .prefetch_related(Prefetch("applications", queryset=live, to_attr="own_applications"))
        .order_by("starts_at", "pk")
    )


def women_led(cooperative):
    members = cooperative.members_count or 0
    return members > 0 and (cooperative.women_members or 0) * 2 > members


def youth_led(cooperative):
    members = cooperative.members_count or 0
    return members > 0 and (cooperative.young_members or 0) * 2 > members


# The rule, in the words cooperatives read on the stop's page.
WAITLIST_RULE = gettext_lazy(
    "Cooperatives that have not yet exhibited this season come first, then those "
    "from the stop's own province, then women- or youth-led ones (more than half "
    "of their members); then the earliest on the waitlist."
)


@dataclass
class WaitlistSuggestion:
    application: FairApplication
    first_this_season: bool
    same_province: bool
    women_or_youth_led: bool
    reasons: list = field(default_factory=list)


def waitlist_in_suggested_order(stop):
    """The stop's waitlisted applications in the order the stands should be offered."""
    waitlisted = list(
        stop.applications.waitlisted()
        .select_related("cooperative")
        .order_by("waitlisted_at", "pk")
    )
    exhibited = set(
        FairApplication.objects.accepted()
        .filter(stop__fair_id=stop.fair_id, cooperative__in=[a.cooperative_id for a in waitlisted])
        .exclude(stop=stop)
        .exclude(stop__status=StopStatus.CANCELLED)
        .values_list("cooperative_id", flat=True)
    )
    suggestions = []
    for application in waitlisted:
        cooperative = application.cooperative
        suggestion = WaitlistSuggestion(
            application=application,
            first_this_season=cooperative.pk not in exhibited,
            same_province=cooperative.province == stop.province,
            women_or_youth_led=women_led(cooperative) or youth_led(cooperative),
        )
        if suggestion.first_this_season:
            suggestion.reasons.append(_("has not exhibited yet this season"))
        if suggestion.same_province:
            suggestion.reasons.append(_("from the stop's province"))
        if women_led(cooperative):
            suggestion.reasons.append(_("women-led"))
        if youth_led(cooperative):
            suggestion.reasons.append(_("youth-led"))
        suggestions.append(suggestion)
    suggestions.sort(
        key=lambda s: (
            not s.first_this_season,
            not s.same_province,
            not s.women_or_youth_led,
        )
    )
    return suggestions


def stop_stand_counts(stop):
    counts = dict(
        stop.applications.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    accepted = counts.get(ApplicationStatus.ACCEPTED, 0)
    return {
        "accepted": accepted,
        "free": max(stop.stand_capacity - accepted, 0),
        "pending": counts.get(ApplicationStatus.PENDING, 0),
        "waitlisted": counts.get(ApplicationStatus.WAITLISTED, 0),
    }


def fairs_visible_to(user):
    """Staff who plan fairs see every fair; everyone else the published ones."""
    if is_fair_staff(user):
        return Fair.objects.all()
    return Fair.objects.published()


def stops_visible_to(user):
    """Published stops for everyone; open calls too for approved cooperatives; all for staff."""
    if is_fair_staff(user):
        return FairStop.objects.all()
    public = Q(status=StopStatus.PUBLISHED, fair__status="published")
    if cooperatives_managed_by(user).approved().exists():
        open_calls = FairStop.objects.open_for_applications().values("pk")
        return FairStop.objects.filter(public | Q(pk__in=open_calls))
    return FairStop.objects.filter(public)
