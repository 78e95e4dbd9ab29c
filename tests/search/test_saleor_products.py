"""Saleor 2.10's `products` field, as API clients call it, served through our search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

SEARCH = """query ($text: String) {
  products(first: 50, filter: {search: $text}) {
    totalCount edges { node { name isAvailable } }
  }
}"""
LISTING = """query ($first: Int) {
  products(first: $first) { totalCount edges { node { id name isAvailable } } }
}"""


def names(answer):
    return sorted(edge["node"]["name"] for edge in answer["data"]["products"]["edges"])


def test_saleor_search_finds_arabic_words_with_article(graphql, catalogue):
    # when
    answer = graphql(SEARCH, {"text": "الزيتون"})

    # then
    assert "errors" not in answer
    assert names(answer) == ["Huile d'olive extra vierge"]


def test_saleor_search_finds_a_misspelt_name(graphql, catalogue):
    # when
    answer = graphql(SEARCH, {"text": "amlu"})

    # then
    assert names(answer) == ["Amlou aux amandes"]


def test_saleor_search_never_lists_a_suspended_cooperatives_product(graphql, catalogue):
    # when
    answer = graphql(SEARCH, {"text": "argan"})

    # then
    assert answer["data"]["products"]["totalCount"] == 0


def test_saleor_listing_never_lists_a_suspended_cooperatives_product(graphql, catalogue):
    # when
    answer = graphql(LISTING, {"first": 50})

    # then
    assert "Huile d'argan suspendue" not in names(answer)
    assert answer["data"]["products"]["totalCount"] == 4


def test_saleor_listing_says_which_products_are_available(graphql, catalogue):
    # when
    answer = graphql(LISTING, {"first": 50})

    # then
    available = {
        edge["node"]["name"]: edge["node"]["isAvailable"]
        for edge in answer["data"]["products"]["edges"]
    }
    assert available["Miel de thym"] is False
    assert available["Amlou aux amandes"] is True


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "'; DROP TABLE product_product; --",
        "a:* & !b | (",
        "title:(amlou OR *) AND ~1^2",
    ],
)
def test_saleor_search_with_hostile_text_answers_normally(graphql, catalogue, text):
    # when
    answer = graphql(SEARCH, {"text": text})

    # then
    assert "errors" not in answer
    assert answer["data"]["products"]["totalCount"] == 0


def count_queries(graphql, first):
    graphql(LISTING, {"first": first})
    with CaptureQueriesContext(connection) as queries:
        answer = graphql(LISTING, {"first": first})
    assert len(answer["data"]["products"]["edges"]) == first
    return len(queries)


def test_saleor_listing_with_availability_costs_the_same_for_3_and_30_products(graphql, shop):
    # given
    for number in range(30):
        shop(name=f"Figues sèches {number}", quantity=number % 2)

    # when
    for_3, for_30 = count_queries(graphql, 3), count_queries(graphql, 30)

    # then
    assert for_3 == for_30
