"""Demo fairs: a published mobile-market tour through every province and a Meknès fair.

Built through the services, as staff and cooperatives would: cooperatives
apply with their products, the council decides (every application status
appears), stops are published with their collections, and one collection is
curated. Dates are relative to the day of seeding, so the stops are
upcoming. Safe to run again: an existing demo fair is left as it is.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from marketplace.cooperatives.models import Cooperative, MembershipRole
from marketplace.core.demo import data
from marketplace.core.regions import Province

from . import saleor_collections, services
from .models import Fair, FairKind

TOUR_SLUG = "souks-mobiles-2026-2027"
FAIR_SLUG = "foire-regionale-meknes"

# Province seats (or a market town) with a venue: (commune, venue, latitude, longitude).
STOP_PLACES = {
    Province.TAZA: ("Taza", "Place Moulay Youssef", "34.213000", "-4.010000"),
    Province.BOULEMANE: ("Missour", "Souk hebdomadaire", "33.046000", "-3.992000"),
    Province.EL_HAJEB: ("El Hajeb", "Place de la Municipalité", "33.685400", "-5.371100"),
    Province.TAOUNATE: ("Taounate", "Esplanade du centre", "34.536100", "-4.639900"),
    Province.SEFROU: ("Sefrou", "Bab Lamkam", "33.830500", "-4.835300"),
    Province.IFRANE: ("Azrou", "Place du Cèdre", "33.434000", "-5.221000"),
    Province.MOULAY_YACOUB: ("Moulay Yacoub", "Parking des thermes", "34.087400", "-5.179400"),
    Province.FES: ("Fès", "Place Boujloud", "34.061700", "-4.983400"),
    Province.MEKNES: ("Meknès", "Place El Hedim", "33.893500", "-5.566000"),
}


def _local(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _member(cooperative):
    membership = cooperative.memberships.filter(role=MembershipRole.OWNER).first()
    return membership.user if membership else None


def seed(catalogue_result, stdout=None):
    council = get_user_model().objects.filter(email=data.ADMIN["email"]).first()
    if council is None or Fair.objects.filter(slug__in=[TOUR_SLUG, FAIR_SLUG]).exists():
        return
    cooperatives = [
        cooperative
        for cooperative in Cooperative.objects.approved().prefetch_related("product_links")
        if cooperative.product_links.all() and _member(cooperative)
    ]
    with transaction.atomic():
        tour_stops = _tour(council)
        fair_stop = _regional_fair(council)
        _applications(council, cooperatives, tour_stops, fair_stop)
        for stop in [*tour_stops, fair_stop]:
            services.stop_publish(stop=stop, actor=council)
        _curate(council, tour_stops[0])
    if stdout is not None:
        stdout.write(
            f"Demo fairs: a tour of {len(tour_stops)} stops in every province, "
            "a regional fair in Meknès."
        )


def _tour(council):
    today = timezone.localdate()
    tour = services.fair_create(
        actor=council,
        data={
            "slug": TOUR_SLUG,
            "kind": FairKind.TOUR,
            "name_fr": "Souks mobiles du terroir 2026–2027",
            "name_ar": "الأسواق المتنقلة للمنتوجات المحلية 2026–2027",
            "name_en": "Terroir mobile markets 2026–2027",
            "description_fr": (
                "Les camions des coopératives de la région font étape dans chaque province : "
                "dégustations, ventes et retrait de vos commandes en ligne."
            ),
            "description_ar": (
                "تحط شاحنات تعاونيات الجهة الرحال في كل إقليم: تذوق وبيع "
                "واستلام طلباتكم عبر الإنترنت."
            ),
            "description_en": (
                "The region's cooperatives stop in every province: tastings, sales and "
                "collection of your online orders."
            ),
            "season_start": today - datetime.timedelta(days=7),
            "season_end": today + datetime.timedelta(days=200),
        },
    )
    stops = []
    for index, (province, (commune, venue, lat, lon)) in enumerate(STOP_PLACES.items()):
        day = today + datetime.timedelta(days=10 + 6 * index)
        starts_at = _local(day, 9)
        stops.append(
            services.stop_create(
                fair=tour,
                actor=council,
                data={
                    "province": province,
                    "commune": commune,
                    "venue": venue,
                    "latitude": Decimal(lat),
                    "longitude": Decimal(lon),
                    "starts_at": starts_at,
                    "ends_at": _local(day + datetime.timedelta(days=1), 18),
                    "stand_capacity": 50 if index else 3,
                    "application_deadline": starts_at - datetime.timedelta(days=3),
                    "pickup_offered": True,
                    "pickup_cutoff_hours": 48,
                    "team": 1 + index % 2,
                },
            )
        )
    services.fair_publish(fair=tour, actor=council)
    return stops


def _regional_fair(council):
    today = timezone.localdate()
    day = today + datetime.timedelta(days=75)  # after the tour: exhibitors do both
    fair = services.fair_create(
        actor=council,
        data={
            "slug": FAIR_SLUG,
            "kind": FairKind.ONE_OFF,
            "name_fr": "Foire régionale des produits du terroir de Meknès",
            "name_ar": "المعرض الجهوي للمنتوجات المحلية بمكناس",
            "name_en": "Meknès regional terroir fair",
            "description_fr": "Cent soixante stands de coopératives de toute la région.",
            "description_ar": "مائة وستون رواقا لتعاونيات من كل أنحاء الجهة.",
            "description_en": "A hundred and sixty stands of cooperatives from the whole region.",
            "season_start": day,
            "season_end": day + datetime.timedelta(days=4),
        },
    )
    commune, venue, lat, lon = STOP_PLACES[Province.MEKNES]
    stop = services.stop_create(
        fair=fair,
        actor=council,
        data={
            "province": Province.MEKNES,
            "commune": commune,
            "venue": "Parc des expositions Sahrij Souani",
            "latitude": Decimal("33.884600"),
            "longitude": Decimal("-5.566800"),
            "starts_at": _local(day, 10),
            "ends_at": _local(day + datetime.timedelta(days=4), 20),
            "stand_capacity": 160,
            "application_deadline": _local(day - datetime.timedelta(days=10), 18),
            "pickup_offered": True,
            "pickup_cutoff_hours": 72,
        },
    )
    services.fair_publish(fair=fair, actor=council)
    return stop


def _apply(stop, cooperative, needs=""):
    return services.application_create(
        stop=stop,
        cooperative=cooperative,
        actor=_member(cooperative),
        product_ids=[link.product_id for link in cooperative.product_links.all()][:3],
        needs=needs,
    )


def _applications(council, cooperatives, tour_stops, fair_stop):
    """Every cooperative exhibits; the small first stop shows waitlist, rejection, withdrawal."""
    first = tour_stops[0]
    for number, cooperative in enumerate(cooperatives):
        decision = services.Decision.ACCEPT if number < 3 else None
        if number in (3, 4):
            decision = services.Decision.WAITLIST
        if number == 5:
            decision = services.Decision.REJECT
        application = _apply(first, cooperative, needs="Une table et de l'ombre")
        if decision:
            services.application_decide(
                application=application,
                actor=council,
                decision=decision,
                reason="Demo" if decision == services.Decision.REJECT else "",
            )
        if number == 6:
            services.application_withdraw(application=application, actor=_member(cooperative))
        # Left pending: cooperatives 7 and beyond at the first stop.
        home = [stop for stop in tour_stops[1:] if stop.province == cooperative.province]
        for stop in home or tour_stops[1 + number % 8 : 2 + number % 8]:
            application = _apply(stop, cooperative)
            services.application_decide(
                application=application, actor=council, decision=services.Decision.ACCEPT
            )
        application = _apply(fair_stop, cooperative, needs="Accès électrique")
        services.application_decide(
            application=application, actor=council, decision=services.Decision.ACCEPT
        )


def _curate(council, stop):
    """Staff take one product out of the first stop's collection, as curation."""
    stop.refresh_from_db()
    products = saleor_collections.collection_product_ids(stop.collection)
    if len(products) > 1:
        services.fair_collection_update(
            stop=stop, actor=council, remove_product_ids=products[-1:]
        )
