"""Issue 6, item 8: public images are stored under our names and served as images only.

The attack: a valid GIF or PNG whose bytes also hold a script, uploaded as
``x.html``, was stored as ``products/x.html`` and served from the media
origin as ``text/html`` — stored cross-site scripting.
"""

import io
import re
from urllib.parse import urlsplit

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from saleor.product.models import ProductImage

from tests.cooperatives.shop_helpers import create_product, give_warehouse
from tests.fixtures.cooperatives import make_user
from tests.fixtures.services import s3_bucket

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(document.domain)</script>"
RANDOM_NAME = r"[0-9a-f]{32}"


def gif_polyglot():
    """A GIF that Pillow decodes, whose comment block is an HTML script."""
    buffer = io.BytesIO()
    Image.new("P", (64, 48), 3).save(buffer, format="GIF", comment=SCRIPT.encode())
    return buffer.getvalue()


def png_polyglot():
    """A PNG that Pillow decodes, whose text chunk is an HTML script."""
    info = PngInfo()
    info.add_text("Comment", SCRIPT)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (181, 86, 47)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_the_polyglots_are_valid_images_that_carry_a_script():
    # then: the attack files are real, or every test below proves nothing
    for content, image_format in ((gif_polyglot(), "GIF"), (png_polyglot(), "PNG")):
        assert SCRIPT.encode() in content
        with Image.open(io.BytesIO(content)) as image:
            assert image.format == image_format
            image.load()


@pytest.fixture
def media_root(settings, tmp_path):
    """Public media in this test's folder, served by Django as in development (DEBUG)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DEBUG = True
    return tmp_path / "media"


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def fetch(client, url):
    response = client.get(urlsplit(url).path)
    return response, b"".join(response.streaming_content)


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


# --- Saleor's own productImageCreate, as staff -----------------------------------------

PRODUCT_IMAGE_CREATE = """
mutation ImageCreate($product: ID!, $image: Upload!) {
  productImageCreate(input: {product: $product, image: $image, alt: "x"}) {
    image { id url thumbnail: url(size: 255) }
    productErrors { field code message }
  }
}
"""


@pytest.fixture
def catalogue_manager(db):
    return make_user(
        "catalogue@example.ma", is_staff=True, permissions=["product.manage_products"]
    )


def upload_as_staff(graphql, user_token, manager, product, upload):
    return graphql(
        PRODUCT_IMAGE_CREATE,
        {"product": gid("Product", product.pk), "image": None},
        token=user_token(manager),
        files={"image": upload},
    )


def test_product_image_create_stores_a_polyglot_named_html_under_a_random_gif_name(
    graphql, user_token, client, media_root, catalogue_manager, product_factory
):
    # given
    product = product_factory()
    polyglot = gif_polyglot()

    # when
    result = upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("x.html", polyglot, content_type="image/gif"),
    )

    # then: stored under our name, with the extension of what Pillow decoded
    payload = result["data"]["productImageCreate"]
    assert payload["productErrors"] == []
    stored = ProductImage.objects.get(product=product)
    assert re.fullmatch(rf"products/{RANDOM_NAME}\.gif", stored.image.name)
    assert (media_root / stored.image.name).read_bytes() == polyglot
    assert not any(name.endswith(".html") for name in stored_files(media_root))
    # and served as an image that no browser may sniff into a page
    response, body = fetch(client, payload["image"]["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == polyglot


def test_an_upload_named_like_a_thumbnail_folder_is_renamed_too(
    graphql, user_token, media_root, catalogue_manager, product_factory
):
    # given
    product = product_factory()

    # when
    upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("__sized__", gif_polyglot(), content_type="image/gif"),
    )

    # then
    stored = ProductImage.objects.get(product=product)
    assert re.fullmatch(rf"products/{RANDOM_NAME}\.gif", stored.image.name)


def test_product_image_thumbnails_still_render_from_a_renamed_original(
    graphql, user_token, client, media_root, catalogue_manager, product_factory
):
    # given
    product = product_factory()

    # when
    result = upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("photo.HTML", png_polyglot(), content_type="image/png"),
    )

    # then
    thumbnail_url = result["data"]["productImageCreate"]["image"]["thumbnail"]
    assert re.search(rf"/__sized__/products/{RANDOM_NAME}-thumbnail-255x255\.png$", thumbnail_url)
    response, body = fetch(client, thumbnail_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(body)) as thumbnail:
        assert thumbnail.format == "PNG"
        assert thumbnail.size == (255, 191)


# Requests run in autocommit, as in production: the refusal happens while saving.
@pytest.mark.django_db(transaction=True)
def test_product_image_create_refuses_a_page_claimed_as_an_image_and_stores_nothing(
    graphql, user_token, media_root, catalogue_manager, product_factory
):
    # given
    product = product_factory()

    # when
    result = upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("x.png", f"<html>{SCRIPT}</html>".encode(), content_type="image/png"),
    )

    # then
    errors = result["data"]["productImageCreate"]["productErrors"]
    assert [error["code"] for error in errors] == ["INVALID"]
    assert not ProductImage.objects.filter(product=product).exists()
    assert stored_files(media_root) == []


def test_the_refusal_is_translated(
    graphql, user_token, media_root, catalogue_manager, product_factory
):
    # given
    product = product_factory()

    # when
    result = upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("x.png", b"GIF89a<html>", content_type="image/png"),
    )

    # then: /graphql/ answers in the site's default language, French
    errors = result["data"]["productImageCreate"]["productErrors"]
    assert errors[0]["message"] == "Envoyez une image JPEG, PNG, WebP ou GIF."


# --- the cooperative's own shop ---------------------------------------------------------

COOPERATIVE_IMAGE_CREATE = """
mutation ImageCreate($product: ID!, $image: Upload!) {
  cooperativeProductImageCreate(product: $product, image: $image) {
    image { id url }
    cooperativeErrors { field code message }
  }
}
"""


@pytest.fixture
def shop_product(approved_cooperative, shipping_zone, owner, product_type, category):
    give_warehouse(approved_cooperative, shipping_zone)
    return create_product(approved_cooperative, owner, product_type, category)


def test_a_cooperative_image_upload_is_stored_and_served_as_the_image_it_decodes_to(
    graphql, user_token, client, media_root, owner, shop_product
):
    # given
    polyglot = png_polyglot()

    # when
    result = graphql(
        COOPERATIVE_IMAGE_CREATE,
        {"product": gid("Product", shop_product.pk), "image": None},
        token=user_token(owner),
        files={"image": SimpleUploadedFile("x.html", polyglot, content_type="text/html")},
    )

    # then
    payload = result["data"]["cooperativeProductImageCreate"]
    assert payload["cooperativeErrors"] == []
    stored = ProductImage.objects.get(product=shop_product)
    assert re.fullmatch(rf"products/{RANDOM_NAME}\.png", stored.image.name)
    response, body = fetch(client, payload["image"]["url"])
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == polyglot


def test_the_cooperative_product_page_stores_an_uploaded_gif_under_a_random_gif_name(
    client, media_root, owner, approved_cooperative, shop_product
):
    # given
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")

    # when
    response = client.post(
        reverse(
            "backoffice:cooperative-product-edit",
            kwargs={"slug": approved_cooperative.slug, "product_id": shop_product.pk},
        ),
        {
            "action": "add_image",
            "image": SimpleUploadedFile("label.html", gif_polyglot(), "text/html"),
        },
    )

    # then
    assert response.status_code in (200, 302)
    stored = ProductImage.objects.get(product=shop_product)
    assert re.fullmatch(rf"products/{RANDOM_NAME}\.gif", stored.image.name)
    assert stored_files(media_root) == [stored.image.name]


LOGO_UPDATE = """
mutation Update($id: ID!, $input: CooperativeUpdateInput!) {
  cooperativeUpdate(id: $id, input: $input) {
    cooperative { logoUrl }
    cooperativeErrors { field code message }
  }
}
"""


def test_a_logo_polyglot_is_stored_under_a_random_png_name_and_served_as_png(
    graphql, user_token, client, media_root, owner, cooperative
):
    # when
    result = graphql(
        LOGO_UPDATE,
        {"id": gid("Cooperative", cooperative.pk), "input": {"logo": None}},
        token=user_token(owner),
        files={"input.logo": SimpleUploadedFile("logo.html", png_polyglot(), "text/html")},
    )

    # then
    payload = result["data"]["cooperativeUpdate"]
    assert payload["cooperativeErrors"] == []
    cooperative.refresh_from_db()
    assert re.fullmatch(rf"cooperative-logos/{RANDOM_NAME}\.png", cooperative.logo.name)
    response, _ = fetch(client, payload["cooperative"]["logoUrl"])
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- media serving ----------------------------------------------------------------------


def test_a_page_left_in_media_from_before_downloads_instead_of_rendering(client, media_root):
    # given: a file stored under its uploader's name before uploads were renamed
    legacy = media_root / "products" / "x.html"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(f"<html>{SCRIPT}</html>")

    # when
    response, _ = fetch(client, "/media/products/x.html")

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_media_are_not_served_by_django_outside_debug(client, media_root, settings):
    # given
    (media_root / "products").mkdir(parents=True)
    (media_root / "products" / "a.png").write_bytes(png_polyglot())
    settings.DEBUG = False

    # when
    response = client.get("/media/products/a.png")

    # then
    assert response.status_code == 404


# --- S3 ---------------------------------------------------------------------------------


@pytest.fixture
def s3_media_bucket(s3_endpoint, settings):
    """Public media on a fresh bucket of the local S3 server; return a boto3 client."""
    client = s3_bucket(s3_endpoint, settings, "media")
    settings.AWS_MEDIA_BUCKET_NAME = client.bucket_name
    # Last, so that the storage Django builds on first use reads the settings above.
    settings.DEFAULT_FILE_STORAGE = "marketplace.core.cloud_storages.S3MediaStorage"
    return client


def test_on_s3_the_object_content_type_is_the_decoded_format_not_the_browser_claim(
    graphql, user_token, catalogue_manager, product_factory, s3_media_bucket
):
    # given
    product = product_factory()

    # when: a GIF sent as "image/png" under an .html name
    result = upload_as_staff(
        graphql,
        user_token,
        catalogue_manager,
        product,
        SimpleUploadedFile("x.html", gif_polyglot(), content_type="image/png"),
    )

    # then
    assert result["data"]["productImageCreate"]["productErrors"] == []
    stored = ProductImage.objects.get(product=product)
    assert re.fullmatch(rf"products/{RANDOM_NAME}\.gif", stored.image.name)
    keys = {
        entry["Key"]
        for entry in s3_media_bucket.list_objects_v2(Bucket=s3_media_bucket.bucket_name)[
            "Contents"
        ]
    }
    assert stored.image.name in keys
    assert not any(key.endswith(".html") for key in keys)
    for key in keys:  # the original and its thumbnails (the storefront's WebP copies too)
        head = s3_media_bucket.head_object(Bucket=s3_media_bucket.bucket_name, Key=key)
        assert head["ContentType"] == ("image/webp" if key.endswith(".webp") else "image/gif"), key
    assert any(key.startswith("__sized__/products/") for key in keys)
