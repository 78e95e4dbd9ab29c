"""Labels and origins on lists cost fixed queries: 3 products or 30, three labels each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog_extensions.labels.models import LabelKind

from .conftest import make_certification, make_label, own_product

pytestmark = pytest.mark.django_db

PRODUCTS = """
{ products(first: 40) { totalCount edges { node {
    name
    labels {
        label { slug name kind logoUrl certifyingBodies { name } }
        verificationUrl validUntil
    }
    origin { cooperativeName provinceName commune season }
} } } }
"""


@pytest.fixture
def three_labels(body, other_body):
    return [
        make_label("sefrou-oil", provinces=("sefrou",), bodies=[body]),
        make_label("bio", kind=LabelKind.ORGANIC, provinces=(), bodies=[body, other_body]),
        make_label("terroir", kind=LabelKind.REGIONAL_MARK, provinces=(), bodies=[other_body]),
    ]


@pytest.fixture
def catalogue(approved_cooperative, product_factory, three_labels):
    def make(count):
        products = [own_product(approved_cooperative, product_factory) for _ in range(count)]
        for product in products:
            for label in three_labels:
                make_certification(product, label)
        return products

    return make


def _count_api(graphql):
    graphql(PRODUCTS)
    with CaptureQueriesContext(connection) as context:
        result = graphql(PRODUCTS)
    assert "errors" not in result, result.get("errors")
    return len(context), result


def test_api_product_labels_and_origin_constant_queries(catalogue, graphql):
    # given 3 products with 3 labels each
    catalogue(3)
    small, result = _count_api(graphql)
    assert all(len(edge["node"]["labels"]) == 3 for edge in result["data"]["products"]["edges"])

    # when there are 30
    catalogue(27)
    large, result = _count_api(graphql)

    # then the listing asks the database as often
    assert result["data"]["products"]["totalCount"] == 30
    assert all(len(edge["node"]["labels"]) == 3 for edge in result["data"]["products"]["edges"])
    assert all(
        edge["node"]["origin"]["provinceName"] for edge in result["data"]["products"]["edges"]
    )
    assert large == small


def _count_page(client, url):
    client.get(url)  # the first request of a test also loads the site and its settings
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response.content.decode()


def test_label_page_constant_queries(catalogue, three_labels, client):
    catalogue(3)
    small, body = _count_page(client, "/labels/bio/")
    assert body.count('class="badge ') == 9

    catalogue(27)
    large, body = _count_page(client, "/labels/bio/")

    assert body.count('class="badge ') == 24 * 3  # one page of 24 cards
    assert large == small


def test_label_index_constant_queries(catalogue, three_labels, client):
    catalogue(3)
    small, body = _count_page(client, "/en/labels/")
    assert "3 products" in body

    catalogue(27)
    large, body = _count_page(client, "/en/labels/")

    assert "30 products" in body
    assert large == small
