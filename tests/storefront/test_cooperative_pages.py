import re

import pytest

from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus

from ..fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db


def listed(response):
    return re.findall(
        r'class="cooperative-card" data-cooperative="([^"]+)"', response.content.decode()
    )


@pytest.fixture
def directory(db):
    return {
        "olives": make_cooperative(
            slug="olives-sefrou",
            province="sefrou",
            sectors=["olive-oil"],
            status=CooperativeStatus.APPROVED,
        ),
        "bees": make_cooperative(
            slug="nahl-ifrane",
            province="ifrane",
            sectors=["honey", "aromatic-plants"],
            status=CooperativeStatus.APPROVED,
        ),
        "pots": make_cooperative(
            slug="fakhar-fes",
            province="fes",
            sectors=["pottery"],
            status=CooperativeStatus.APPROVED,
        ),
        "draft": make_cooperative(slug="brouillon", province="fes", sectors=["pottery"]),
    }


def test_directory_filters_by_sector_and_province(client, directory):
    # when
    by_sector = client.get("/cooperatives/", {"sector": "honey"})
    by_both = client.get("/cooperatives/", {"sector": "pottery", "province": "fes"})

    # then
    assert listed(by_sector) == ["nahl-ifrane"]
    assert listed(by_both) == ["fakhar-fes"]


def test_province_index_counts_approved_cooperatives_and_links_to_the_filter(client, directory):
    # when
    content = client.get("/ar/cooperatives/").content.decode()

    # then
    index = re.search(r'class="province-index"(.*?)</nav>', content, re.S).group(1)
    assert 'href="?province=fes"' in index
    fes = re.search(
        r'href="\?province=fes"[^>]*>([^<]+)</a>\s*<span class="count" data-count="(\d+)"', index
    )
    assert fes.group(2) == "1"  # the draft is not counted
    assert "فاس" in fes.group(1)


def test_directory_shows_the_sectors_in_the_page_language(client, directory):
    # when
    french = client.get("/cooperatives/", {"province": "ifrane"}).content.decode()
    arabic = client.get("/ar/cooperatives/", {"province": "ifrane"}).content.decode()

    # then
    assert '<p class="cooperative-sectors">Miel et produits de la ruche, ' in french
    assert '<p class="cooperative-sectors">العسل ومنتجات النحل, ' in arabic


@pytest.mark.parametrize(
    "query", [{"sector": "uranium"}, {"province": "<script>"}, {"page": "x"}, {"page": "-1"}]
)
def test_bad_directory_filters_give_a_clean_page(client, directory, query):
    # when
    response = client.get("/cooperatives/", query)

    # then
    assert response.status_code == 200
    assert set(listed(response)) == {"olives-sefrou", "nahl-ifrane", "fakhar-fes"}


def test_directory_page_beyond_the_last_is_a_404(client, directory):
    assert client.get("/cooperatives/", {"page": "40"}).status_code == 404


def test_profile_lists_its_products_with_links_to_their_pages(client, directory, product_factory):
    # given
    product = product_factory(name="Huile de Sefrou")
    CooperativeProduct.objects.create(product=product, cooperative=directory["olives"])

    # when
    content = client.get("/cooperatives/olives-sefrou/").content.decode()

    # then
    assert f'href="/products/{product.slug}/"' in content
    assert '<link rel="canonical" href="http://testserver/cooperatives/olives-sefrou/">' in content


def test_profile_of_a_cooperative_not_approved_is_a_404(client, directory):
    assert client.get("/cooperatives/brouillon/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_profile_query_count_does_not_grow_with_products(
    client, directory, product_factory, django_assert_max_num_queries, count
):
    # given
    for number in range(count):
        product = product_factory(name=f"Huile {number}", with_image=True)
        CooperativeProduct.objects.create(product=product, cooperative=directory["olives"])
    client.get("/cooperatives/olives-sefrou/")

    # when / then
    with django_assert_max_num_queries(9):
        response = client.get("/ar/cooperatives/olives-sefrou/")
    assert response.content.decode().count('class="product-card"') == count
