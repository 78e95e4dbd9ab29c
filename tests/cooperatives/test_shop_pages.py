import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from saleor.product.models import Product, ProductImage
from saleor.warehouse.models import Stock

from marketplace.cooperatives.models import ImportStatus, ProductImport
from marketplace.cooperatives.services.importing import product_import_start
from tests.fixtures.cooperatives import png_bytes

from .shop_helpers import ACTORS, create_product, csv_bytes, give_warehouse, import_rows, snapshot

CONFIRMED = {"confirm": "on"}

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


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def log_in(client, user):
    # The first configured backend is Saleor's JWT one, which cannot restore a session.
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_refused(response, actor_name):
    if actor_name == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("storefront:login"))
    else:
        assert response.status_code == 403


def url(name, cooperative, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"slug": cooperative.slug, **kwargs})


def form_data(product_type, category, /, **overrides):
    data = {
        "name_fr": "Couscous d'orge",
        "name_ar": "كسكس الشعير",
        "description_fr": "Roulé à la main.",
        "description_ar": "مفتول باليد.",
        "product_type": product_type.pk,
        "category": category.pk,
        "price": "40.00",
        "sku": "COUS-ORGE-1KG",
        "quantity": "25",
        "is_published": "on",
    }
    data.update(overrides)
    return data


# --- list -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_list_permission_matrix(client, actors, shop, product, actor_name):
    # when
    response = log_in(client, actors[actor_name]).get(url("cooperative-products", shop))

    # then
    if actor_name == "member":
        assert response.status_code == 200
        assert f'data-product="{product.pk}"'.encode() in response.content
        assert b'data-stock="12"' in response.content
    else:
        assert_refused(response, actor_name)


def test_product_list_shows_only_the_cooperative_products(
    client, owner, shop, other_shop, other_member, product_type, category
):
    # given
    mine = create_product(shop, owner, product_type, category, sku="MINE-1")
    theirs = create_product(other_shop, other_member, product_type, category, sku="THEIRS-1")

    # when
    content = log_in(client, owner).get(url("cooperative-products", shop)).content.decode()

    # then
    assert f'data-product="{mine.pk}"' in content
    assert f'data-product="{theirs.pk}"' not in content


@pytest.mark.parametrize("count", [3, 30])
def test_product_list_query_count_is_constant(
    client, owner, shop, product_type, category, count, django_assert_max_num_queries
):
    # given
    for number in range(count):
        product = create_product(shop, owner, product_type, category, sku=f"SKU-{number}")
        ProductImage.objects.create(
            product=product,
            image=SimpleUploadedFile(f"p{number}.png", png_bytes((20, 20)), "image/png"),
        )
    log_in(client, owner)

    # when
    with django_assert_max_num_queries(12):
        response = client.get(url("cooperative-products", shop))

    # then
    assert response.content.decode().count("data-product=") == count


# --- create ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_create_page_permission_matrix(
    client, actors, shop, product_type, category, actor_name
):
    # given
    log_in(client, actors[actor_name])

    # when
    page = client.get(url("cooperative-product-create", shop))
    posted = client.post(
        url("cooperative-product-create", shop), form_data(product_type, category)
    )

    # then
    if actor_name == "member":
        assert page.status_code == 200
        product = Product.objects.get()
        assert posted.status_code == 302
        assert posted.url == url("cooperative-product-edit", shop, product_id=product.pk)
    else:
        assert_refused(page, actor_name)
        assert_refused(posted, actor_name)
        assert Product.objects.count() == 0


def test_product_created_from_the_page_appears_on_the_storefront(
    client, owner, shop, product_type, category
):
    # given
    log_in(client, owner)

    # when
    client.post(url("cooperative-product-create", shop), form_data(product_type, category))
    client.logout()
    french = client.get("/").content.decode()
    arabic = client.get("/ar/").content.decode()

    # then
    assert escape("Couscous d'orge") in french
    assert "كسكس الشعير" in arabic
    assert Stock.objects.get(product_variant__product__name="Couscous d'orge").quantity == 25


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"price": "-2"}, "price"),
        ({"name_ar": "", "name_fr": " "}, "name_ar"),
        ({"category": "999999"}, "category"),
        ({"sku": "with space"}, "sku"),
    ],
)
def test_product_create_page_shows_errors_and_saves_nothing(
    client, owner, shop, product_type, category, overrides, field
):
    # when
    response = log_in(client, owner).post(
        url("cooperative-product-create", shop), form_data(product_type, category, **overrides)
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Product.objects.count() == 0


def test_a_taken_sku_is_reported_on_the_form(client, owner, shop, product_type, category, product):
    # when
    response = log_in(client, owner).post(
        url("cooperative-product-create", shop),
        form_data(product_type, category, sku=product.variants.get().sku),
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].has_error("sku", "duplicate_sku")
    assert Product.objects.count() == 1


# --- edit -----------------------------------------------------------------------------


EDIT_ACTIONS = ["view", "save", "unpublish", "add_image", "remove_image"]


def edit_request(client, shop, product, action, product_type, category):
    target = url("cooperative-product-edit", shop, product_id=product.pk)
    if action == "view":
        return client.get(target)
    if action == "save":
        data = form_data(product_type, category, name_fr="Renommé", action="save")
    elif action == "add_image":
        data = {
            "action": "add_image",
            "image": SimpleUploadedFile("new.png", png_bytes(), "image/png"),
        }
    elif action == "remove_image":
        data = {"action": "remove_image", "image_id": product.images.first().pk}
    else:
        data = {"action": action}
    return client.post(target, data)


@pytest.mark.parametrize("action", EDIT_ACTIONS)
@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_edit_page_permission_matrix(
    client, actors, shop, other_shop, owner, product, product_type, category, action, actor_name
):
    # given
    ProductImage.objects.create(
        product=product, image=SimpleUploadedFile("a.png", png_bytes(), "image/png")
    )
    before = snapshot(product)

    # when
    response = edit_request(
        log_in(client, actors[actor_name]), shop, product, action, product_type, category
    )

    # then
    if actor_name == "member":
        assert response.status_code == (200 if action == "view" else 302)
        if action != "view":
            assert snapshot(product) != before
    else:
        assert_refused(response, actor_name)
        assert snapshot(product) == before


def test_product_edit_page_saves_names_price_and_stock(
    client, owner, shop, product, product_type, category
):
    # when
    log_in(client, owner).post(
        url("cooperative-product-edit", shop, product_id=product.pk),
        form_data(
            product_type,
            category,
            name_ar="كسكس",
            price="41.50",
            quantity="3",
            sku=product.variants.get().sku,
            action="save",
        ),
    )

    # then
    product.refresh_from_db()
    assert product.name == "Couscous d'orge"
    assert str(product.price_amount) == "41.50"
    assert product.translations.get(language_code="ar").name == "كسكس"
    assert Stock.objects.get(product_variant__product=product).quantity == 3


def test_product_edit_page_refuses_a_fake_image(client, owner, shop, product):
    # when
    response = log_in(client, owner).post(
        url("cooperative-product-edit", shop, product_id=product.pk),
        {"action": "add_image", "image": SimpleUploadedFile("x.png", b"<html></html>")},
    )

    # then
    assert response.status_code == 200
    assert response.context["image_form"].has_error("image", "invalid_file_type")
    assert ProductImage.objects.count() == 0


def test_a_member_cannot_reach_another_cooperative_product_through_its_own_shop(
    client, owner, shop, other_shop, other_member, product_type, category
):
    # given
    theirs = create_product(other_shop, other_member, product_type, category, sku="THEIRS-1")
    before = snapshot(theirs)
    log_in(client, owner)

    # when
    page = client.get(url("cooperative-product-edit", shop, product_id=theirs.pk))
    posted = client.post(
        url("cooperative-product-edit", shop, product_id=theirs.pk),
        form_data(product_type, category, action="save"),
    )
    deleted = client.post(
        url("cooperative-product-delete", shop, product_id=theirs.pk), CONFIRMED
    )

    # then
    assert page.status_code == posted.status_code == deleted.status_code == 404
    assert snapshot(theirs) == before


# --- delete ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_product_delete_permission_matrix(client, actors, shop, other_shop, product, actor_name):
    # given
    before = snapshot(product)

    # when
    response = log_in(client, actors[actor_name]).post(
        url("cooperative-product-delete", shop, product_id=product.pk), CONFIRMED
    )

    # then
    if actor_name == "member":
        assert response.status_code == 302
        assert response.url == url("cooperative-products", shop)
        assert not Product.objects.filter(pk=product.pk).exists()
    else:
        assert_refused(response, actor_name)
        assert snapshot(product) == before


def test_delete_is_post_only(client, owner, shop, product):
    # when
    response = log_in(client, owner).get(
        url("cooperative-product-delete", shop, product_id=product.pk)
    )

    # then
    assert response.status_code == 405
    assert Product.objects.filter(pk=product.pk).exists()


# --- imports --------------------------------------------------------------------------


@pytest.mark.parametrize("actor_name", ACTORS)
def test_import_pages_permission_matrix(
    client,
    actors,
    shop,
    product_type,
    category,
    private_root,
    actor_name,
    django_capture_on_commit_callbacks,
):
    # given
    log_in(client, actors[actor_name])
    upload = SimpleUploadedFile(
        "produits.csv", csv_bytes(import_rows(product_type.slug, category.slug))
    )

    # when
    page = client.get(url("cooperative-import-create", shop))
    template = client.get(url("cooperative-import-template", shop))
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(url("cooperative-import-create", shop), {"file": upload})

    # then
    if actor_name == "member":
        assert page.status_code == template.status_code == 200
        assert template.content.decode("utf-8-sig").startswith("sku,name_fr,name_ar")
        product_import = ProductImport.objects.get()
        assert posted.url == url("cooperative-import-detail", shop, import_id=product_import.pk)
        assert Product.objects.count() == 3
    else:
        for response in (page, template, posted):
            assert_refused(response, actor_name)
        assert ProductImport.objects.count() == 0
        assert Product.objects.count() == 0
        assert not private_root.exists() or not any(private_root.rglob("*.*"))


@pytest.mark.parametrize("actor_name", ACTORS)
def test_import_detail_page_permission_matrix(
    client, actors, shop, owner, product_type, category, private_root, actor_name
):
    # given
    product_import = product_import_start(
        cooperative=shop,
        user=owner,
        uploaded_file=SimpleUploadedFile(
            "p.csv", csv_bytes(import_rows(product_type.slug, category.slug))
        ),
    )

    # when
    response = log_in(client, actors[actor_name]).get(
        url("cooperative-import-detail", shop, import_id=product_import.pk)
    )

    # then
    if actor_name in {"member", "reviewer"}:
        assert response.status_code == 200
    else:
        assert_refused(response, actor_name)


def test_import_page_shows_progress_then_the_error_table(
    client, owner, shop, product_type, category, private_root
):
    # given
    from marketplace.cooperatives.services.importing import product_import_run

    product_import = product_import_start(
        cooperative=shop,
        user=owner,
        uploaded_file=SimpleUploadedFile(
            "p.csv", csv_bytes(import_rows(product_type.slug, category.slug))
        ),
    )
    detail = url("cooperative-import-detail", shop, import_id=product_import.pk)
    log_in(client, owner)

    # when
    waiting = client.get(detail)
    product_import_run(import_id=product_import.pk)
    finished = client.get(detail)

    # then
    waiting_html = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting_html
    assert '<progress id="import-progress" max="5" value="0">' in waiting_html
    assert waiting["Refresh"] == "2"
    finished_html = finished.content.decode()
    assert "http-equiv" not in finished_html
    assert not finished.has_header("Refresh")
    assert '<progress id="import-progress" max="5" value="5">' in finished_html
    assert '<dd data-count="created">3</dd>' in finished_html
    assert 'data-row="4" data-code="invalid"' in finished_html
    assert 'data-row="6" data-code="not_found"' in finished_html
    assert ProductImport.objects.get().status == ImportStatus.DONE


def test_import_page_reports_a_fake_workbook_on_the_form(client, owner, shop, private_root):
    # when
    response = log_in(client, owner).post(
        url("cooperative-import-create", shop),
        {"file": SimpleUploadedFile("produits.xlsx", b"just some text")},
    )

    # then
    assert response.status_code == 200
    assert response.context["form"].has_error("file", "invalid_import_file")
    assert ProductImport.objects.count() == 0


def test_a_member_of_a_cooperative_not_yet_approved_is_told_on_the_page(
    client, owner, shipping_zone, product_type, category
):
    # given
    from marketplace.cooperatives.models import CooperativeStatus
    from tests.fixtures.cooperatives import make_cooperative

    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    give_warehouse(cooperative, shipping_zone)
    log_in(client, owner)

    # when
    listing = client.get(url("cooperative-products", cooperative))
    posted = client.post(
        url("cooperative-product-create", cooperative), form_data(product_type, category)
    )

    # then
    assert b'data-notice="not-approved"' in listing.content
    assert posted.status_code == 200
    assert posted.context["form"].has_error("__all__", "not_approved")
    assert Product.objects.count() == 0
