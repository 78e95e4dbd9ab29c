"""``packagingLabelCreate`` over /graphql/: a sheet link for the product's cooperative only."""

import io
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from graphene import Node
from graphql_jwt.shortcuts import get_token
from pypdf import PdfReader

from catalog_extensions.labels.models import today_in_morocco
from catalog_extensions.labels.packaging_labels import DOWNLOAD_SALT, DOWNLOAD_SECONDS
from marketplace.cooperatives.models import Membership

pytestmark = pytest.mark.django_db

MUTATION = """
mutation Print($product: ID!, $input: PackagingLabelInput!) {
  packagingLabelCreate(product: $product, input: $input) {
    url
    expiresIn
    labelErrors { field code message }
  }
}
"""


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def print_input(**changes):
    return {
        "format": "a4",
        "lotNumber": "L-2611-07",
        "bestBefore": (today_in_morocco() + timedelta(days=200)).isoformat(),
        **changes,
    }


def ask(graphql, product, user=None, **changes):
    return graphql(
        MUTATION,
        {"product": Node.to_global_id("Product", product.pk), "input": print_input(**changes)},
        token=get_token(user) if user else None,
    )


def test_member_gets_a_link_that_downloads_the_sheet(graphql, client, owner, oil, verified):
    # when
    answer = ask(graphql, oil, owner)["data"]["packagingLabelCreate"]
    response = client.get(answer["url"].removeprefix("http://testserver"))

    # then
    assert answer["labelErrors"] == []
    assert answer["expiresIn"] == DOWNLOAD_SECONDS
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "L-2611-07" in text
    assert "Huile d'olive" in text and "زيت الزيتون" in text


@pytest.mark.parametrize("actor", ["customer", "other_cooperative_member", "label_manager"])
def test_outsiders_get_no_link(graphql, label_actors, oil, actor):
    # when
    answer = ask(graphql, oil, label_actors[actor])

    # then
    assert answer["data"]["packagingLabelCreate"] is None or not (
        answer["data"]["packagingLabelCreate"]["url"]
    )
    assert answer.get("errors")


def test_anonymous_gets_no_link(graphql, oil):
    # when
    answer = ask(graphql, oil)

    # then
    assert answer.get("errors")
    assert not (answer["data"]["packagingLabelCreate"] or {}).get("url")


@pytest.mark.parametrize(
    "changes, field, code",
    [
        ({"lotNumber": "L 1 <script>"}, "lotNumber", "INVALID_LOT_NUMBER"),
        ({"bestBefore": "2020-01-01"}, "bestBefore", "BEST_BEFORE_PASSED"),
        ({"format": "poster"}, "format", "UNKNOWN_STICKER_FORMAT"),
        ({"copies": 100000}, "copies", "INVALID_COPIES"),
    ],
)
def test_bad_input_gets_a_coded_error_and_no_link(graphql, owner, oil, changes, field, code):
    # when
    answer = ask(graphql, oil, owner, **changes)["data"]["packagingLabelCreate"]

    # then
    assert answer["url"] is None
    assert [(error["field"], error["code"]) for error in answer["labelErrors"]] == [(field, code)]


def test_tampered_or_expired_link_is_refused(client, owner, oil, approved_cooperative):
    # given
    order = {
        "user": owner.pk,
        "cooperative": approved_cooperative.pk,
        "product": oil.pk,
        "format": "a4",
        "lot": "L-1",
        "best_before": (today_in_morocco() + timedelta(days=10)).isoformat(),
        "copies": None,
    }
    token = signing.dumps(order, salt=DOWNLOAD_SALT, compress=True)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(f"/labels/packaging/{token}.pdf").status_code == 200

    # when
    tampered_response = client.get(f"/labels/packaging/{tampered}.pdf")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("catalog_extensions.labels.packaging_labels.DOWNLOAD_SECONDS", -1)
        expired_response = client.get(f"/labels/packaging/{token}.pdf")

    # then
    assert tampered_response.status_code == 404
    assert expired_response.status_code == 404


def test_link_stops_working_once_the_member_leaves(graphql, client, owner, oil):
    # given
    url = ask(graphql, oil, owner)["data"]["packagingLabelCreate"]["url"]
    Membership.objects.filter(user=owner).delete()

    # when
    response = client.get(url.removeprefix("http://testserver"))

    # then
    assert response.status_code == 404
