"""The QR code of a certification: what a phone camera reads from the jar or the stall."""

import io

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def qr_url(certification, kind):
    return reverse("certification-qr", kwargs={"code": certification.code, "kind": kind})


def test_png_decodes_to_the_verification_page(client, verified):
    # when
    response = client.get(qr_url(verified, "png"))

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert [code.text for code in decoded] == [f"http://testserver/verify/{verified.code}/"]


def test_verification_page_opened_from_the_code_says_valid(client, verified):
    # given
    image = Image.open(io.BytesIO(client.get(qr_url(verified, "png")).content))
    scanned = zxingcpp.read_barcodes(image)[0].text

    # when
    page = client.get(scanned.removeprefix("http://testserver"), HTTP_ACCEPT_LANGUAGE="fr")

    # then
    assert page.status_code == 200
    assert page.context["state"] == "valid"


def test_svg_is_served_for_print_and_linked_from_the_verification_page(client, verified):
    # when
    image = client.get(qr_url(verified, "svg"))
    page = client.get(reverse("labels:verify", kwargs={"code": verified.code}))

    # then
    assert image.status_code == 200
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.lstrip().startswith(b"<svg")
    assert "public" in image["Cache-Control"]
    assert qr_url(verified, "svg") in page.content.decode()
    assert qr_url(verified, "png") in page.content.decode()


@pytest.mark.parametrize("code, kind", [("not-a-code", "png"), (None, "gif"), (None, "png ")])
def test_unknown_code_or_image_kind_is_not_found(client, verified, code, kind):
    # when
    response = client.get(f"/verify/{code or verified.code}/qr.{kind}")

    # then
    assert response.status_code == 404


def test_pending_claim_has_a_code_that_leads_to_its_honest_state(client, pending_claim):
    # when
    image = Image.open(io.BytesIO(client.get(qr_url(pending_claim, "png")).content))
    page = client.get(zxingcpp.read_barcodes(image)[0].text.removeprefix("http://testserver"))

    # then
    assert page.context["state"] == "pending"
