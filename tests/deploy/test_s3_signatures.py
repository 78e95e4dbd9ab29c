"""Presigned document links on a server that checks signatures (SeaweedFS), as AWS does.

The moto tests (test_s3.py) cover the storage path quickly; moto accepts any
signature, so whether a tampered, borrowed or expired link is refused is
checked here, through the production storage classes and over real HTTP.
"""

import re
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.product.models import ProductImage

from marketplace.cooperatives.services.documents import document_upload
from tests.fixtures.cooperatives import PDF_BYTES, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

DOCUMENT_LINKS = """
query Documents($slug: String!) {
  cooperative(slug: $slug) { documents { kind url } }
}
"""


def fetch(url):
    """GET ``url`` anonymously: (status, body, headers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def s3_error(body):
    found = re.search(rb"<Code>(\w+)</Code>", body)
    return found.group(1).decode() if found else None


def upload(cooperative, user, kind, content=PDF_BYTES):
    return document_upload(
        cooperative=cooperative, user=user, kind=kind,
        uploaded_file=SimpleUploadedFile(f"{kind}.pdf", content, "application/pdf"),
    )


@pytest.fixture
def links(graphql, user_token, reviewer, cooperative):
    """The reviewer's links to the cooperative's documents, by kind, as the API lends them."""

    def by_kind():
        result = graphql(
            DOCUMENT_LINKS, {"slug": cooperative.slug}, token=user_token(reviewer)
        )
        return {row["kind"]: row["url"] for row in result["data"]["cooperative"]["documents"]}

    return by_kind


def with_query(link, **changes):
    parts = urlsplit(link)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def with_path(link, path):
    return urlunsplit(urlsplit(link)._replace(path=path))


def test_a_fresh_document_link_downloads_the_document(
    seaweedfs_storages, links, owner, cooperative
):
    # given
    upload(cooperative, owner, "statutes")

    # when
    link = links()["STATUTES"]
    status, body, headers = fetch(link)

    # then
    assert link.startswith(f"{seaweedfs_storages.endpoint}/{seaweedfs_storages.private_bucket}/")
    assert "X-Amz-Signature=" in link
    assert status == 200
    assert body == PDF_BYTES
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")


def test_a_link_whose_signature_is_altered_by_one_character_is_refused(
    seaweedfs_storages, links, owner, cooperative
):
    # given
    upload(cooperative, owner, "statutes")
    link = links()["STATUTES"]
    signature = dict(parse_qsl(urlsplit(link).query))["X-Amz-Signature"]
    altered = ("1" if signature[0] == "0" else "0") + signature[1:]

    # when
    status, body, _ = fetch(with_query(link, **{"X-Amz-Signature": altered}))

    # then
    assert status == 403
    assert s3_error(body) == "SignatureDoesNotMatch"
    assert PDF_BYTES not in body
    assert fetch(link)[:2] == (200, PDF_BYTES)


def test_a_link_cannot_be_pointed_at_another_document(
    seaweedfs_storages, links, owner, cooperative
):
    # given: two documents; a link to the first
    upload(cooperative, owner, "statutes")
    rib_content = pdf_bytes(pages=2)
    upload(cooperative, owner, "bank_rib", rib_content)
    lent = links()
    statutes_link, rib_link = lent["STATUTES"], lent["BANK_RIB"]

    # when: the second document's path with the first link's signature
    status, body, _ = fetch(with_path(statutes_link, urlsplit(rib_link).path))

    # then
    assert status == 403
    assert s3_error(body) == "SignatureDoesNotMatch"
    assert rib_content not in body
    assert fetch(rib_link)[:2] == (200, rib_content)


def test_a_link_is_refused_once_it_has_expired(
    seaweedfs_storages, settings, links, owner, cooperative
):
    # given: links that last two seconds
    settings.PRIVATE_LINK_MAX_AGE = 2
    upload(cooperative, owner, "statutes")
    link = links()["STATUTES"]
    query = dict(parse_qsl(urlsplit(link).query))
    signed_at = datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert query["X-Amz-Expires"] == "2"
    assert fetch(link)[:2] == (200, PDF_BYTES)

    # when: a second past its expiry (X-Amz-Date is rounded down to the second)
    time.sleep(max(0.0, signed_at.timestamp() + 3 - time.time()))
    status, body, _ = fetch(link)

    # then
    assert status == 403
    assert b"expired" in body
    assert PDF_BYTES not in body


def test_a_document_is_refused_to_a_request_without_a_signature(
    seaweedfs_storages, links, owner, cooperative
):
    # given
    upload(cooperative, owner, "statutes")
    link = links()["STATUTES"]

    # when
    status, body, _ = fetch(link.split("?", 1)[0])

    # then
    assert status == 403
    assert s3_error(body) == "AccessDenied"
    assert PDF_BYTES not in body


def test_a_product_image_is_served_to_anyone_by_its_plain_url(
    seaweedfs_storages, product_factory
):
    # given
    content = png_bytes((40, 30))

    # when
    image = ProductImage.objects.create(
        product=product_factory(), image=SimpleUploadedFile("p.png", content, "image/png")
    )
    status, body, headers = fetch(image.image.url)

    # then
    assert image.image.url.startswith(
        f"{seaweedfs_storages.endpoint}/{seaweedfs_storages.media_bucket}/"
    )
    assert "X-Amz-" not in image.image.url
    assert status == 200
    assert body == content
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
