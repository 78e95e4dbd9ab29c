import re

import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def listed(response):
    return re.findall(r'class="product-card" data-product="([^"]+)"', response.content.decode())


def test_catalogue_lists_products_of_approved_cooperatives_only(client, catalogue):
    # when
    response = client.get("/catalogue/")

    # then
    assert response.status_code == 200
    assert set(listed(response)) == {
        catalogue[name].slug for name in ("olive_oil", "amlou", "honey", "tajine")
    }


def test_category_page_lists_the_category_and_its_subcategories(client, catalogue):
    # when
    food = client.get("/categories/epicerie/")
    sweets = client.get("/ar/categories/douceurs/")

    # then
    assert set(listed(food)) == {catalogue[name].slug for name in ("olive_oil", "amlou", "honey")}
    assert set(listed(sweets)) == {catalogue["amlou"].slug, catalogue["honey"].slug}


def test_search_page_finds_by_arabic_name(client, catalogue):
    # when
    response = client.get("/ar/search/", {"q": "أملو"})

    # then
    assert listed(response) == [catalogue["amlou"].slug]
    assert "أملو" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"province": "ifrane"}, {"amlou", "honey"}),
        ({"cooperative": "zitouna-sefrou"}, {"olive_oil"}),
        ({"in_stock": "1", "category": "douceurs"}, {"amlou"}),
        ({"price_min": "100", "price_max": "250"}, {"olive_oil", "honey"}),
        ({"price_min": "250", "price_max": "100"}, {"olive_oil", "honey"}),
    ],
)
def test_filters_narrow_the_catalogue(client, catalogue, query, expected):
    # when
    response = client.get("/catalogue/", query)

    # then
    assert set(listed(response)) == {catalogue[name].slug for name in expected}


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("price", ["amlou", "olive_oil", "honey", "tajine"]),
        ("-price", ["tajine", "honey", "olive_oil", "amlou"]),
    ],
)
def test_catalogue_sorts_by_price(client, catalogue, sort, order):
    # when
    response = client.get("/catalogue/", {"sort": sort})

    # then
    assert listed(response) == [catalogue[name].slug for name in order]


def test_arabic_pages_sort_by_the_arabic_name(client, catalogue):
    # when
    arabic = client.get("/ar/catalogue/", {"sort": "name"})
    french = client.get("/catalogue/", {"sort": "name"})

    # then: أملو < زيت < طاجين < عسل; Amlou < Huile < Miel < Tajine
    assert listed(arabic) == [catalogue[n].slug for n in ("amlou", "olive_oil", "tajine", "honey")]
    assert listed(french) == [catalogue[n].slug for n in ("amlou", "olive_oil", "honey", "tajine")]


def test_facets_show_counts_and_keep_the_other_filters_in_their_links(client, catalogue):
    # when
    content = client.get("/catalogue/", {"province": "ifrane"}).content.decode()

    # then
    cooperative_facet = re.search(r'data-facet="cooperative">(.*?)</fieldset>', content, re.S)
    assert "Coopérative Nahl" in cooperative_facet.group(1)
    assert 'data-count="2"' in cooperative_facet.group(1)
    assert escape("?province=ifrane&cooperative=nahl-ifrane") in cooperative_facet.group(1)


def test_pagination_keeps_the_filters_in_the_url(client, catalogue, monkeypatch):
    # given
    monkeypatch.setattr("storefront.catalogue.PRODUCTS_PER_PAGE", 1)

    # when
    first = client.get("/catalogue/", {"province": "ifrane", "sort": "price"})
    second = client.get("/catalogue/", {"province": "ifrane", "sort": "price", "page": "2"})

    # then
    assert listed(first) == [catalogue["amlou"].slug]
    assert 'href="?province=ifrane&amp;sort=price&amp;page=2"' in first.content.decode()
    assert listed(second) == [catalogue["honey"].slug]
    assert 'rel="next"' not in second.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"price_min": "cheap"},
        {"price_max": "1e999"},
        {"sort": "DROP TABLE"},
        {"province": "atlantis"},
        {"category": "../../etc"},
        {"cooperative": "x" * 500},
        {"q": "\x00" * 3},
    ],
)
def test_bad_filters_give_a_clean_page_never_an_error(client, catalogue, query):
    # when
    response = client.get("/catalogue/", query)

    # then
    assert response.status_code == 200
    assert 'class="catalogue"' in response.content.decode()


def test_a_page_beyond_the_last_is_a_404(client, catalogue):
    assert client.get("/catalogue/", {"page": "99"}).status_code == 404


def test_unknown_category_is_a_404(client, catalogue):
    assert client.get("/categories/nope/").status_code == 404


def test_catalogue_works_as_a_plain_get_form(client, catalogue):
    # when
    content = client.get("/ar/catalogue/").content.decode()

    # then
    assert '<form method="get" class="filters"' in content
    for name in ("q", "price_min", "price_max", "in_stock", "sort"):
        assert f'name="{name}"' in content
    assert "<script" not in content.split('<main id="content">')[1]


@pytest.mark.parametrize("path", ["/catalogue/", "/categories/epicerie/", "/search/?q=huile", "/"])
@pytest.mark.parametrize("count", [3, 30])
def test_list_pages_run_a_constant_number_of_queries(
    client, shop, path, count, django_assert_max_num_queries, monkeypatch
):
    # given
    monkeypatch.setattr("storefront.catalogue.PRODUCTS_PER_PAGE", 30)
    for number in range(count):
        shop(name=f"Huile {number}", name_ar=f"زيت {number}", category="oils")
    client.get(path)

    # when / then
    with django_assert_max_num_queries(14):
        response = client.get(path)
    assert len(listed(response)) == min(count, 12 if path == "/" else 30)


def test_price_facets_use_the_pages_currency_label(client, catalogue):
    # when
    french = client.get("/catalogue/").content.decode()
    arabic = client.get("/ar/catalogue/").content.decode()

    # then
    assert "100–200 DH" in french and "MAD" not in french
    assert "100–200 د.م." in arabic


def test_a_facet_shows_its_most_frequent_values_and_the_chosen_one(
    client, catalogue, monkeypatch
):
    # given
    monkeypatch.setattr("storefront.catalogue.FACET_VALUES", 1)

    # when
    content = client.get("/catalogue/", {"cooperative": "zitouna-sefrou"}).content.decode()
    everything = client.get("/catalogue/").content.decode()

    # then
    facet = re.search(r'data-facet="cooperative">(.*?)</fieldset>', content, re.S).group(1)
    assert "Coopérative Zitouna" in facet and 'aria-current="true"' in facet
    facet = re.search(r'data-facet="cooperative">(.*?)</fieldset>', everything, re.S).group(1)
    assert facet.count("<li>") == 1 and "Coopérative Nahl" in facet
