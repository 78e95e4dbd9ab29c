"""Stored answers to anonymous catalogue queries are served again, and never outlive
the data they show: real commits (transactional tests) through POST /graphql/."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphene import Node
from saleor.product.models import ProductType

from tests.fixtures.cooperatives import make_user

from .conftest import found_within
from .test_freshness import PRODUCT_UPDATE, SECOND

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH = """query ($text: String) { products(first: 24, filter: {search: $text}) {
  totalCount edges { node { name isAvailable } } } }"""
LISTING = "{ products(first: 24) { edges { node { name productType { name } } } } }"
FACETS = """query ($text: String) { catalogueSearch(text: $text) {
  total products { name } facets { name values { value label } } } }"""


@pytest.fixture(autouse=True)
def answers_kept(settings):
    settings.GRAPHQL_CATALOGUE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ask(client):
    def post(query, variables=None, *, token=None, language="fr"):
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        if token:
            headers["HTTP_AUTHORIZATION"] = f"JWT {token}"
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
        assert response.status_code in (200, 400)
        return response.json()

    return post


def names(answer):
    return [edge["node"]["name"] for edge in answer["data"]["products"]["edges"]]


@pytest.fixture
def catalogue_manager(user_token):
    return user_token(
        make_user("catalogue@example.ma", is_staff=True, permissions=["product.manage_products"])
    )


def test_a_repeated_anonymous_search_is_answered_without_searching_again(
    catalogue, ask, django_assert_max_num_queries
):
    # given
    first = ask(SEARCH, {"text": "miel"})

    # when: only the catalogue version is read
    with django_assert_max_num_queries(1):
        again = ask(SEARCH, {"text": "miel"})

    # then
    assert names(first) == ["Miel de thym"]
    assert again == first


def test_a_renamed_product_is_found_by_its_new_name_at_once_after_answers_were_kept(
    search_backend, shop, ask, catalogue_manager
):
    # given: both names asked for, and their answers kept
    jam = shop(name="Confiture de figues")
    assert names(ask(SEARCH, {"text": "figues"})) == ["Confiture de figues"]
    assert names(ask(SEARCH, {"text": "coings"})) == []

    # when
    answer = ask(
        PRODUCT_UPDATE,
        {"id": Node.to_global_id("Product", jam.pk), "name": "Confiture de coings"},
        token=catalogue_manager,
    )

    # then
    assert answer["data"]["productUpdate"]["productErrors"] == []
    found = found_within(SECOND, lambda: names(ask(SEARCH, {"text": "coings"})) != [])
    assert found is not None, f"{search_backend}: the kept answer outlived the rename"
    assert names(ask(SEARCH, {"text": "coings"})) == ["Confiture de coings"]
    assert names(ask(SEARCH, {"text": "figues"})) == []


def test_a_signed_in_caller_is_never_given_or_served_a_kept_answer(shop, ask, catalogue_manager):
    # given: a product staff may see before it is published
    shop(name="Huile d'argan")
    hidden = shop(name="Huile de nigelle")
    hidden.is_published = False
    hidden.save()
    assert names(ask(LISTING)) == ["Huile d'argan"]

    # when
    staff_answer = ask(LISTING, token=catalogue_manager)
    anonymous_answer = ask(LISTING)

    # then
    assert sorted(names(staff_answer)) == ["Huile d'argan", "Huile de nigelle"]
    assert names(anonymous_answer) == ["Huile d'argan"]


def test_each_language_gets_its_own_answer(catalogue, ask):
    # given
    french = ask(FACETS, {"text": "miel"}, language="fr")

    # when
    arabic = ask(FACETS, {"text": "miel"}, language="ar")

    # then: the province facet is named in the caller's language
    def province_labels(answer):
        facets = answer["data"]["catalogueSearch"]["facets"]
        return [v["label"] for f in facets if f["name"] == "province" for v in f["values"]]

    assert province_labels(french) == ["Ifrane"]
    assert province_labels(arabic) == ["إفران"]


def test_a_query_reaching_beyond_the_catalogue_is_worked_out_every_time(catalogue, ask):
    # given: `shop` is not a catalogue field
    query = "{ shop { name } products(first: 2) { edges { node { name } } } }"
    ask(query)

    # when / then: its queries run again
    with CaptureQueriesContext(connection) as captured:
        ask(query)
    assert len(captured) > 1


def test_an_answer_cut_short_is_not_served_again(catalogue, ask, settings):
    # given: a request that ran out of its time budget
    settings.GRAPHQL_TIME_BUDGET = 0
    cut_short = ask(SEARCH, {"text": "miel"})

    # when
    settings.GRAPHQL_TIME_BUDGET = 10
    again = ask(SEARCH, {"text": "miel"})

    # then
    assert cut_short["errors"]
    assert "errors" not in again
    assert names(again) == ["Miel de thym"]


def test_renaming_a_product_type_retires_the_answers_that_show_it(shop, ask):
    # given
    shop(name="Huile d'argan")
    assert ask(LISTING)["data"]["products"]["edges"][0]["node"]["productType"]["name"] == (
        "Huile d'olive"
    )

    # when: saved from anywhere (the dashboard, a shell), committed
    ProductType.objects.update(name="Huiles alimentaires")

    # then
    answer = ask(LISTING)
    assert answer["data"]["products"]["edges"][0]["node"]["productType"]["name"] == (
        "Huiles alimentaires"
    )


def test_each_address_called_gets_its_own_answer(catalogue, client, settings):
    # given: the shop answers on two names, and images are served by Django
    settings.ALLOWED_HOSTS = ["shop.example.ma", "api.example.ma"]
    query = json.dumps({"query": "{ products(first: 1) { edges { node { name } } } }"})

    def ask_on(host):
        return client.post(
            "/graphql/", query, content_type="application/json", HTTP_HOST=host
        )

    # when
    first = ask_on("shop.example.ma")
    with CaptureQueriesContext(connection) as captured:
        second = ask_on("api.example.ma")

    # then: the second was worked out, not served the first's answer
    assert first.status_code == second.status_code == 200
    assert len(captured) > 1
