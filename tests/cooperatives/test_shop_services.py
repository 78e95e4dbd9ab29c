from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine
from saleor.product.models import Product, ProductImage, ProductVariant
from saleor.warehouse.models import Allocation, Stock

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus
from marketplace.cooperatives.saleor_catalogue import products_of_active_cooperatives
from marketplace.cooperatives.services.products import (
    cooperative_product_create,
    cooperative_product_delete,
    cooperative_product_image_add,
    cooperative_product_image_remove,
    cooperative_product_set_published,
    cooperative_product_update,
    cooperative_stock_set,
)
from tests.fixtures.cooperatives import make_cooperative, png_bytes

from .shop_helpers import create_product, give_warehouse, product_data, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(approved_cooperative, shipping_zone):
    give_warehouse(approved_cooperative, shipping_zone)
    return approved_cooperative


@pytest.fixture
def other_shop(other_cooperative, shipping_zone):
    give_warehouse(other_cooperative, shipping_zone)
    return other_cooperative


@pytest.fixture
def product(shop, owner, product_type, category):
    return create_product(shop, owner, product_type, category)


def error_codes(excinfo):
    return {
        field: [error.code for error in errors]
        for field, errors in excinfo.value.error_dict.items()
    }


PRODUCTS_QUERY = """
{ products(first: 10) { edges { node { name isAvailable
    translation(languageCode: AR) { name } } } } }
"""


# --- creating -------------------------------------------------------------------------


def test_member_creates_a_product_with_names_price_and_stock_in_its_warehouse(
    shop, owner, product_type, category, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product = create_product(shop, owner, product_type, category)

    # then
    product.refresh_from_db()
    assert product.name == "Miel de thym"
    assert product.price_amount == Decimal("180.00")
    assert product.minimal_variant_price_amount == Decimal("180.00")
    assert product.is_published
    assert product.description_json["blocks"][0]["text"] == "Récolté dans le Moyen Atlas."
    assert product.translations.get(language_code="ar").name == "عسل الزعتر"
    assert CooperativeProduct.objects.get(product=product).cooperative == shop
    variant = product.variants.get()
    assert variant.sku == "MIEL-THYM-500"
    assert Stock.objects.get(product_variant=variant).warehouse == shop.warehouse
    assert Stock.objects.get(product_variant=variant).quantity == 12
    assert len(callbacks) == 1  # Saleor's product_created plugin hook


def test_created_product_appears_on_the_storefront_and_in_saleor_products_query(
    client, graphql, shop, owner, product_type, category
):
    # given
    create_product(shop, owner, product_type, category)

    # when
    home = client.get("/").content.decode()
    arabic_home = client.get("/ar/").content.decode()
    result = graphql(PRODUCTS_QUERY)

    # then
    assert escape("Miel de thym") in home
    assert "عسل الزعتر" in arabic_home
    nodes = [edge["node"] for edge in result["data"]["products"]["edges"]]
    assert nodes == [
        {"name": "Miel de thym", "isAvailable": True, "translation": {"name": "عسل الزعتر"}}
    ]


def test_unpublished_product_stays_off_the_storefront(client, shop, owner, product_type, category):
    # given
    create_product(shop, owner, product_type, category, is_published=False)

    # when
    home = client.get("/").content.decode()

    # then
    assert escape("Miel de thym") not in home


def test_member_creates_a_product_with_variants_each_with_price_and_stock(shop, owner, category):
    # given
    from saleor.product.models import ProductType

    sized = ProductType.objects.create(name="Miel", slug="miel", has_variants=True)
    variants = [
        {"sku": "MIEL-250", "name": "250 g", "price": "95.00", "quantity": 4},
        {"sku": "MIEL-500", "name": "500 g", "price": "180.00", "quantity": 7},
    ]

    # when
    product = create_product(
        shop, owner, sized, category, sku=None, price="180.00", variants=variants
    )

    # then
    product.refresh_from_db()
    assert product.minimal_variant_price_amount == Decimal("95.00")
    stocks = dict(
        Stock.objects.filter(product_variant__product=product).values_list(
            "product_variant__sku", "quantity"
        )
    )
    assert stocks == {"MIEL-250": 4, "MIEL-500": 7}


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"price": "-5"}, "price", CooperativeErrorCode.INVALID),
        ({"price": "0"}, "price", CooperativeErrorCode.INVALID),
        ({"price": "12.345"}, "price", CooperativeErrorCode.INVALID),
        ({"price": "abc"}, "price", CooperativeErrorCode.INVALID),
        ({"name_fr": "  ", "name_ar": ""}, "name_fr", CooperativeErrorCode.REQUIRED),
        ({"name_ar": "", "name_fr": None}, "name_ar", CooperativeErrorCode.REQUIRED),
        ({"category": "no-such-category"}, "category", CooperativeErrorCode.NOT_FOUND),
        ({"category": None}, "category", CooperativeErrorCode.REQUIRED),
        ({"product_type": "nope"}, "product_type", CooperativeErrorCode.NOT_FOUND),
        ({"sku": ""}, "sku", CooperativeErrorCode.REQUIRED),
        ({"quantity": "-1"}, "quantity", CooperativeErrorCode.INVALID),
        ({"quantity": "2.5"}, "quantity", CooperativeErrorCode.INVALID),
    ],
)
def test_bad_product_input_gives_a_code_and_saves_nothing(
    shop, owner, product_type, category, overrides, field, code
):
    # when
    with pytest.raises(ValidationError) as excinfo:
        create_product(shop, owner, product_type, category, **overrides)

    # then
    assert code.value in error_codes(excinfo)[field]
    assert Product.objects.count() == 0
    assert ProductVariant.objects.count() == 0
    assert CooperativeProduct.objects.count() == 0


def test_a_sku_already_used_elsewhere_is_refused(
    shop, owner, product_type, category, product_factory
):
    # given
    existing = product_factory()
    sku = existing.variants.get().sku

    # when
    with pytest.raises(ValidationError) as excinfo:
        create_product(shop, owner, product_type, category, sku=sku)

    # then
    assert error_codes(excinfo)["sku"] == [CooperativeErrorCode.DUPLICATE_SKU.value]
    assert Product.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [CooperativeStatus.DRAFT, CooperativeStatus.SUBMITTED, CooperativeStatus.SUSPENDED],
)
def test_a_cooperative_that_is_not_approved_cannot_create_products(
    owner, shipping_zone, product_type, category, status
):
    # given
    cooperative = make_cooperative(owner=owner, status=status)
    give_warehouse(cooperative, shipping_zone)

    # when
    with pytest.raises(ValidationError) as excinfo:
        create_product(cooperative, owner, product_type, category)

    # then
    assert error_codes(excinfo)["cooperative"] == [CooperativeErrorCode.NOT_APPROVED.value]
    assert Product.objects.count() == 0


def test_a_cooperative_without_a_warehouse_gets_a_clear_error(
    approved_cooperative, owner, product_type, category
):
    # when
    with pytest.raises(ValidationError) as excinfo:
        create_product(approved_cooperative, owner, product_type, category)

    # then
    assert error_codes(excinfo)["cooperative"] == [CooperativeErrorCode.NO_WAREHOUSE.value]
    assert Product.objects.count() == 0


@pytest.mark.parametrize(
    "actor_name",
    ["anonymous", "customer", "other_cooperative_member", "staff_without_permission", "reviewer"],
)
def test_only_members_create_products_for_their_cooperative(
    actors, shop, product_type, category, actor_name
):
    # when
    with pytest.raises(PermissionDenied):
        cooperative_product_create(
            cooperative=shop,
            user=actors[actor_name],
            data=product_data(product_type, category),
        )

    # then
    assert Product.objects.count() == 0


# --- editing --------------------------------------------------------------------------


def test_member_updates_names_price_and_stock(product, owner, shop):
    # when
    cooperative_product_update(
        product=product,
        user=owner,
        data={
            "name_fr": "Miel de thym bio",
            "name_ar": "عسل الزعتر البيولوجي",
            "name_en": "Thyme honey",
            "price": "150",
            "quantity": 3,
        },
    )

    # then
    product.refresh_from_db()
    assert product.name == "Miel de thym bio"
    assert product.price_amount == Decimal("150.00")
    assert product.minimal_variant_price_amount == Decimal("150.00")
    names = dict(product.translations.values_list("language_code", "name"))
    assert names == {"ar": "عسل الزعتر البيولوجي", "en": "Thyme honey"}
    assert Stock.objects.get(product_variant__product=product).quantity == 3


def test_bad_update_leaves_the_product_unchanged(product, owner):
    # given
    before = snapshot(product)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_update(
            product=product, user=owner, data={"name_fr": "Nouveau", "price": "-1"}
        )

    # then
    assert error_codes(excinfo)["price"] == [CooperativeErrorCode.INVALID.value]
    assert snapshot(product) == before


def test_publish_and_unpublish(product, owner):
    # when
    cooperative_product_set_published(product=product, user=owner, is_published=False)

    # then
    assert not Product.objects.get(pk=product.pk).is_published
    cooperative_product_set_published(product=product, user=owner, is_published=True)
    assert Product.objects.get(pk=product.pk).is_published


OUTSIDER_ACTIONS = {
    "update": lambda product, user: cooperative_product_update(
        product=product, user=user, data={"name_fr": "Volé", "price": "1"}
    ),
    "unpublish": lambda product, user: cooperative_product_set_published(
        product=product, user=user, is_published=False
    ),
    "delete": lambda product, user: cooperative_product_delete(product=product, user=user),
    "stock": lambda product, user: cooperative_stock_set(
        variant=product.variants.get(), user=user, quantity=0
    ),
    "image_add": lambda product, user: cooperative_product_image_add(
        product=product,
        user=user,
        image=SimpleUploadedFile("x.png", png_bytes(), "image/png"),
    ),
    "image_remove": lambda product, user: cooperative_product_image_remove(
        product=product, user=user, image_id=product.images.first().pk
    ),
}


@pytest.mark.parametrize("action", sorted(OUTSIDER_ACTIONS))
@pytest.mark.parametrize(
    "actor_name", ["customer", "other_cooperative_member", "staff_without_permission", "reviewer"]
)
def test_another_cooperative_cannot_touch_the_product(
    actors, other_shop, product, owner, action, actor_name
):
    # given
    cooperative_product_image_add(
        product=product, user=owner, image=SimpleUploadedFile("a.png", png_bytes(), "image/png")
    )
    before = snapshot(product)

    # when
    with pytest.raises(ValidationError) as excinfo:
        OUTSIDER_ACTIONS[action](product, actors[actor_name])

    # then
    assert error_codes(excinfo)["product"] == [CooperativeErrorCode.PRODUCT_NOT_OWNED.value]
    assert snapshot(product) == before


@pytest.mark.parametrize("action", sorted(OUTSIDER_ACTIONS))
def test_anonymous_cannot_touch_the_product(product, owner, action):
    # given
    cooperative_product_image_add(
        product=product, user=owner, image=SimpleUploadedFile("a.png", png_bytes(), "image/png")
    )
    before = snapshot(product)

    # when
    with pytest.raises(PermissionDenied):
        OUTSIDER_ACTIONS[action](product, None)

    # then
    assert snapshot(product) == before


def test_a_suspended_cooperative_cannot_edit_its_products(product, owner, shop):
    # given
    shop.status = CooperativeStatus.SUSPENDED
    shop.save()
    before = snapshot(product)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_update(product=product, user=owner, data={"price": "1"})

    # then
    assert error_codes(excinfo)["cooperative"] == [CooperativeErrorCode.NOT_APPROVED.value]
    assert snapshot(product) == before


# --- stock ----------------------------------------------------------------------------


def make_order_line(product, quantity, *, status=OrderStatus.UNFULFILLED):
    variant = product.variants.get()
    order = Order.objects.create(status=status, user_email="client@example.ma")
    line = OrderLine.objects.create(
        order=order,
        variant=variant,
        product_name=product.name,
        product_sku=variant.sku,
        is_shipping_required=True,
        quantity=quantity,
        unit_price_net_amount=Decimal("10"),
        unit_price_gross_amount=Decimal("10"),
    )
    stock = Stock.objects.get(product_variant=variant)
    Allocation.objects.create(order_line=line, stock=stock, quantity_allocated=quantity)
    return line


def test_stock_is_set_in_the_cooperative_warehouse(product, owner, shop):
    # when
    cooperative_stock_set(variant=product.variants.get(), user=owner, quantity=40)

    # then
    assert (
        Stock.objects.get(product_variant__product=product, warehouse=shop.warehouse).quantity
        == 40
    )


def test_stock_cannot_go_below_the_allocated_quantity(product, owner):
    # given
    make_order_line(product, 5)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_stock_set(variant=product.variants.get(), user=owner, quantity=4)

    # then
    assert error_codes(excinfo)["quantity"] == [CooperativeErrorCode.INSUFFICIENT_STOCK.value]
    assert Stock.objects.get(product_variant__product=product).quantity == 12
    cooperative_stock_set(variant=product.variants.get(), user=owner, quantity=5)
    assert Stock.objects.get(product_variant__product=product).quantity == 5


def test_update_cannot_lower_stock_below_allocated_either(product, owner):
    # given
    make_order_line(product, 5)
    before = snapshot(product)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_update(
            product=product, user=owner, data={"name_fr": "Autre", "quantity": 1}
        )

    # then
    assert error_codes(excinfo)["quantity"] == [CooperativeErrorCode.INSUFFICIENT_STOCK.value]
    assert snapshot(product) == before


# --- deleting -------------------------------------------------------------------------


def test_member_deletes_its_product(product, owner):
    # when
    cooperative_product_delete(product=product, user=owner)

    # then
    assert not Product.objects.filter(pk=product.pk).exists()
    assert CooperativeProduct.objects.count() == 0


def test_a_product_in_an_order_waiting_to_ship_cannot_be_deleted(product, owner):
    # given
    make_order_line(product, 1)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_delete(product=product, user=owner)

    # then
    assert error_codes(excinfo)["product"] == [CooperativeErrorCode.PRODUCT_HAS_OPEN_ORDERS.value]
    assert Product.objects.filter(pk=product.pk).exists()


def test_deleting_a_product_keeps_its_fulfilled_order_lines(product, owner):
    # given
    line = make_order_line(product, 1, status=OrderStatus.FULFILLED)

    # when
    cooperative_product_delete(product=product, user=owner)

    # then
    line.refresh_from_db()
    assert line.variant is None
    assert line.product_name == "Miel de thym"


# --- images ---------------------------------------------------------------------------


def test_member_adds_and_removes_an_image(product, owner, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        image = cooperative_product_image_add(
            product=product,
            user=owner,
            image=SimpleUploadedFile("miel.png", png_bytes((64, 64)), "image/png"),
        )
    storage, name = image.image.storage, image.image.name

    # then
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        cooperative_product_image_remove(product=product, user=owner, image_id=image.pk)
    assert not ProductImage.objects.filter(pk=image.pk).exists()
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><script>alert(1)</script></html>", CooperativeErrorCode.INVALID_FILE_TYPE),
        (b"%PDF-1.4 not an image", CooperativeErrorCode.INVALID_FILE_TYPE),
        (png_bytes()[:40], CooperativeErrorCode.INVALID_FILE_TYPE),
    ],
)
def test_a_file_that_is_not_an_image_is_refused(product, owner, content, code):
    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_image_add(
            product=product,
            user=owner,
            image=SimpleUploadedFile("photo.png", content, "image/png"),
        )

    # then
    assert error_codes(excinfo)["image"] == [code.value]
    assert ProductImage.objects.count() == 0


def test_an_image_over_the_size_limit_is_refused(product, owner, monkeypatch):
    # given
    monkeypatch.setattr("marketplace.cooperatives.services.products.MAX_IMAGE_SIZE", 100)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_image_add(
            product=product,
            user=owner,
            image=SimpleUploadedFile("big.png", png_bytes((64, 64)), "image/png"),
        )

    # then
    assert error_codes(excinfo)["image"] == [CooperativeErrorCode.FILE_TOO_LARGE.value]
    assert ProductImage.objects.count() == 0


# --- visibility -----------------------------------------------------------------------


def test_products_of_suspended_cooperatives_are_hidden_from_shoppers(
    product, shop, product_factory
):
    # given
    council_product = product_factory()
    shop.status = CooperativeStatus.SUSPENDED
    shop.save()

    # when
    visible = set(products_of_active_cooperatives(Product.objects.all()))

    # then
    assert visible == {council_product}


# --- Saleor's own mutations stay closed to members --------------------------------------


SALEOR_PRODUCT_UPDATE = """
mutation Update($id: ID!) {
  productUpdate(id: $id, input: {name: "Piraté", basePrice: 1}) {
    product { name }
    productErrors { code }
  }
}
"""


def test_saleor_product_update_refuses_a_member_even_on_its_own_product(
    graphql, user_token, product, owner
):
    # given
    import graphene

    before = snapshot(product)

    # when
    result = graphql(
        SALEOR_PRODUCT_UPDATE,
        {"id": graphene.Node.to_global_id("Product", product.pk)},
        token=user_token(owner),
    )

    # then
    assert result["data"]["productUpdate"] is None
    assert "permission" in result["errors"][0]["message"].lower()
    assert snapshot(product) == before


def test_a_product_with_several_variants_cannot_move_to_a_single_variant_type(
    shop, owner, category, product_type
):
    # given
    from saleor.product.models import ProductType

    sized = ProductType.objects.create(name="Miel", slug="miel", has_variants=True)
    product = create_product(
        shop,
        owner,
        sized,
        category,
        sku=None,
        variants=[{"sku": "M-250", "price": "95"}, {"sku": "M-500", "price": "180"}],
    )
    before = snapshot(product)

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_update(
            product=product, user=owner, data={"product_type": product_type}
        )

    # then
    assert error_codes(excinfo)["variants"] == [CooperativeErrorCode.INVALID.value]
    assert snapshot(product) == before


def test_a_product_whose_category_was_deleted_cannot_be_published(product, owner, category):
    # given
    cooperative_product_set_published(product=product, user=owner, is_published=False)
    category.delete()
    product.refresh_from_db()

    # when
    with pytest.raises(ValidationError) as excinfo:
        cooperative_product_set_published(product=product, user=owner, is_published=True)

    # then
    assert error_codes(excinfo)["category"] == [CooperativeErrorCode.REQUIRED.value]
    assert not Product.objects.get(pk=product.pk).is_published
