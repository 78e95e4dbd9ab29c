"""`catalogueSearch` over POST /graphql/, as the storefront's scripts or an app would call it."""

import pytest

pytestmark = pytest.mark.django_db

QUERY = """query ($text: String, $page: Int, $province: String, $language: String) {
  catalogueSearch(text: $text, page: $page, province: $province, language: $language) {
    total page products { name }
    facets { name values { value label count } }
  }
}"""


def test_catalogue_search_returns_products_best_first_with_facets(graphql, catalogue):
    # when
    answer = graphql(QUERY, {"text": "miel", "language": "ar"})

    # then
    result = answer["data"]["catalogueSearch"]
    facets = {facet["name"]: facet["values"] for facet in result["facets"]}
    assert result["total"] == 1
    assert [product["name"] for product in result["products"]] == ["Miel de thym"]
    assert facets["cooperative"] == [
        {"value": "nahl-ifrane", "label": "تعاونية النحل", "count": 1}
    ]


def test_catalogue_search_with_bad_input_answers_with_an_empty_page(graphql, catalogue):
    # when
    answer = graphql(QUERY, {"text": "x" * 10_000, "page": -4, "province": "'; --"})

    # then
    assert "errors" not in answer
    assert answer["data"]["catalogueSearch"]["total"] == 0
    assert answer["data"]["catalogueSearch"]["page"] == 1
