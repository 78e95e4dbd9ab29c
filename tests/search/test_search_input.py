"""Bad input narrows or empties the result, never raises; the cost does not grow with a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog_extensions.search.api import SearchRequest, search

pytestmark = pytest.mark.django_db

HOSTILE_TEXTS = [
    "x" * 10_240,
    "amlou " * 2_000,
    "'; DROP TABLE product_product; --",
    "a:* & !b | (c <-> d)",
    'title:(amlou OR *) AND ~1^2 "unclosed',
    "\\ / [ ] { } < > % _ \x00",
    "%%%%",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_hostile_text_gives_a_normal_result(catalogue, text):
    # when
    result = search(SearchRequest(text=text))

    # then
    assert isinstance(result.product_ids, list)
    assert result.total == len(result.product_ids)


@pytest.mark.parametrize(
    "filters",
    [
        {"category": "no-such-category"},
        {"province": "casablanca"},
        {"cooperative": "x" * 5_000},
        {"label": "'; --"},
        {"fair_stop": "not-a-number"},
    ],
)
def test_unknown_facet_value_gives_an_empty_result(catalogue, filters):
    # when
    result = search(SearchRequest(**filters))

    # then
    assert result.product_ids == [] and result.total == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"page": -3},
        {"page": "abc"},
        {"per_page": -1},
        {"per_page": 10**9},
        {"price_min": "-5"},
        {"price_max": "NaN"},
        {"sort": "DROP"},
        {"language": "xx"},
    ],
)
def test_nonsense_paging_prices_and_sort_fall_back_to_defaults(catalogue, fields):
    # when
    result = search(SearchRequest(**fields))

    # then
    assert result.total == 4
    assert set(result.product_ids) <= {product.pk for product in catalogue.values()}
    assert result.page >= 1 and 1 <= result.per_page <= 100


def test_a_page_past_the_end_is_empty_but_keeps_the_total(catalogue):
    # when
    result = search(SearchRequest(page=50, per_page=2))

    # then
    assert result.product_ids == [] and result.total == 4


def count_queries(request):
    search(request)
    with CaptureQueriesContext(connection) as queries:
        result = search(request)
    return len(queries), result


@pytest.mark.parametrize("text", ["", "figues", "figus"], ids=["listing", "words", "typo"])
def test_search_costs_the_same_for_3_and_30_results(shop, text):
    # given
    for number in range(30):
        shop(
            name=f"Figues sèches {number}",
            cooperative=("sefrou", "ifrane")[number % 2],
            category=("oils", "sweets")[number % 2],
        )

    # when
    for_3, result_3 = count_queries(SearchRequest(text=text, per_page=3))
    for_30, result_30 = count_queries(SearchRequest(text=text, per_page=30))

    # then
    assert len(result_3.product_ids) == 3 and len(result_30.product_ids) == 30
    assert result_30.facets["cooperative"] and result_30.facets["category"]
    assert for_3 == for_30 <= 3
