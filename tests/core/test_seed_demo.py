import html
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from saleor.account.models import User
from saleor.product.models import (
    AttributeTranslation,
    AttributeValueTranslation,
    Category,
    CategoryTranslation,
    Product,
    ProductImage,
    ProductTranslation,
    ProductVariant,
)
from saleor.shipping.models import ShippingMethodTranslation, ShippingZone
from saleor.warehouse.models import Stock, Warehouse

from marketplace.cooperatives import demo as cooperatives_demo
from marketplace.core.demo import catalogue, data

pytestmark = pytest.mark.django_db

ALL_PROVINCES = {
    "fes",
    "meknes",
    "boulemane",
    "el-hajeb",
    "ifrane",
    "moulay-yacoub",
    "sefrou",
    "taounate",
    "taza",
}


@pytest.fixture
def debug_mode(settings, monkeypatch):
    """Development as `make run` has it: DEBUG on, no demo passwords in the environment."""
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("DEMO_CUSTOMER_PASSWORD", raising=False)


def seed_demo(*args):
    stdout = StringIO()
    call_command("seed_demo", *args, stdout=stdout)
    return stdout.getvalue()


def counts():
    models = [
        Product,
        ProductVariant,
        Stock,
        Warehouse,
        Category,
        ProductImage,
        ProductTranslation,
        CategoryTranslation,
        AttributeTranslation,
        AttributeValueTranslation,
        ShippingMethodTranslation,
        ShippingZone,
        User,
    ]
    return {model.__name__: model.objects.count() for model in models}


def storefront_text(client, prefix):
    """All product listing pages under a language prefix, as unescaped text."""
    pages = []
    page_number = 1
    while True:
        response = client.get(f"{prefix}catalogue/?page={page_number}")
        assert response.status_code == 200
        pages.append(html.unescape(response.content.decode()))
        if 'rel="next"' not in response.content.decode():
            return "\n".join(pages)
        page_number += 1


def test_seeding_twice_changes_no_counts(debug_mode):
    # given
    seed_demo()
    first = counts()

    # when
    seed_demo()

    # then
    assert counts() == first
    assert first["Product"] == sum(len(producer["products"]) for producer in data.PRODUCERS)
    assert first["Warehouse"] == len(data.PRODUCERS)
    assert first["Stock"] == first["ProductVariant"]
    assert first["ProductImage"] == first["Product"]
    # the admin, the shopper, one owner per producer and per extra cooperative
    assert first["User"] == 2 + len(data.PRODUCERS) + len(cooperatives_demo.EXTRA_COOPERATIVES)


def test_seeding_twice_keeps_the_same_image_files(debug_mode):
    # given
    seed_demo()
    first = sorted(ProductImage.objects.values_list("image", flat=True))

    # when
    seed_demo()

    # then
    assert sorted(ProductImage.objects.values_list("image", flat=True)) == first


def test_every_product_has_arabic_and_english_translations(debug_mode):
    # when
    seed_demo()

    # then
    for product in Product.objects.prefetch_related("translations"):
        languages = {translation.language_code for translation in product.translations.all()}
        assert languages == {"ar", "en"}, product.slug


@pytest.mark.parametrize(("prefix", "language"), [("/", "fr"), ("/ar/", "ar"), ("/en/", "en")])
def test_every_product_is_listed_on_the_storefront_in_its_language(
    debug_mode, client, prefix, language
):
    # given
    seed_demo()

    # when
    text = storefront_text(client, prefix)

    # then
    for producer in data.PRODUCERS:
        for product in producer["products"]:
            assert product["name"][language] in text


def test_prices_are_decimal_amounts_in_dirhams(debug_mode):
    # when
    seed_demo()

    # then
    for variant in ProductVariant.objects.select_related("product"):
        price = variant.get_price()
        assert isinstance(price.amount, Decimal)
        assert price.currency == "MAD"
        assert price.amount > 0
    assert set(Product.objects.values_list("currency", flat=True)) == {"MAD"}


def test_seeded_products_are_available_to_moroccan_shoppers_through_the_api(debug_mode, graphql):
    # given
    seed_demo()
    query = """
      { products(first: 100) { totalCount edges { node {
          isAvailable translation(languageCode: AR) { name }
          pricing { priceRange { start { gross { currency } } } } } } } }
    """

    # when
    content = graphql(query)

    # then
    assert "errors" not in content
    products = content["data"]["products"]
    assert products["totalCount"] == Product.objects.count()
    for edge in products["edges"]:
        node = edge["node"]
        assert node["isAvailable"]
        assert node["translation"]["name"]
        assert node["pricing"]["priceRange"]["start"]["gross"]["currency"] == "MAD"


def test_products_are_published_no_later_than_today(debug_mode):
    # when
    seed_demo()

    # then
    assert Product.objects.published().count() == Product.objects.count()
    assert all(product.is_visible for product in Product.objects.all())


def test_seed_returns_each_producers_warehouse_shipping_to_morocco_and_products(debug_mode):
    # when
    result = catalogue.seed()

    # then
    assert list(result) == [producer["slug"] for producer in data.PRODUCERS]
    for producer in data.PRODUCERS:
        seeded = result[producer["slug"]]
        assert seeded["warehouse"].name == producer["name_fr"]
        assert "MA" in seeded["warehouse"].countries
        assert [product.slug for product in seeded["products"]] == [
            product["slug"] for product in producer["products"]
        ]


def test_producers_cover_every_province_of_the_region():
    # then
    assert {producer["province"] for producer in data.PRODUCERS} == ALL_PROVINCES
    for producer in data.PRODUCERS:
        assert producer["legal_form"] in {"cooperative", "association", "gie"}
        assert producer["phone"].startswith("+212")
        assert producer["women_members"] <= producer["members"]
        assert producer["young_members"] <= producer["members"]
        assert 2 <= len(producer["products"]) <= 3


def test_command_refuses_default_passwords_when_debug_is_off(debug_mode, settings):
    # given
    settings.DEBUG = False

    # when
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        seed_demo()

    # then
    assert not User.objects.exists()
    assert not Product.objects.exists()


def test_command_uses_passwords_from_the_environment_when_debug_is_off(
    debug_mode, settings, monkeypatch
):
    # given
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "s3cret-admin")
    monkeypatch.setenv("DEMO_CUSTOMER_PASSWORD", "s3cret-client")
    monkeypatch.setenv("DEMO_COOPERATIVE_PASSWORD", "s3cret-cooperative")

    # when
    seed_demo()

    # then
    admin = User.objects.get(email=data.ADMIN["email"])
    customer = User.objects.get(email=data.CUSTOMER["email"])
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password("s3cret-admin")
    assert not customer.is_staff
    assert customer.check_password("s3cret-client")


def test_logins_are_printed_only_when_asked(debug_mode):
    # when
    quiet = seed_demo()
    verbose = seed_demo("--print-logins")

    # then
    assert data.ADMIN["email"] not in quiet
    assert f"{data.ADMIN['email']} / admin" in verbose
    assert f"{data.CUSTOMER['email']} / client" in verbose
