import pytest

from catalog_extensions.search.api import SearchRequest, search

pytestmark = pytest.mark.django_db


def ids(catalogue, *names):
    return {catalogue[name].pk for name in names}


def test_french_query_without_accents_finds_the_product(catalogue):
    # when
    result = search(SearchRequest(text="huile olive"))

    # then
    assert catalogue["olive_oil"].pk in result.product_ids


def test_arabic_query_with_article_and_conjunction_finds_the_product(catalogue):
    # when
    result = search(SearchRequest(text="والزيتون", language="ar"))

    # then
    assert result.product_ids == [catalogue["olive_oil"].pk]


def test_products_of_a_suspended_cooperative_are_never_found(catalogue):
    # when
    by_name = search(SearchRequest(text="argan"))
    listing = search(SearchRequest(per_page=100))

    # then
    assert by_name.product_ids == []
    assert catalogue["hidden"].pk not in listing.product_ids
    assert listing.total == 4


def test_category_filter_includes_subcategories(catalogue):
    # when
    result = search(SearchRequest(category="epicerie", per_page=100))

    # then
    assert set(result.product_ids) == ids(catalogue, "olive_oil", "amlou", "honey")


def test_facets_count_the_results_for_every_filter(catalogue):
    # when
    result = search(SearchRequest(per_page=1))

    # then
    categories = {facet.value: facet.count for facet in result.facets["category"]}
    provinces = {facet.value: facet.count for facet in result.facets["province"]}
    in_stock = result.facets["in_stock"]
    assert categories == {"epicerie": 3, "douceurs": 2, "huiles": 1, "artisanat": 1}
    assert provinces == {"ifrane": 2, "sefrou": 1}
    assert [(facet.value, facet.count) for facet in in_stock] == [("true", 3)]
    assert result.total == 4 and len(result.product_ids) == 1


def test_in_stock_and_price_filters_narrow_the_results(catalogue):
    # when
    result = search(SearchRequest(in_stock=True, price_min="80", price_max="200", per_page=100))

    # then
    assert set(result.product_ids) == ids(catalogue, "olive_oil", "amlou")


def test_sort_by_price_descending(catalogue):
    # when
    result = search(SearchRequest(sort="-price", per_page=100))

    # then
    assert result.product_ids == [
        catalogue[name].pk for name in ("tajine", "honey", "olive_oil", "amlou")
    ]


def test_edited_product_is_searchable_at_once(catalogue):
    # given
    product = catalogue["tajine"]
    product.name = "Plat à couscous en terre cuite"

    # when
    product.save()

    # then
    assert search(SearchRequest(text="couscous")).product_ids == [product.pk]


def test_suspending_a_cooperative_hides_its_products_at_once(catalogue, cooperatives):
    # given
    cooperative = cooperatives["ifrane"]
    cooperative.status = "suspended"

    # when
    cooperative.save()

    # then
    assert search(SearchRequest(text="amlou")).product_ids == []
