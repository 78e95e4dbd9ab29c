"""A shopper collects an online order at a fair stop, through the real pages.

A published stop in the shopper's province (Sefrou) has the cooperative's oil
in its collection; the shopper adds the oil from its product page, picks up
at the stop at the delivery step, pays cash at the stand and places the
order; the confirmation, the order's page and the account name the stop, and
the cooperative finds the order on its pickup list in its back office.

Locators use names, ids, links and data- attributes; wording is compared
with the catalogues of the page's language.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect
from saleor.order.models import Order

from marketplace.fairs import services
from marketplace.fairs.pickup.models import PickupOrder
from tests.cooperatives.orders_helpers import product_of, seller
from tests.fairs.helpers import apply, make_fair, make_stop
from tests.fixtures.cooperatives import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "password-123"  # noqa: S105 (tests/fixtures/cooperatives.make_user)
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".artefacts" / "screenshots"


@pytest.fixture
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sefrou_stop(db):
    """A published stop in Sefrou whose collection holds the Zitoun cooperative's oil."""
    planner = make_user("planner@example.com", is_staff=True, permissions=["fairs.manage_fairs"])
    owner = make_user("zitoun@example.ma")
    cooperative = seller(
        owner=owner, province="sefrou", name_fr="Zitoun Sefrou", name_ar="تعاونية زيتون صفرو"
    )
    oil = product_of(cooperative, price="100.00", name="Huile Zitoun", quantity=5)
    fair = make_fair(status="published")
    starts_at = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=10), datetime.time(9, 30)
        )
    )
    stop = make_stop(fair, starts_at=starts_at, venue="Place Bab Merba", capacity=5)
    application = apply(stop, cooperative, owner, [oil])
    services.application_decide(application=application, actor=planner, decision="accept")
    stop = services.stop_publish(stop=stop, actor=planner)
    assert list(stop.collection.products.all()) == [oil]
    return {"stop": stop, "oil": oil, "cooperative": cooperative}


def new_page(browser, live_server, *, locale, viewport, javascript):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport=viewport, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def submit(page):
    page.locator("#content form button[type=submit]").first.click()


def log_in(page, prefix, email):
    page.goto(f"{prefix}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(page, name, language):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = "phone" if page.viewport_size["width"] <= PHONE["width"] else "desktop"
    page.screenshot(
        path=str(SCREENSHOTS / f"pickup-{name}-{language}-{size}.png"), full_page=True
    )


def when_in(language, stop):
    """The stop's opening as the page writes it: its long date and its time."""
    opening = timezone.localtime(stop.starts_at)
    with translation.override(language):
        return formats.date_format(opening, "j F Y", use_l10n=True), opening.strftime("%H:%M")


@pytest.mark.parametrize(
    ("language", "viewport", "javascript"),
    [("ar", PHONE, False), ("fr", DESKTOP, True), ("fr", PHONE, True)],
    ids=["ar-phone-no-js", "fr-desktop", "fr-phone"],
)
def test_a_shopper_collects_the_order_at_a_fair_stop(
    browser, live_server, sefrou_stop, fresh_rate_limits, language, viewport, javascript
):
    # given
    stop, oil = sefrou_stop["stop"], sefrou_stop["oil"]
    prefix = "/ar" if language == "ar" else ""
    make_user("salma@example.ma")
    page = new_page(
        browser, live_server, locale=language, viewport=viewport, javascript=javascript
    )
    fits = {}
    log_in(page, prefix, "salma@example.ma")
    page.wait_for_url(f"**{prefix}/account/")

    # when: the shopper adds the oil from its page and goes to the checkout
    page.goto(f"{prefix}/products/{oil.slug}/")
    fits["product"] = fits_the_screen(page)
    page.locator("form.add-to-basket button[type=submit]").click()
    page.goto(f"{prefix}/checkout/")
    page.fill("input[name=first_name]", "Salma")
    page.fill("input[name=last_name]", "Bennani")
    page.fill("input[name=street_address_1]", "4 derb Lalla Fatima")
    page.select_option("select[name=city]", "SEFROU")
    page.fill("input[name=phone]", "06 12 34 56 78")
    submit(page)
    page.wait_for_url(f"**{prefix}/checkout/delivery/")
    fits["delivery"] = fits_the_screen(page)
    shot(page, "delivery", language)
    option = page.locator(f"label.choice:has(input[value='pickup:{stop.pk}'])")
    day, hour = when_in(language, stop)
    with translation.override(language):
        free = pgettext("price", "free")
    expect(option).to_contain_text(stop.venue)
    expect(option).to_contain_text(day)
    expect(option).to_contain_text(hour)
    expect(option).to_contain_text(free)
    option.locator("input").check()
    submit(page)
    page.wait_for_url(f"**{prefix}/checkout/payment/")
    fits["payment"] = fits_the_screen(page)
    submit(page)  # cash, paid at the stand
    page.wait_for_url(f"**{prefix}/checkout/review/")
    fits["review"] = fits_the_screen(page)
    shot(page, "review", language)
    expect(page.locator(".pickup-stop")).to_contain_text(stop.venue)
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(rf"{prefix}/checkout/confirmation/[0-9a-f-]+/$"))

    # then: the order is to be collected at the stop, for the price of the oil alone
    order = Order.objects.get()
    assert PickupOrder.objects.get(order=order).stop == stop
    assert order.total_gross_amount == 100
    assert order.payments.get().gateway == "marketplace.payments.cash_on_delivery"

    # then: the confirmation and the account name the stop, not a home address
    fits["confirmation"] = fits_the_screen(page)
    shot(page, "confirmation", language)
    confirmation = page.locator(".pickup-stop")
    expect(confirmation).to_contain_text(stop.venue)
    expect(confirmation).to_contain_text(day)
    expect(confirmation).to_contain_text(hour)
    with translation.override(language):
        parcels = gettext("Your order arrives in %(count)d parcel.") % {"count": 1}
    expect(page.locator("#content")).not_to_contain_text(parcels)
    page.goto(f"{prefix}/account/")
    fits["account"] = fits_the_screen(page)
    shot(page, "account", language)
    expect(page.locator(f".order-summary[data-order='{order.pk}'] .pickup-stop")).to_contain_text(
        stop.venue
    )
    page.goto(f"{prefix}/orders/{order.token}/")
    fits["order"] = fits_the_screen(page)
    expect(page.locator(".pickup-stop")).to_contain_text(stop.venue)
    expect(page.locator("#content")).not_to_contain_text("4 derb Lalla Fatima")
    page.context.close()

    # then: the cooperative sees the order to prepare for the stop in its back office
    cooperative = sefrou_stop["cooperative"]
    page = new_page(
        browser, live_server, locale=language, viewport=viewport, javascript=javascript
    )
    log_in(page, prefix, "zitoun@example.ma")
    page.wait_for_url(f"**{prefix}/backoffice/")
    with translation.override(language):
        orders_page = reverse("backoffice:cooperative-orders", kwargs={"slug": cooperative.slug})
        fairs_page = reverse("fairs-backoffice:cooperative", kwargs={"slug": cooperative.slug})
    page.goto(orders_page)
    fits["cooperative orders"] = fits_the_screen(page)
    page.locator(f"tr[data-order='{order.pk}'] a").click()
    fits["cooperative order"] = fits_the_screen(page)
    shot(page, "cooperative-order", language)
    expect(page.locator(f".pickup-stop[data-stop='{stop.pk}']")).to_contain_text(stop.venue)
    expect(page.locator(".backoffice-main")).not_to_contain_text("4 derb Lalla Fatima")
    page.goto(fairs_page)
    fits["cooperative fairs"] = fits_the_screen(page)
    page.locator(f"a.pickup-list-link[href$='/stops/{stop.pk}/cooperatives/{cooperative.slug}/']").click()
    page.wait_for_url(f"**/backoffice/pickup/stops/{stop.pk}/cooperatives/{cooperative.slug}/")
    fits["pickup list"] = fits_the_screen(page)
    shot(page, "cooperative-list", language)
    expect(page.locator(f"[data-order='{order.pk}']")).to_contain_text("Huile Zitoun")
    expect(page.locator(f"[data-order='{order.pk}']")).to_contain_text("Bennani")
    assert fits == dict.fromkeys(fits, True)
    page.context.close()
