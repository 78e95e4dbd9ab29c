"""A label's whole journey through the real pages, in a real browser.

The cooperative claims the Sefrou olive-oil IGP for its oil with the
certificate, council staff verify it, shoppers see the badge on the product
page, the verification page says "valid", and the cooperative downloads the
packaging-label sheet. Locators use names, ids and data- attributes, never
wording: the pages are translated.
"""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from pypdf import PdfReader

from catalog_extensions.labels.models import (
    CertificationStatus,
    CertifyingBody,
    Label,
    LabelKind,
    today_in_morocco,
)
from catalog_extensions.labels.permissions import LabelPermissions
from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus
from marketplace.core.regions import Province
from tests.fixtures.catalogue import make_product
from tests.fixtures.cooperatives import PDF_BYTES, make_cooperative, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "password-123"  # noqa: S105 (tests/fixtures/cooperatives.make_user)


@pytest.fixture
def scene(settings, tmp_path, product_type, category, warehouse):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    owner = make_user("oulad.zitoune@example.ma")
    cooperative = make_cooperative(
        owner=owner, status=CooperativeStatus.APPROVED, province=Province.SEFROU
    )
    oil = make_product(
        product_type=product_type,
        category=category,
        warehouse=warehouse,
        name="Huile d'olive de Sefrou",
        name_ar="زيت زيتون صفرو",
    )
    CooperativeProduct.objects.create(product=oil, cooperative=cooperative)
    body = CertifyingBody.objects.create(slug="normacert", name="Normacert")
    igp = Label.objects.create(
        kind=LabelKind.IGP,
        slug="huile-olive-sefrou",
        name_fr="Huile d'olive vierge extra de Sefrou",
        name_ar="زيت الزيتون البكر الممتاز لصفرو",
        provinces=[Province.SEFROU],
    )
    igp.certifying_bodies.add(body)
    staff = make_user(
        "labels@region-fes-meknes.ma",
        is_staff=True,
        permissions=[f"labels.{LabelPermissions.MANAGE_LABELS.codename}"],
    )
    yield {"owner": owner, "cooperative": cooperative, "oil": oil, "igp": igp, "staff": staff}
    cache.clear()


def log_in(page, email):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("#content form button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page):
    page.context.clear_cookies()


def claim_the_igp(page, scene, tmp_path):
    certificate = tmp_path / "certificat-igp.pdf"
    certificate.write_bytes(PDF_BYTES)
    page.goto(f"/backoffice/labels/cooperatives/{scene['cooperative'].slug}/certifications/")
    form = page.locator("form.claim-form")
    link = CooperativeProduct.objects.get(product=scene["oil"])
    form.locator("select[name=product]").select_option(str(link.pk))
    form.locator("select[name=label]").select_option(str(scene["igp"].pk))
    form.locator("select[name=certifying_body]").select_option(index=1)
    form.locator("input[name=certificate_number]").fill("IGP-SEF-2026-041")
    today = today_in_morocco()
    form.locator("input[name=valid_from]").fill((today - timedelta(days=30)).isoformat())
    form.locator("input[name=valid_until]").fill((today + timedelta(days=700)).isoformat())
    form.locator("input[type=file]").set_input_files(str(certificate))
    form.locator("button[type=submit]").click()
    expect(page.locator("tr[data-certification][data-status=pending]")).to_have_count(1)


def verify_the_claim(page, certification):
    page.goto(f"/backoffice/labels/claims/{certification.pk}/")
    page.locator("form[data-action=verify] button[type=submit]").click()
    expect(page.locator("dl.facts[data-status=verified]")).to_have_count(1)


def test_claimed_verified_label_shows_and_prints(page, scene, tmp_path):
    # Laying out the sticker sheet takes seconds on a busy machine.
    page.set_default_timeout(30_000)
    # given the cooperative claims the IGP with its certificate
    log_in(page, scene["owner"].email)
    claim_the_igp(page, scene, tmp_path)
    certification = scene["igp"].certifications.get()
    log_out(page)

    # when staff verify it
    log_in(page, scene["staff"].email)
    verify_the_claim(page, certification)
    log_out(page)

    # then shoppers see the badge on the product page, in French and in Arabic
    for prefix in ("", "/ar"):
        page.goto(f"{prefix}/products/{scene['oil'].slug}/")
        expect(page.locator(".badge[data-label-kind=igp]").first).to_be_visible()
    # and the badge leads to the verification page, which says valid
    page.locator(".badge[data-label-kind=igp] a").first.click()
    expect(page.locator(".verification[data-state=valid]")).to_be_visible()
    expect(page.locator(".verify-qr img")).to_be_visible()
    certification.refresh_from_db()
    assert certification.status == CertificationStatus.VERIFIED

    # and the cooperative downloads its packaging-label sheet
    log_in(page, scene["owner"].email)
    page.goto(
        f"/backoffice/cooperatives/{scene['cooperative'].slug}/products/"
        f"{scene['oil'].pk}/packaging-label/"
    )
    page.locator("select[name=format]").select_option("a4")
    page.fill("input[name=lot_number]", "L-2612-01")
    page.fill(
        "input[name=best_before]", (today_in_morocco() + timedelta(days=400)).isoformat()
    )
    with page.expect_download() as download:
        page.locator(".backoffice-main form button[type=submit]").click()
    sheet = tmp_path / "sheet.pdf"
    download.value.save_as(sheet)
    text = PdfReader(io.BytesIO(sheet.read_bytes())).pages[0].extract_text()
    assert "L-2612-01" in text
    assert "زيت زيتون صفرو" in text
    assert "Huile d'olive de Sefrou" in text
