"""The cooperative's packaging-label page: who may print, what comes out, what is refused."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from catalog_extensions.labels.models import today_in_morocco
from catalog_extensions.origin.models import ProductOrigin
from marketplace.core.regions import Province
from tests.cooperatives.shop_helpers import ACTORS, create_product, give_warehouse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def honey(approved_cooperative, owner, product_type, category, shipping_zone):
    give_warehouse(approved_cooperative, shipping_zone)
    approved_cooperative.province = Province.SEFROU
    approved_cooperative.name_ar = "تعاونية النحالين"
    approved_cooperative.save()
    product = create_product(approved_cooperative, owner, product_type, category)
    ProductOrigin.objects.create(
        product=product,
        province=Province.SEFROU,
        net_quantity="500 g",
        ingredients_fr="Miel de thym",
        ingredients_ar="عسل الزعتر",
        onssa_number="AS.12.345.21",
    )
    return product


def page_url(cooperative, product):
    return reverse(
        "backoffice:cooperative-packaging-label",
        kwargs={"slug": cooperative.slug, "product_id": product.pk},
    )


def sheet_request(**changes):
    return {
        "format": "a4",
        "lot_number": "L-2611-07",
        "best_before": (today_in_morocco() + timedelta(days=365)).isoformat(),
        "copies": "",
        **changes,
    }


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_member_downloads_a_sheet_in_arabic_and_french(client, owner, approved_cooperative, honey):
    # given
    client.force_login(owner)

    # when
    response = client.post(page_url(approved_cooperative, honey), sheet_request())

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response)
    for expected in ["Miel de thym", "عسل الزعتر", "L-2611-07", "500 g", "AS.12.345.21"]:
        assert expected in text
    assert "صفرو" in text and "Sefrou" in text
    assert "تعاونية النحالين" in text


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "member"])
def test_only_the_cooperatives_members_may_print(
    client, actors, approved_cooperative, honey, actor
):
    # given
    user = actors[actor]
    if user is not None:
        client.force_login(user)

    # when
    shown = client.get(page_url(approved_cooperative, honey))
    printed = client.post(page_url(approved_cooperative, honey), sheet_request())

    # then
    for response in (shown, printed):
        assert response.status_code in (302, 403)
        assert response.get("Content-Type") != "application/pdf"


def test_another_cooperatives_product_is_not_found(
    client,
    owner,
    approved_cooperative,
    other_cooperative,
    other_member,
    product_type,
    category,
    shipping_zone,
):
    # given
    give_warehouse(other_cooperative, shipping_zone)
    foreign = create_product(other_cooperative, other_member, product_type, category, sku="X-1")
    client.force_login(owner)

    # when
    response = client.post(page_url(approved_cooperative, foreign), sheet_request())

    # then
    assert response.status_code == 404


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"lot_number": "lot 7; DROP"}, "lot_number"),
        ({"best_before": "2001-01-01"}, "best_before"),
        ({"format": "A0-poster"}, "format"),
        ({"copies": "0"}, "copies"),
    ],
)
def test_bad_input_is_explained_and_prints_nothing(
    client, owner, approved_cooperative, honey, changes, field
):
    # given
    client.force_login(owner)

    # when
    response = client.post(page_url(approved_cooperative, honey), sheet_request(**changes))

    # then
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors[field]


def test_page_warns_when_packaging_facts_are_missing(client, owner, approved_cooperative, honey):
    # given
    ProductOrigin.objects.filter(product=honey).update(net_quantity="")
    client.force_login(owner)

    # when
    with translation.override("en"):
        response = client.get(page_url(approved_cooperative, honey))

    # then
    assert response.status_code == 200
    assert "not recorded yet" in response.content.decode()


def test_printing_is_rate_limited_per_account(
    client, owner, approved_cooperative, honey, settings
):
    # given
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "packaging-label": {"ip": (100, 3600), "account": (2, 3600)},
    }
    client.force_login(owner)
    bad = sheet_request(lot_number="")  # refused by the form: cheap, but still counted
    for _attempt in range(2):
        client.post(page_url(approved_cooperative, honey), bad)

    # when
    response = client.post(page_url(approved_cooperative, honey), sheet_request())

    # then
    assert response.status_code == 429
