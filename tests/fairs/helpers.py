"""Fairs, stops and applications for tests, built through the domain's own services."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from marketplace.cooperatives.models import CooperativeProduct
from marketplace.fairs import services
from marketplace.fairs.models import Fair, FairApplication, FairKind, FairStop

_sequence = itertools.count(1)


def local(year, month, day, hour=0, minute=0):
    """An aware datetime at this wall-clock time in Africa/Casablanca."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def days_from_now(days, hour=9):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def make_fair(*, status="draft", kind=FairKind.TOUR, season=None, **fields):
    number = next(_sequence)
    today = timezone.localdate()
    start, end = season or (
        today - datetime.timedelta(days=30),
        today + datetime.timedelta(days=200),
    )
    defaults = {
        "slug": f"tournee-{number}",
        "kind": kind,
        "name_fr": f"Tournée des souks {number}",
        "name_ar": f"جولة الأسواق {number}",
        "name_en": f"Market tour {number}",
        "description_fr": "Les coopératives de la région au plus près de chez vous.",
        "description_ar": "تعاونيات الجهة قريبة منكم.",
        "season_start": start,
        "season_end": end,
        "status": status,
    }
    return Fair.objects.create(**{**defaults, **fields})


def make_stop(fair, *, starts_in_days=20, hours=8, capacity=3, status="planned", **fields):
    starts_at = fields.pop("starts_at", None) or days_from_now(starts_in_days)
    defaults = {
        "province": "sefrou",
        "commune": "Sefrou",
        "venue": "Place du marché",
        "latitude": Decimal("33.830000"),
        "longitude": Decimal("-4.830000"),
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        "stand_capacity": capacity,
        "application_deadline": starts_at - datetime.timedelta(days=5),
        "pickup_offered": True,
        "status": status,
    }
    return FairStop.objects.create(fair=fair, **{**defaults, **fields})


def link(product, cooperative):
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)
    return product


def apply(stop, cooperative, user, products, needs=""):
    return services.application_create(
        stop=stop,
        cooperative=cooperative,
        actor=user,
        product_ids=[product.pk for product in products],
        needs=needs,
    )


def make_application(stop, cooperative, products=(), status="pending", **fields):
    application = FairApplication.objects.create(
        stop=stop, cooperative=cooperative, status=status, **fields
    )
    application.products.set(products)
    return application
