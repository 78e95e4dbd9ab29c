import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from PIL import Image
from saleor.product.models import ProductImage, ProductVariant
from saleor.product.thumbnails import create_product_thumbnails
from saleor.warehouse.models import Stock

from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus

from ..fixtures.cooperatives import make_cooperative

pytestmark = pytest.mark.django_db


def product_page(client, product, language="fr"):
    prefix = "" if language == "fr" else f"/{language}"
    return client.get(f"{prefix}/products/{product.slug}/")


def json_ld(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def test_product_page_shows_name_price_and_stock_in_each_language(client, product_factory):
    # given
    product = product_factory(
        name="Huile d'olive de Zerhoune", name_ar="زيت زيتون زرهون", price="95.50", quantity=7
    )

    # when
    french = product_page(client, product).content.decode()
    arabic = product_page(client, product, "ar").content.decode()
    english = product_page(client, product, "en").content.decode()

    # then
    assert escape("Huile d'olive de Zerhoune") in french
    assert "95,50" in french and ">DH<" in french and "MAD<" not in french
    assert "زيت زيتون زرهون" in arabic and ">د.م.<" in arabic and ">DH<" not in arabic
    assert "95.50" in english and ">MAD<" in english
    assert 'data-available="7"' in french


def test_product_page_posts_the_chosen_variant_and_quantity_to_the_basket(client, product_factory):
    # given
    try:
        basket_add = reverse("storefront:basket-add")
    except NoReverseMatch:
        pytest.skip("the basket pages come with the checkout branch")
    product = product_factory(quantity=3)
    variant = product.variants.get()

    # when
    content = product_page(client, product).content.decode()

    # then
    assert f'action="{basket_add}"' in content
    assert f'name="variant" value="{variant.pk}" checked' in content
    assert 'name="quantity"' in content
    assert 'name="csrfmiddlewaretoken"' in content


def test_out_of_stock_product_cannot_be_added_to_the_basket(client, product_factory):
    # given
    product = product_factory(quantity=0)

    # when
    content = product_page(client, product, "en").content.decode()

    # then
    assert "This product is out of stock for now." in content
    assert 'name="quantity"' not in content
    assert " disabled>" in content


def test_product_page_tells_search_engines_and_sharers_what_it_sells(client, product_factory):
    # given
    product = product_factory(name="Miel de thym", price="180.00", quantity=2, with_image=True)

    # when
    content = product_page(client, product).content.decode()

    # then
    canonical = f"http://testserver/products/{product.slug}/"
    assert f'<link rel="canonical" href="{canonical}">' in content
    assert '<meta property="og:title" content="Miel de thym">' in content
    assert '<meta property="og:image" content="http://testserver/' in content
    data = json_ld(content)
    assert data["@type"] == "Product"
    assert data["name"] == "Miel de thym"
    assert data["offers"] == [
        {
            "@type": "Offer",
            "sku": product.variants.get().sku,
            "price": "180.00",
            "priceCurrency": "MAD",
            "availability": "https://schema.org/InStock",
            "url": canonical,
        }
    ]


def test_gallery_serves_sharp_thumbnails_on_2x_screens(client, product_factory):
    # given
    product = product_factory(with_image=True)

    # when
    content = product_page(client, product).content.decode()

    # then
    srcset = re.search(r'srcset="([^"]+) 1x, ([^"]+) 2x"', content)
    assert "540x540" in srcset.group(1) and "1080x1080" in srcset.group(2)
    assert default_storage.exists(srcset.group(2).removeprefix(settings.MEDIA_URL))


def test_product_page_shows_its_cooperative_card_with_a_link(client, product_factory):
    # given
    cooperative = make_cooperative(
        status=CooperativeStatus.APPROVED, name_ar="تعاونية الزيتون", story_ar="قصتنا"
    )
    product = product_factory(name="Huile de Sefrou")
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)

    # when
    content = product_page(client, product, "ar").content.decode()

    # then
    assert f'data-cooperative="{cooperative.slug}"' in content
    assert f'<a href="/ar/cooperatives/{cooperative.slug}/">تعاونية الزيتون</a>' in content
    assert "قصتنا" in content
    assert cooperative.get_province_display() in content


def test_product_page_suggests_related_products_of_the_same_category(client, product_factory):
    # given
    product = product_factory(name="Huile A")
    other = product_factory(name="Huile B")

    # when
    content = product_page(client, product).content.decode()

    # then
    assert f'href="/products/{other.slug}/"' in content


@pytest.mark.parametrize("slug", ["does-not-exist", "x" * 300, "%C3%A9t%C3%A9"])
def test_unknown_product_slug_is_a_404(client, slug):
    # when
    response = client.get(f"/products/{slug}/")

    # then
    assert response.status_code == 404


def test_unpublished_product_and_products_of_suspended_cooperatives_are_404(
    client, product_factory
):
    # given
    hidden = product_factory(name="Brouillon")
    hidden.is_published = False
    hidden.save()
    suspended = make_cooperative(status=CooperativeStatus.SUSPENDED)
    of_suspended = product_factory(name="Suspendu")
    CooperativeProduct.objects.create(product=of_suspended, cooperative=suspended)

    # when / then
    assert product_page(client, hidden).status_code == 404
    assert product_page(client, of_suspended).status_code == 404


def test_a_price_change_shows_at_once_on_a_cached_product_page(
    client, product_factory, page_cache
):
    # given
    product = product_factory(price="100.00", quantity=5)
    assert "100,00" in product_page(client, product).content.decode()

    # when
    product.price_amount = Decimal("80.00")
    product.minimal_variant_price_amount = Decimal("80.00")
    product.save()

    # then
    assert "80,00" in product_page(client, product).content.decode()


def test_a_stock_change_shows_at_once_on_a_cached_product_page(
    client, product_factory, page_cache
):
    # given
    product = product_factory(quantity=5)
    assert 'data-available="5"' in product_page(client, product).content.decode()

    # when
    product.variants.get().stocks.update(quantity=0)

    # then
    content = product_page(client, product).content.decode()
    assert 'data-available="0"' in content
    assert 'name="quantity"' not in content


def test_product_page_is_served_from_the_cache_on_the_second_visit(
    client, product_factory, django_assert_max_num_queries, page_cache
):
    # given
    product = product_factory(with_image=True)
    product_page(client, product)

    # when / then
    with django_assert_max_num_queries(1):  # the catalogue version
        response = product_page(client, product)
    assert response.status_code == 200
    assert f'data-product="{product.slug}"' in response.content.decode()


def test_gallery_offers_webp_thumbnails_to_browsers_that_accept_them(client, product_factory):
    # given
    product = product_factory(with_image=True)

    # when
    content = product_page(client, product).content.decode()

    # then
    source = re.search(r'<source type="image/webp" srcset="([^"]+) 1x, ([^"]+) 2x">', content)
    assert source.group(1).endswith("-540x540.webp") and source.group(2).endswith(
        "-1080x1080.webp"
    )
    with default_storage.open(source.group(2).removeprefix(settings.MEDIA_URL)) as stored:
        picture = Image.open(stored)
        assert (picture.format, max(picture.size)) == ("WEBP", 300)  # never enlarged


def test_saleors_thumbnail_task_makes_the_webp_copies_up_front(product_factory, settings):
    # given
    settings.VERSATILEIMAGEFIELD_SETTINGS = {"create_images_on_demand": False}
    product = product_factory(with_image=True)
    image = product.images.get()

    # when
    create_product_thumbnails(image.pk)

    # then
    name = image.image.thumbnail_webp["255x255"].name
    assert name.endswith("-255x255.webp")
    assert default_storage.exists(name)


@pytest.mark.parametrize("count", [3, 30])
def test_product_page_query_count_does_not_grow_with_variants_and_pictures(
    client, product_factory, warehouse, django_assert_max_num_queries, count
):
    # given
    product = product_factory(with_image=True)
    for number in range(count - 1):
        variant = ProductVariant.objects.create(product=product, sku=f"V-{product.pk}-{number}")
        Stock.objects.create(product_variant=variant, warehouse=warehouse, quantity=number)
        ProductImage.objects.create(product=product, image=product.images.first().image.name)
    product_page(client, product)

    # when / then
    with django_assert_max_num_queries(17):
        response = product_page(client, product, "ar")
    assert response.content.decode().count('name="variant"') == count
