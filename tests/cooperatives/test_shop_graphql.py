import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.product.models import Product
from saleor.warehouse.models import Stock

from marketplace.cooperatives.models import ImportStatus, ProductImport
from marketplace.cooperatives.services.products import cooperative_product_image_add
from tests.fixtures.cooperatives import png_bytes

from .shop_helpers import (
    ACTORS,
    create_product,
    csv_bytes,
    give_warehouse,
    import_rows,
    snapshot,
)

pytestmark = pytest.mark.django_db

PRODUCT_FIELDS = "id name isPublished translation(languageCode: AR) { name }"

CREATE = f"""
mutation Create($cooperative: ID!, $input: CooperativeProductInput!) {{
  cooperativeProductCreate(cooperative: $cooperative, input: $input) {{
    product {{ {PRODUCT_FIELDS} }}
    cooperativeErrors {{ field code message }}
  }}
}}
"""

UPDATE = f"""
mutation Update($id: ID!, $input: CooperativeProductInput!) {{
  cooperativeProductUpdate(id: $id, input: $input) {{
    product {{ {PRODUCT_FIELDS} }}
    cooperativeErrors {{ field code message }}
  }}
}}
"""

DELETE = """
mutation Delete($id: ID!) {
  cooperativeProductDelete(id: $id) {
    product { id name }
    cooperativeErrors { field code message }
  }
}
"""

STOCK = """
mutation Stock($variant: ID!, $quantity: Int!) {
  cooperativeStockUpdate(variant: $variant, quantity: $quantity) {
    stock { quantity quantityAllocated variant { sku } }
    cooperativeErrors { field code message }
  }
}
"""

IMPORT = """
mutation Import($cooperative: ID!, $file: Upload!) {
  cooperativeProductImport(cooperative: $cooperative, file: $file) {
    productImport { id status totalRows processedRows createdCount updatedCount
                    rowErrors { row field code message } }
    cooperativeErrors { field code message }
  }
}
"""

IMPORT_QUERY = """
query Import($id: ID!) {
  cooperativeProductImport(id: $id) { status totalRows createdCount rowErrors { row code } }
}
"""

# Saleor 2.10's ProductVariant.quantityAvailable costs one query per variant
# (its own resolver, in the public `products` query too); not asked here.
PRODUCTS = """
query Products($cooperative: ID!) {
  cooperativeProducts(cooperative: $cooperative, first: 50) {
    totalCount
    edges { node { name isPublished thumbnail { url } category { name }
                   variants { sku name } } }
  }
}
"""


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


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


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def create_input(product_type, category, /, **overrides):
    data = {
        "nameFr": "Amlou aux amandes",
        "nameAr": "أملو باللوز",
        "descriptionFr": "Amandes, argan et miel.",
        "productType": gid("ProductType", product_type.pk),
        "category": gid("Category", category.pk),
        "price": 75.5,
        "sku": "AMLOU-250",
        "quantity": 9,
        "isPublished": True,
    }
    data.update(overrides)
    return data


def refused_without_change(result, mutation):
    """Anonymous and outsiders: a GraphQL permission error, or PRODUCT_NOT_OWNED."""
    if result.get("errors"):
        assert result["data"][mutation] is None
        return True
    codes = [error["code"] for error in result["data"][mutation]["cooperativeErrors"]]
    assert codes == ["PRODUCT_NOT_OWNED"]
    return True


# --- create ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_create_permission_matrix(
    graphql, user_token, actors, shop, product_type, category, actor_name
):
    # when
    result = graphql(
        CREATE,
        {
            "cooperative": gid("Cooperative", shop.pk),
            "input": create_input(product_type, category),
        },
        token=user_token(actors[actor_name]),
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductCreate"]
        assert payload["cooperativeErrors"] == []
        assert payload["product"]["name"] == "Amlou aux amandes"
        assert payload["product"]["translation"] == {"name": "أملو باللوز"}
        product = Product.objects.get()
        assert product.cooperative_link.cooperative == shop
        assert Stock.objects.get(product_variant__product=product).quantity == 9
    else:
        assert result["errors"]
        assert result["data"]["cooperativeProductCreate"] is None
        assert Product.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"price": -1}, "price", "INVALID"),
        ({"nameFr": "", "nameAr": ""}, "nameFr", "REQUIRED"),
        ({"category": gid("Category", 987654)}, "category", "NOT_FOUND"),
        ({"sku": "bad sku"}, "sku", "INVALID"),
    ],
)
def test_product_create_bad_input_returns_codes_and_saves_nothing(
    graphql, user_token, owner, shop, product_type, category, overrides, field, code
):
    # when
    result = graphql(
        CREATE,
        {
            "cooperative": gid("Cooperative", shop.pk),
            "input": create_input(product_type, category, **overrides),
        },
        token=user_token(owner),
    )

    # then
    errors = result["data"]["cooperativeProductCreate"]["cooperativeErrors"]
    assert {"field": field, "code": code} in [
        {"field": error["field"], "code": error["code"]} for error in errors
    ]
    assert Product.objects.count() == 0


# --- update, delete, stock ------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_update_permission_matrix(
    graphql, user_token, actors, other_shop, product, actor_name
):
    # given
    before = snapshot(product)

    # when
    result = graphql(
        UPDATE,
        {"id": gid("Product", product.pk), "input": {"nameFr": "Changé", "isPublished": False}},
        token=user_token(actors[actor_name]),
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductUpdate"]
        assert payload["cooperativeErrors"] == []
        assert payload["product"]["name"] == "Changé"
        assert payload["product"]["isPublished"] is False
    else:
        assert refused_without_change(result, "cooperativeProductUpdate")
        assert snapshot(product) == before


def test_product_update_of_an_unpublished_product_reaches_it(graphql, user_token, owner, product):
    # given
    product.is_published = False
    product.save()

    # when
    result = graphql(
        UPDATE,
        {"id": gid("Product", product.pk), "input": {"price": 12.5, "nameAr": "جديد"}},
        token=user_token(owner),
    )

    # then
    payload = result["data"]["cooperativeProductUpdate"]
    assert payload["cooperativeErrors"] == []
    assert payload["product"]["translation"] == {"name": "جديد"}
    product.refresh_from_db()
    assert str(product.price_amount) == "12.50"


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_delete_permission_matrix(
    graphql, user_token, actors, other_shop, product, actor_name
):
    # given
    before = snapshot(product)

    # when
    result = graphql(
        DELETE, {"id": gid("Product", product.pk)}, token=user_token(actors[actor_name])
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductDelete"]
        assert payload["cooperativeErrors"] == []
        assert payload["product"]["id"] == gid("Product", product.pk)
        assert not Product.objects.filter(pk=product.pk).exists()
    else:
        assert refused_without_change(result, "cooperativeProductDelete")
        assert snapshot(product) == before


@pytest.mark.parametrize("actor_name", ACTORS)
def test_stock_update_permission_matrix(
    graphql, user_token, actors, other_shop, product, actor_name
):
    # given
    before = snapshot(product)
    variant = product.variants.get()

    # when
    result = graphql(
        STOCK,
        {"variant": gid("ProductVariant", variant.pk), "quantity": 77},
        token=user_token(actors[actor_name]),
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeStockUpdate"]
        assert payload["cooperativeErrors"] == []
        assert payload["stock"] == {
            "quantity": 77,
            "quantityAllocated": 0,
            "variant": {"sku": variant.sku},
        }
    else:
        assert refused_without_change(result, "cooperativeStockUpdate")
        assert snapshot(product) == before


def test_stock_update_refuses_a_negative_quantity(graphql, user_token, owner, product):
    # when
    result = graphql(
        STOCK,
        {"variant": gid("ProductVariant", product.variants.get().pk), "quantity": -3},
        token=user_token(owner),
    )

    # then
    errors = result["data"]["cooperativeStockUpdate"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [("quantity", "INVALID")]
    assert Stock.objects.get(product_variant__product=product).quantity == 12


# --- import ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_import_permission_matrix(
    graphql,
    user_token,
    actors,
    shop,
    product_type,
    category,
    private_root,
    actor_name,
    django_capture_on_commit_callbacks,
):
    # given
    upload = SimpleUploadedFile(
        "produits.csv", csv_bytes(import_rows(product_type.slug, category.slug)), "text/csv"
    )

    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = graphql(
            IMPORT,
            {"cooperative": gid("Cooperative", shop.pk), "file": None},
            token=user_token(actors[actor_name]),
            files={"file": upload},
        )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductImport"]
        assert payload["cooperativeErrors"] == []
        assert payload["productImport"]["totalRows"] == 5
        product_import = ProductImport.objects.get()
        assert product_import.status == ImportStatus.DONE
        assert product_import.created_count == 3
    else:
        assert result["errors"]
        assert ProductImport.objects.count() == 0
        assert Product.objects.count() == 0
        assert not private_root.exists() or not any(private_root.rglob("*.*"))


def test_product_import_of_a_fake_workbook_is_refused(
    graphql, user_token, owner, shop, private_root
):
    # when
    result = graphql(
        IMPORT,
        {"cooperative": gid("Cooperative", shop.pk), "file": None},
        token=user_token(owner),
        files={"file": SimpleUploadedFile("produits.xlsx", b"sku,name_fr\n1,2\n")},
    )

    # then
    errors = result["data"]["cooperativeProductImport"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [
        ("file", "INVALID_IMPORT_FILE")
    ]
    assert ProductImport.objects.count() == 0


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_import_query_permission_matrix(
    graphql,
    user_token,
    actors,
    shop,
    owner,
    product_type,
    category,
    private_root,
    actor_name,
    django_capture_on_commit_callbacks,
):
    # given
    from marketplace.cooperatives.services.importing import product_import_start

    with django_capture_on_commit_callbacks(execute=True):
        product_import = product_import_start(
            cooperative=shop,
            user=owner,
            uploaded_file=SimpleUploadedFile(
                "p.csv", csv_bytes(import_rows(product_type.slug, category.slug))
            ),
        )

    # when
    result = graphql(
        IMPORT_QUERY,
        {"id": gid("CooperativeProductImport", product_import.pk)},
        token=user_token(actors[actor_name]),
    )

    # then
    found = result["data"]["cooperativeProductImport"]
    if actor_name in {"member", "reviewer"}:
        assert found["status"] == "DONE"
        assert found["createdCount"] == 3
        assert [error["row"] for error in found["rowErrors"]] == [4, 6]
    else:
        assert found is None


# --- listing --------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_cooperative_products_query_permission_matrix(
    graphql, user_token, actors, shop, owner, product_type, category, actor_name
):
    # given
    create_product(shop, owner, product_type, category, sku="A-1", is_published=False)

    # when
    result = graphql(
        PRODUCTS,
        {"cooperative": gid("Cooperative", shop.pk)},
        token=user_token(actors[actor_name]),
    )

    # then
    connection = result["data"]["cooperativeProducts"]
    if actor_name == "member":
        assert connection["totalCount"] == 1
        assert connection["edges"][0]["node"]["isPublished"] is False
    else:
        assert connection["totalCount"] == 0


@pytest.mark.parametrize("count", [3, 30])
def test_cooperative_products_query_count_is_constant(
    graphql,
    user_token,
    shop,
    owner,
    product_type,
    category,
    count,
    django_assert_max_num_queries,
):
    # given
    for number in range(count):
        create_product(shop, owner, product_type, category, sku=f"SKU-{number}")
    token = user_token(owner)

    # when
    with django_assert_max_num_queries(8):
        result = graphql(PRODUCTS, {"cooperative": gid("Cooperative", shop.pk)}, token=token)

    # then
    assert result["data"]["cooperativeProducts"]["totalCount"] == count


# --- images ---------------------------------------------------------------------------

IMAGE_CREATE = """
mutation ImageCreate($product: ID!, $image: Upload!) {
  cooperativeProductImageCreate(product: $product, image: $image, alt: "Pot de miel") {
    product { images { alt } }
    image { id alt }
    cooperativeErrors { field code }
  }
}
"""

IMAGE_DELETE = """
mutation ImageDelete($id: ID!) {
  cooperativeProductImageDelete(id: $id) {
    product { images { id } }
    cooperativeErrors { field code }
  }
}
"""


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_image_create_permission_matrix(
    graphql, user_token, actors, other_shop, product, actor_name
):
    # given
    before = snapshot(product)

    # when
    result = graphql(
        IMAGE_CREATE,
        {"product": gid("Product", product.pk), "image": None},
        token=user_token(actors[actor_name]),
        files={"image": SimpleUploadedFile("miel.png", png_bytes((40, 40)), "image/png")},
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductImageCreate"]
        assert payload["cooperativeErrors"] == []
        assert payload["image"]["alt"] == "Pot de miel"
        assert product.images.count() == 1
    else:
        assert refused_without_change(result, "cooperativeProductImageCreate")
        assert snapshot(product) == before


def test_product_image_create_refuses_a_renamed_text_file(graphql, user_token, owner, product):
    # when
    result = graphql(
        IMAGE_CREATE,
        {"product": gid("Product", product.pk), "image": None},
        token=user_token(owner),
        files={"image": SimpleUploadedFile("miel.png", b"<?php echo 1; ?>", "image/png")},
    )

    # then
    errors = result["data"]["cooperativeProductImageCreate"]["cooperativeErrors"]
    assert errors == [{"field": "image", "code": "INVALID_FILE_TYPE"}]
    assert product.images.count() == 0


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_image_delete_permission_matrix(
    graphql, user_token, actors, other_shop, owner, product, actor_name
):
    # given
    image = cooperative_product_image_add(
        product=product, user=owner, image=SimpleUploadedFile("a.png", png_bytes(), "image/png")
    )
    before = snapshot(product)

    # when
    result = graphql(
        IMAGE_DELETE, {"id": gid("ProductImage", image.pk)}, token=user_token(actors[actor_name])
    )

    # then
    if actor_name == "member":
        payload = result["data"]["cooperativeProductImageDelete"]
        assert payload == {"product": {"images": []}, "cooperativeErrors": []}
    else:
        assert refused_without_change(result, "cooperativeProductImageDelete")
        assert snapshot(product) == before
