"""Media and private documents on S3 through django-storages + boto3, on a local S3 server."""

import urllib.error
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.product.models import ProductImage

from marketplace.cooperatives.services.documents import document_link, document_upload
from marketplace.core.storages import private_storage
from tests.fixtures.cooperatives import PDF_BYTES, png_bytes
from tests.fixtures.services import s3_bucket

pytestmark = pytest.mark.django_db


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers


@pytest.fixture
def s3_public_media(s3_endpoint, settings):
    client = s3_bucket(s3_endpoint, settings, "media")
    settings.AWS_MEDIA_BUCKET_NAME = client.bucket_name
    settings.AWS_DEFAULT_ACL = "public-read"  # or a bucket policy granting public reads
    settings.DEFAULT_FILE_STORAGE = "marketplace.core.cloud_storages.S3MediaStorage"
    return client


def test_a_product_image_is_public_and_cached_for_a_year(s3_public_media, product_factory):
    # given
    content = png_bytes((300, 300))

    # when
    image = ProductImage.objects.create(
        product=product_factory(), image=SimpleUploadedFile("p.png", content, "image/png")
    )
    status, body, headers = fetch(image.image.url)

    # then
    assert "X-Amz-Signature" not in image.image.url
    assert status == 200
    assert body == content
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert image.image.storage.open(image.image.name).read() == content


def test_a_private_document_is_lent_only_by_a_presigned_link_that_expires(
    s3_private_bucket, settings, owner, reviewer, cooperative
):
    # given
    settings.PRIVATE_LINK_MAX_AGE = 2
    document = document_upload(
        cooperative=cooperative, user=owner, kind="statutes",
        uploaded_file=SimpleUploadedFile("statuts.pdf", PDF_BYTES, "application/pdf"),
    )

    # when
    link = document_link(document=document, user=reviewer)
    unsigned = link.split("?", 1)[0]

    # then
    assert private_storage.open(document.file.name).read() == PDF_BYTES
    assert "X-Amz-Expires=2&" in link or link.endswith("X-Amz-Expires=2")
    assert fetch(link)[:2] == (200, PDF_BYTES)
    assert fetch(unsigned)[0] == 403
    # moto checks neither signatures nor expiry (a tampered or expired link
    # still answers there); AWS, SeaweedFS and MinIO refuse both with 403.
