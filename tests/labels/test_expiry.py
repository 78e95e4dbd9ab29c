"""A certification valid until day D shows all of D (Morocco's date) and nowhere from D+1."""

import datetime

import pytest
from django.utils import translation
from freezegun import freeze_time

from catalog_extensions.labels.selectors import attach_badges, displayable_labels_by_product

from .conftest import make_certification, morocco_time

pytestmark = pytest.mark.django_db

D = datetime.date(2027, 3, 15)

PRODUCT_LABELS = """
query ($id: ID!) { product(id: $id) { labels { label { slug } validUntil verificationUrl } } }
"""


@pytest.fixture
def ending_on_d(oil, igp):
    return make_certification(
        oil, igp, valid_from=datetime.date(2026, 3, 16), valid_until=D
    )


def _product_id(product):
    import graphene

    return graphene.Node.to_global_id("Product", product.pk)


@pytest.mark.parametrize(
    "moment, shown",
    [(morocco_time(D, 0, 5), True), (morocco_time(D, 23, 55), True),
     (morocco_time(D + datetime.timedelta(days=1), 0, 5), False)],
)
def test_card_badge_shows_through_last_day_and_disappears_next_day(
    ending_on_d, oil, moment, shown
):
    # given a certification valid until D
    # when the storefront reads card data at that moment
    with freeze_time(moment):
        [product] = attach_badges([oil], language="fr")
        labels = displayable_labels_by_product([oil.pk])

    # then the badge is there on D (even late in the evening), gone on D+1
    assert [badge.label_slug for badge in product.badges] == (
        ["huile-olive-sefrou"] if shown else []
    )
    assert bool(labels.get(oil.pk)) is shown


def test_api_product_labels_hidden_the_day_after_validity(ending_on_d, oil, graphql):
    # given a certification valid until D
    # when a shopper reads the product's labels on D and on D+1
    with freeze_time(morocco_time(D, 22, 0)):
        on_d = graphql(PRODUCT_LABELS, {"id": _product_id(oil)})
    with freeze_time(morocco_time(D + datetime.timedelta(days=1), 1, 0)):
        next_day = graphql(PRODUCT_LABELS, {"id": _product_id(oil)})

    # then D shows it, D+1 does not
    assert [item["label"]["slug"] for item in on_d["data"]["product"]["labels"]] == [
        "huile-olive-sefrou"
    ]
    assert on_d["data"]["product"]["labels"][0]["validUntil"] == D.isoformat()
    assert ending_on_d.code in on_d["data"]["product"]["labels"][0]["verificationUrl"]
    assert next_day["data"]["product"]["labels"] == []


def test_label_page_lists_product_on_last_day_only(ending_on_d, oil, igp, client):
    # given a certification valid until D
    # when a shopper opens the label's page on D and on D+1
    with freeze_time(morocco_time(D, 12, 0)):
        on_d = client.get(igp.get_absolute_url())
    with freeze_time(morocco_time(D + datetime.timedelta(days=1), 12, 0)):
        next_day = client.get(igp.get_absolute_url())

    # then the product is listed on D and not on D+1
    assert on_d.status_code == 200 and next_day.status_code == 200
    assert f'data-product="{oil.slug}"' in on_d.content.decode()
    assert f'data-product="{oil.slug}"' not in next_day.content.decode()


def test_verification_page_says_expired_the_day_after_even_before_the_task(ending_on_d, client):
    # given a certification valid until D, still "verified" in the database
    # when anyone opens its verification page on D and on D+1
    with freeze_time(morocco_time(D, 12, 0)):
        on_d = client.get(f"/en/verify/{ending_on_d.code}/")
    with freeze_time(morocco_time(D + datetime.timedelta(days=1), 12, 0)):
        next_day = client.get(f"/en/verify/{ending_on_d.code}/")

    # then D says valid, D+1 says expired in plain words
    assert 'data-state="valid"' in on_d.content.decode()
    assert "Valid: this certification was verified" in on_d.content.decode()
    body = next_day.content.decode()
    assert 'data-state="expired"' in body
    assert "Expired: this certification ended on" in body
    ending_on_d.refresh_from_db()
    assert ending_on_d.status == "verified"


def test_verification_page_in_french_and_arabic_says_expired(ending_on_d, client):
    # given a certification that ended yesterday
    # when the page is read in French and Arabic
    with freeze_time(morocco_time(D + datetime.timedelta(days=1), 12, 0)):
        french = client.get(f"/verify/{ending_on_d.code}/").content.decode()
        arabic = client.get(f"/ar/verify/{ending_on_d.code}/").content.decode()

    # then both say so in their language
    with translation.override("fr"):
        expected_fr = translation.gettext("expired")
    with translation.override("ar"):
        expected_ar = translation.gettext("expired")
    assert expected_fr in french and expected_fr != "expired"
    assert expected_ar in arabic and expected_ar != "expired"
    assert 'dir="rtl"' in arabic


def test_unknown_code_is_not_found(client, db):
    assert client.get("/verify/not-a-real-code/").status_code == 404
