import pytest
from django.utils.html import escape

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [("/", "fr", "ltr"), ("/ar/", "ar", "rtl"), ("/en/", "en", "ltr")],
)
def test_home_page_is_served_in_each_language_with_its_direction(client, path, lang, direction):
    # when
    response = client.get(path)

    # then
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


def test_home_page_links_to_the_same_page_in_the_other_languages(client):
    # when
    content = client.get("/").content.decode()

    # then
    assert 'hreflang="ar" href="http://testserver/ar/"' in content
    assert 'hreflang="en" href="http://testserver/en/"' in content


def test_home_page_lists_published_products_with_their_translated_name_and_price(
    client, product_factory
):
    # given
    product_factory(name="Huile d'olive de Zerhoune", name_ar="زيت زيتون زرهون", price="95.50")

    # when
    french = client.get("/").content.decode()
    arabic = client.get("/ar/").content.decode()

    # then
    assert escape("Huile d'olive de Zerhoune") in french
    assert "95,50" in french
    assert "زيت زيتون زرهون" in arabic


def test_home_page_hides_unpublished_products(client, product_factory):
    # given
    product = product_factory(name="Amlou en préparation")
    product.is_published = False
    product.save()

    # when
    content = client.get("/").content.decode()

    # then
    assert "Amlou en préparation" not in content


@pytest.mark.parametrize("count", [3, 30])
def test_home_page_query_count_does_not_grow_with_products(
    client, product_factory, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        product_factory(with_image=True, name_ar="منتوج")
    client.get("/")  # warm caches (site settings, content types)

    # when / then
    with django_assert_max_num_queries(9):
        response = client.get("/ar/")
    assert response.content.decode().count('class="product-card"') == min(count, 12)


def test_product_card_links_to_the_producing_cooperative(client, product_factory):
    # given
    from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus

    from ..fixtures.cooperatives import make_cooperative

    cooperative = make_cooperative(status=CooperativeStatus.APPROVED, name_ar="تعاونية الزيتون")
    product = product_factory(name="Huile de Sefrou")
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)

    # when
    content = client.get("/ar/").content.decode()

    # then
    assert f'href="/ar/cooperatives/{cooperative.slug}/">تعاونية الزيتون</a>' in content
