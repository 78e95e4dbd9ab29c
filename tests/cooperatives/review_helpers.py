"""Builders shared by the review tests: submitted applications with their papers."""

import datetime

from django.utils import timezone
from saleor.shipping.models import ShippingZone
from saleor.warehouse.models import Warehouse

from marketplace.cooperatives.models import (
    REQUIRED_DOCUMENT_KINDS,
    CooperativeStatus,
    CooperativeTransition,
    Document,
)
from tests.fixtures.cooperatives import make_cooperative


def add_documents(cooperative, kinds=REQUIRED_DOCUMENT_KINDS):
    for kind in kinds:
        Document.objects.create(
            cooperative=cooperative,
            kind=kind,
            file=f"cooperatives/{cooperative.pk}/{kind}/test.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=1234,
            sha256="0" * 64,
        )


def make_submitted(
    *, owner=None, days_ago=1, documents=True, status=CooperativeStatus.SUBMITTED, **fields
):
    cooperative = make_cooperative(
        owner=owner,
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )
    if documents:
        add_documents(cooperative)
    return cooperative


def make_shipping_zones():
    """A zone serving Morocco, one serving Morocco among others, and one that does not."""
    return (
        ShippingZone.objects.create(name="Maroc", countries=["MA"]),
        ShippingZone.objects.create(name="Maghreb", countries=["DZ", "MA", "TN"]),
        ShippingZone.objects.create(name="Europe", countries=["FR", "ES"]),
    )


def snapshot(cooperative):
    """What a refused action must leave untouched."""
    cooperative.refresh_from_db()
    return {
        "status": cooperative.status,
        "warehouse_id": cooperative.warehouse_id,
        "transitions": CooperativeTransition.objects.filter(cooperative=cooperative).count(),
        "warehouses": Warehouse.objects.count(),
    }
