"""A cooperative's whole journey, through the real pages only.

Sign up, apply step by step with documents, a council reviewer asks for a
change, the cooperative fixes it and resubmits, the reviewer approves, the
cooperative adds a product and shoppers see it in French and in Arabic.

Locators use names, ids, links and data- attributes, never wording: the
pages are translated and their texts change with the catalogues.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.notifications import render_bilingual
from marketplace.cooperatives.services.review import REVIEWABLE_FIELDS
from marketplace.cooperatives.validators import ice_with_check_digits, rib_with_key
from tests.fixtures.cooperatives import PDF_BYTES, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWNER_EMAIL = "lalla.fatima@example.ma"
OWNER_PASSWORD = "Argane-Sefrou-2026!"  # noqa: S105
REVIEWER_PASSWORD = "password-123"  # noqa: S105 (tests/fixtures/cooperatives.make_user)
DOCUMENT_KINDS = ("statutes", "register_certificate", "ice_attestation", "bank_rib")


@pytest.fixture
def private_root(settings, tmp_path):
    """Documents (private) and the logo (public media) land in this test's folder."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private"


@pytest.fixture
def fresh_rate_limits():
    # The log-in and sign-up limits count per address in the process-wide
    # cache: requests of earlier tests on this worker must not count here.
    cache.clear()
    yield
    cache.clear()


# --- helpers, one per step of the story ----------------------------------------------


def main(page):
    return page.locator(".backoffice-main")


def submit_main_form(page):
    """Submit the page's own form (the header also holds the log-out form)."""
    main(page).locator("form[method=post] button[type=submit]").first.click()


def step_name(page):
    return main(page).locator("nav.application-progress li[aria-current=step]").get_attribute(
        "data-step"
    )


def sign_up(page, email, password):
    """Sign up from "sell with us", then open the confirmation link the e-mail carries."""
    page.goto("/accounts/signup/?next=/backoffice/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.fill("input[name=password_again]", password)
    page.locator("#content form button[type=submit]").click()
    page.wait_for_url("**/accounts/signup/sent/")
    [confirmation] = [m for m in mail.outbox if email in m.to and "token=" in m.body]
    link = next(word for word in confirmation.body.split() if "token=" in word)
    page.goto(link)
    page.wait_for_url("**/backoffice/")


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.locator("#content form button[type=submit]").click()
    page.wait_for_url("**/backoffice/")


def log_out(page):
    page.locator("header nav.account form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
    expect(page.locator("header nav.account a[href$='/accounts/login/']")).to_have_count(1)


def fill_step(page, expected_step, **values):
    page.wait_for_url(f"**/application/{expected_step}/")
    assert step_name(page) == expected_step
    for name, value in values.items():
        field = main(page).locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    submit_main_form(page)


def apply_as_cooperative(page, tmp_path, *, ice, rib):
    """From the back-office home to a submitted application; returns the cooperative's slug."""
    page.locator("#my-cooperatives a[href$='/backoffice/cooperatives/apply/']").click()
    page.fill("input[name=name_fr]", "Coopérative Zitoun Sefrou")
    page.fill("input[name=name_ar]", "تعاونية زيتون صفرو")
    page.check("input[name=legal_form][value=cooperative]")
    submit_main_form(page)

    page.wait_for_url("**/application/registration/")
    slug = re.search(r"/cooperatives/([^/]+)/application/", page.url).group(1)
    fill_step(page, "registration", register_number="RC-SEF-2024-117", ice=ice)
    fill_step(page, "location", province="sefrou", commune="Sefru", address="Derb Lalla Sakina 12")
    fill_step(page, "contacts", phone="+212 6 61 23 45 67", email="zitoun.sefrou@example.ma")
    fill_step(page, "figures", members_count="24", women_members="15", young_members="6")

    page.wait_for_url("**/application/story/")
    page.check("input[name=sectors][value=olive-oil]")
    page.fill("textarea[name=story_fr]", "Nous pressons à froid les olives de nos vergers.")
    page.fill("textarea[name=story_ar]", "نعصر زيتون بساتيننا على البارد.")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes((64, 64)))
    page.set_input_files("input[name=logo]", str(logo))
    submit_main_form(page)

    fill_step(page, "payout", bank_name="Banque Populaire", rib=rib)

    page.wait_for_url("**/application/documents/")
    for kind in DOCUMENT_KINDS:
        upload_document(page, tmp_path, kind)
    main(page).locator("a.button[href$='/application/review/']").click()

    submit_application(page)
    return slug


def upload_document(page, tmp_path, kind):
    document = tmp_path / f"{kind}.pdf"
    document.write_bytes(PDF_BYTES)
    section = page.locator(f"section[data-kind={kind}]")
    section.locator("input[type=file][name=file]").set_input_files(str(document))
    section.locator("button[type=submit]").click()
    expect(section.locator("li[data-document]")).to_have_count(1)


def submit_application(page):
    page.wait_for_url("**/application/review/")
    assert main(page).locator("[data-missing]").count() == 0
    submit_main_form(page)
    page.wait_for_selector(".backoffice-main p.status[data-status=submitted]")


def open_application_for_review(page, slug):
    page.locator("#council a[href$='/backoffice/cooperatives/review/']").click()
    page.locator(f"tr[data-cooperative={slug}] a").click()
    page.wait_for_url(f"**/backoffice/cooperatives/review/{slug}/")


def application_value(page, field):
    """A field's value as the review page shows it (rows follow REVIEWABLE_FIELDS)."""
    row = REVIEWABLE_FIELDS.index(field)
    return main(page).locator("#application dl dd").nth(row).inner_text().strip()


def request_changes(page, *, field, comment):
    decision = page.locator("#decision-request_changes")
    decision.locator("summary").click()
    decision.locator(f"textarea[name=request_changes-comment_{field}]").fill(comment)
    decision.locator("button[type=submit]").click()
    page.wait_for_selector(".backoffice-main p.status[data-status=changes_requested]")


def approve(page):
    page.locator("#decision-approve button[type=submit]").click()
    page.wait_for_selector(".backoffice-main p.status[data-status=approved]")


def open_my_cooperative(page, slug):
    page.locator(f"#my-cooperatives li[data-cooperative={slug}] > a").click()
    page.wait_for_url(f"**/backoffice/cooperatives/{slug}/")


def add_product(page, slug, *, name_fr, name_ar, product_type, category, price, stock):
    page.locator(f"li[data-cooperative={slug}] a[href$='/{slug}/products/']").click()
    main(page).locator(f"a.button[href$='/{slug}/products/new/']").click()
    form = main(page).locator("form.form")
    form.locator("[name=name_fr]").fill(name_fr)
    form.locator("[name=name_ar]").fill(name_ar)
    form.locator("[name=product_type]").select_option(str(product_type.pk))
    form.locator("[name=category]").select_option(str(category.pk))
    form.locator("[name=price]").fill(price)
    form.locator("[name=sku]").fill("ZIT-SEF-75CL")
    form.locator("[name=quantity]").fill(stock)
    form.locator("[name=is_published]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{slug}/products/\d+/$"))
    page.locator(f".backoffice-nav a[href$='/{slug}/products/']").click()
    expect(main(page).locator("tr[data-published=yes]")).to_have_attribute("data-stock", stock)


def storefront_product_names(page, path):
    page.goto(path)
    return page.locator("article.product-card h2.product-name").all_inner_texts()


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def email_subjects(slug, *templates):
    cooperative = Cooperative.objects.get(slug=slug)
    return [
        render_bilingual(f"cooperatives/emails/{template}", {"cooperative": cooperative})[0]
        for template in templates
    ]


# --- the journey -------------------------------------------------------------------------


def test_a_new_cooperative_applies_is_reviewed_and_sells_on_the_site(
    page, tmp_path, private_root, fresh_rate_limits, reviewer, product_type, category,
    shipping_zone,
):
    # given a newcomer with an account and a reviewer of the council
    sign_up(page, OWNER_EMAIL, OWNER_PASSWORD)

    # when the newcomer applies with its four papers
    slug = apply_as_cooperative(
        page,
        tmp_path,
        ice=ice_with_check_digits("0015327480000"),
        rib=rib_with_key("0117800000123456789012"),
    )

    # then the application awaits review and its papers sit in private storage
    assert len(list(private_root.rglob("*.pdf"))) == len(DOCUMENT_KINDS)

    # when the reviewer asks to correct the commune
    log_out(page)
    log_in(page, reviewer.email, REVIEWER_PASSWORD)
    open_application_for_review(page, slug)
    assert main(page).locator("#documents li[data-document]").count() == len(DOCUMENT_KINDS)
    assert main(page).locator("#checks li[data-passed=false]").count() == 0
    assert application_value(page, "commune") == "Sefru"
    page.screenshot(path="/tmp/journey-review.png", full_page=True)
    request_changes(page, field="commune", comment="Écrivez Sefrou, comme au registre.")

    # then the owner reads the comment on its status page and fixes that step
    log_out(page)
    log_in(page, OWNER_EMAIL, OWNER_PASSWORD)
    open_my_cooperative(page, slug)
    expect(main(page).locator("#requested-changes [data-comment]")).to_contain_text(
        "Écrivez Sefrou, comme au registre."
    )
    main(page).locator("#requested-changes h3 a[href$='/application/location/']").click()
    page.wait_for_url("**/application/location/")
    expect(main(page).locator(".reviewer-comments [data-comment]")).to_contain_text(
        "Écrivez Sefrou, comme au registre."
    )
    fill_step(page, "location", commune="Sefrou")
    main(page).locator("nav.application-progress li[data-step=review] a").click()
    submit_application(page)

    # when the reviewer approves
    log_out(page)
    log_in(page, reviewer.email, REVIEWER_PASSWORD)
    open_application_for_review(page, slug)
    assert application_value(page, "commune") == "Sefrou"
    approve(page)

    # then the owner was told of each step by e-mail, the requested change included
    owner_mail = [m for m in emails_to(OWNER_EMAIL) if "token=" not in m.body]  # not the sign-up
    assert [message.subject for message in owner_mail] == email_subjects(
        slug, "submitted", "changes_requested", "submitted", "approved"
    )
    assert "Écrivez Sefrou, comme au registre." in owner_mail[1].body

    # when the owner adds a published product
    log_out(page)
    log_in(page, OWNER_EMAIL, OWNER_PASSWORD)
    add_product(
        page,
        slug,
        name_fr="Huile d'olive vierge extra de Sefrou",
        name_ar="زيت زيتون بكر ممتاز من صفرو",
        product_type=product_type,
        category=category,
        price="95.00",
        stock="40",
    )

    # then shoppers find it on the home page, in French and in Arabic
    log_out(page)
    assert "Huile d'olive vierge extra de Sefrou" in storefront_product_names(page, "/")
    assert "زيت زيتون بكر ممتاز من صفرو" in storefront_product_names(page, "/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path="/tmp/journey-ar.png", full_page=True)
