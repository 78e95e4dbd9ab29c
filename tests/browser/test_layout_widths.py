"""No page is wider than the screen, on a 360 px phone and on a desktop, in Arabic and French.

Shopper pages as an anonymous visitor, the cooperative back office as the
demo-like member of an approved cooperative with an order, the council's
console as staff. Screenshots of the phone views are kept as artefacts in
``.artefacts/screenshots/``.
"""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from marketplace.cooperatives.models import CooperativeStatus
from storefront.demo import seed as seed_pages
from tests.cooperatives.orders_helpers import place_order, product_of, seller
from tests.fixtures.cooperatives import make_cooperative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".artefacts" / "screenshots"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
LANGUAGES = ["ar", "fr"]


# The elements that stick out of the viewport, to say what to fix.
OFFENDERS = """() => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.right > window.innerWidth + 1 || r.left < -1; })
  .slice(0, 4)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left)
            + '..' + Math.round(e.getBoundingClientRect().right))"""


def in_language(path, language):
    return path if language == "fr" else f"/{language}{path}"


def logged_in_context(browser, live_server, user, viewport):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    if user is not None:
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}]
        )
    return context


def overflowing_pages(context, paths, language, viewport_name):
    page = context.new_page()
    page.set_default_timeout(60_000)
    too_wide = []
    for name, path in paths.items():
        response = page.goto(in_language(path, language), wait_until="load")
        assert response.status < 500, (name, response.status)
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if widths[0] > widths[1]:
            too_wide.append((name, widths, page.evaluate(OFFENDERS)))
        if viewport_name == "phone":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-{viewport_name}.png"),
                            full_page=True)
    page.close()
    return too_wide


@pytest.fixture
def scene(owner, other_member):
    """Two cooperatives with a product each and an order holding both."""
    olive = seller(owner=owner)
    oil = product_of(olive, price="100.00", name="Huile Zitoun")
    thyme_honey = product_of(seller(owner=other_member), price="50.00", name="Miel Assal")
    return olive, oil, place_order([(oil, 2), (thyme_honey, 1)])


@pytest.fixture
def shopper_paths(scene):
    olive, _oil, _order = scene
    seed_pages(None)
    return {
        "home": "/",
        "cooperatives": "/cooperatives/",
        "cooperative": f"/cooperatives/{olive.slug}/",
        "page-terms": "/pages/terms-of-sale/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "not-found": "/pages/no-such-page/",
    }


@pytest.fixture
def member_paths(scene):
    olive, oil, order = scene

    def backoffice(name, **kwargs):
        return reverse(f"backoffice:{name}", kwargs=kwargs or None)

    slug = olive.slug
    return {
        "backoffice": backoffice("home"),
        "bo-status": backoffice("cooperative-status", slug=slug),
        "bo-products": backoffice("cooperative-products", slug=slug),
        "bo-product-new": backoffice("cooperative-product-create", slug=slug),
        "bo-product-edit": backoffice("cooperative-product-edit", slug=slug, product_id=oil.pk),
        "bo-import": backoffice("cooperative-import-create", slug=slug),
        "bo-orders": backoffice("cooperative-orders", slug=slug),
        "bo-order": backoffice("cooperative-order-detail", slug=slug, order_pk=order.pk),
        "bo-ledger": backoffice("cooperative-ledger", slug=slug),
        "bo-members": backoffice("cooperative-members", slug=slug),
        "bo-public-contact": backoffice("cooperative-public-contact", slug=slug),
    }


@pytest.fixture
def staff_paths(owner):
    submitted = make_cooperative(owner=owner, status=CooperativeStatus.SUBMITTED)
    return {
        "council-queue": reverse("backoffice:cooperative-review-queue"),
        "council-review": reverse(
            "backoffice:cooperative-review-detail", kwargs={"slug": submitted.slug}
        ),
        "council-payouts": reverse("backoffice:payouts"),
        "council-reconciliation": reverse("backoffice:payments-reconciliation"),
    }


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_shopper_pages_fit_the_screen(browser, live_server, shopper_paths, language, viewport):
    # given
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[viewport])

    # when
    too_wide = overflowing_pages(context, shopper_paths, language, viewport)

    # then
    context.close()
    assert too_wide == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_cooperative_back_office_fits_the_screen(
    browser, live_server, owner, member_paths, language, viewport
):
    # given
    context = logged_in_context(browser, live_server, owner, VIEWPORTS[viewport])

    # when
    too_wide = overflowing_pages(context, member_paths, language, viewport)

    # then
    context.close()
    assert too_wide == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_council_console_fits_the_screen(
    browser, live_server, reviewer, staff_paths, language, viewport
):
    # given
    context = logged_in_context(browser, live_server, reviewer, VIEWPORTS[viewport])

    # when
    too_wide = overflowing_pages(context, staff_paths, language, viewport)

    # then
    context.close()
    assert too_wide == []
