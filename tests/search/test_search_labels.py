"""Labels in search: indexed with their validity, filtered and counted only while valid."""

import datetime

import pytest
from django.utils import timezone

from catalog_extensions.search import documents
from catalog_extensions.search.api import SearchRequest, search
from catalog_extensions.search.indexing import index_products_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled(monkeypatch, catalogue):
    """The olive oil carries an IGP certification valid until today."""
    today = timezone.localdate()
    oil = catalogue["olive_oil"]
    igp = {
        "slug": "igp-huile-meknes",
        "name_fr": "IGP Huile d'olive de Meknès",
        "name_ar": "بيان جغرافي زيت زيتون مكناس",
        "name_en": "PGI Meknès olive oil",
        "valid_from": today - datetime.timedelta(days=300),
        "valid_until": today,
    }
    monkeypatch.setattr(
        documents, "labels_for_products", lambda ids: {oil.pk: [igp]} if oil.pk in ids else {}
    )
    index_products_everywhere([oil.pk])
    return oil


def test_label_filter_and_facet_show_a_valid_label(labelled):
    # when
    result = search(SearchRequest(label="igp-huile-meknes", language="ar"))

    # then
    assert result.product_ids == [labelled.pk]
    assert [(f.value, f.label, f.count) for f in result.facets["label"]] == [
        ("igp-huile-meknes", "بيان جغرافي زيت زيتون مكناس", 1)
    ]


def test_label_name_is_searchable(labelled):
    # when
    result = search(SearchRequest(text="IGP Meknès"))

    # then
    assert result.product_ids == [labelled.pk]


def test_an_expired_label_disappears_from_search_the_next_day(labelled, monkeypatch):
    # given
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    # when
    result = search(SearchRequest(label="igp-huile-meknes"))
    everything = search(SearchRequest(per_page=100))

    # then
    assert result.product_ids == [] and result.total == 0
    assert everything.facets["label"] == []
    assert labelled.pk in everything.product_ids
