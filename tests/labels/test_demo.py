"""Demo labels and origins: the region's IGPs, one ending soon, one expired, one pending."""

import pytest

from catalog_extensions.labels import demo as labels_demo
from catalog_extensions.labels.models import (
    Certification,
    CertificationEvent,
    CertificationStatus,
    CertifyingBody,
    Label,
    LabelKind,
    today_in_morocco,
)
from catalog_extensions.labels.selectors import displayable_labels_by_product
from catalog_extensions.origin import demo as origin_demo
from catalog_extensions.origin.models import ProductOrigin
from marketplace.cooperatives import demo as cooperatives_demo
from marketplace.core.demo import catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv(cooperatives_demo.PASSWORD_VARIABLE, raising=False)

    def seed():
        result = catalogue.seed()
        cooperatives_demo.seed(result)
        origin_demo.seed(result)
        labels_demo.seed(result)
        return result

    return seed


def counts():
    models = [Label, CertifyingBody, Certification, CertificationEvent, ProductOrigin]
    return {model.__name__: model.objects.count() for model in models}


def test_demo_seeds_the_regions_igps_and_states_and_is_idempotent(seeded):
    # given the demo loaded once
    result = seeded()
    first = counts()

    # when it is loaded again
    seeded()

    # then nothing is duplicated, and the demo shows each state of a certification
    assert counts() == first
    assert Label.objects.filter(kind=LabelKind.IGP).count() == 7
    assert {"label-agricole", "bio-maroc", "marque-terroir-fes-meknes"} <= set(
        Label.objects.values_list("slug", flat=True)
    )
    statuses = set(Certification.objects.values_list("status", flat=True))
    assert {"verified", "expired", "pending"} <= statuses
    today = today_in_morocco()
    soon = (
        Certification.objects.filter(status=CertificationStatus.VERIFIED)
        .order_by("valid_until")
        .first()
    )
    assert (soon.valid_until - today).days <= 30
    product_ids = [p.pk for r in result.values() for p in r.get("products", [])]
    assert ProductOrigin.objects.count() == len(product_ids)
    assert ProductOrigin.objects.exclude(net_quantity="").count() == len(product_ids)
    assert len(displayable_labels_by_product(product_ids)) >= 5
