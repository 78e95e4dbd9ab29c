"""A shopper's journeys through basket, checkout and account, on a 360 × 740 phone."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect
from saleor.order.models import Order

from tests.cooperatives.orders_helpers import product_of, seller
from tests.fixtures.cooperatives import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".artefacts" / "screenshots"


@pytest.fixture
def shop(db):
    olive = seller(
        owner=make_user("olive-owner@example.ma"),
        name_fr="Zitoun Sefrou",
        name_ar="تعاونية زيتون صفرو",
    )
    honey = seller(
        owner=make_user("honey-owner@example.ma"),
        name_fr="Assal Imouzzer",
        name_ar="تعاونية عسل إيموزار",
    )
    return {
        "oil": product_of(olive, price="100.00", name="Huile Zitoun", quantity=5),
        "honey": product_of(honey, price="50.00", name="Miel Assal", quantity=5),
    }


def phone_page(browser, live_server, *, locale, javascript=True):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport=PHONE, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def add_to_basket(page, product, quantity=1, language=""):
    """POST the product page's form (variant, quantity) with this browser's cookies."""
    prefix = f"/{language}" if language else ""
    page.goto(f"{prefix}/accounts/login/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    response = page.request.post(
        f"{prefix}/basket/add/",
        form={
            "variant": str(product.variants.get().pk),
            "quantity": str(quantity),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.ok


def fill_address(page, *, email=None):
    if email:
        page.fill("input[name=email]", email)
    page.fill("input[name=first_name]", "Salma")
    page.fill("input[name=last_name]", "Bennani")
    page.fill("input[name=street_address_1]", "12 rue Talaa Kebira")
    page.select_option("select[name=city]", "FES")
    page.fill("input[name=phone]", "06 12 34 56 78")
    submit(page)


def submit(page):
    page.locator("#content form button[type=submit]").first.click()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def log_in(page, email, password="password-123"):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    submit(page)


def test_a_guest_buys_with_cash_on_delivery_in_arabic_without_javascript(
    browser, live_server, shop
):
    # given
    page = phone_page(browser, live_server, locale="ar", javascript=False)
    add_to_basket(page, shop["oil"], 2, language="ar")
    add_to_basket(page, shop["honey"], 1, language="ar")

    # when
    page.goto("/ar/basket/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("a[href='/ar/checkout/']").click()
    fill_address(page, email="salma@example.ma")
    page.wait_for_url("**/ar/checkout/delivery/")
    submit(page)
    page.wait_for_url("**/ar/checkout/payment/")
    submit(page)
    page.wait_for_url("**/ar/checkout/review/")
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(r"/ar/checkout/confirmation/[0-9a-f-]+/$"))

    # then
    order = Order.objects.get()
    assert order.user_email == "salma@example.ma"
    assert order.total_gross_amount == 280
    assert order.payments.get().gateway == "marketplace.payments.cash_on_delivery"
    expect(page.locator(".parcels")).to_contain_text("طردين")
    assert page.locator(".order-group").count() == 2


def test_a_logged_in_shopper_buys_in_french_and_finds_the_order_in_the_account(
    browser, live_server, shop, customer
):
    # given
    page = phone_page(browser, live_server, locale="fr-FR")
    log_in(page, customer.email)
    page.wait_for_url("**/account/")
    add_to_basket(page, shop["honey"], 2)

    # when
    page.goto("/checkout/")
    fill_address(page)
    submit(page)  # delivery
    submit(page)  # cash on delivery
    page.wait_for_url("**/checkout/review/")
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(r"/checkout/confirmation/"))
    page.locator("a[href='/account/']").last.click()

    # then
    order = Order.objects.get()
    assert order.user == customer
    expect(page.locator(f".order-summary[data-order='{order.pk}']")).to_contain_text(
        "Pas encore expédié"
    )
    assert fits_the_screen(page)


def test_an_anonymous_basket_survives_log_in(browser, live_server, shop, customer):
    # given
    page = phone_page(browser, live_server, locale="fr-FR")
    add_to_basket(page, shop["oil"], 3)

    # when
    log_in(page, customer.email)
    page.wait_for_url("**/account/")
    page.goto("/basket/")

    # then
    expect(page.locator(".basket-line")).to_have_count(1)
    assert page.locator(".basket-line input[name=quantity]").input_value() == "3"


def test_the_sign_up_email_link_logs_the_shopper_in(browser, live_server):
    # given
    page = phone_page(browser, live_server, locale="fr-FR")
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", "amina@example.ma")
    page.fill("input[name=password]", "zendaz-honey-42")
    page.fill("input[name=password_again]", "zendaz-honey-42")
    submit(page)
    page.wait_for_url("**/accounts/signup/sent/")
    [message] = mail.outbox
    link = next(word for word in message.body.split() if "token=" in word)

    # when
    page.goto(link)

    # then
    page.wait_for_url("**/account/")
    expect(page.locator("h1")).to_have_text("Mon compte")


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_basket_checkout_and_account_pages_fit_a_phone(browser, live_server, shop, language):
    # given
    prefix = "/ar" if language == "ar" else ""
    make_user("shopper@example.ma")
    page = phone_page(browser, live_server, locale=language)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    add_to_basket(page, shop["oil"], 1, language=language if prefix else "")
    add_to_basket(page, shop["honey"], 1, language=language if prefix else "")
    pages = {}

    # when
    page.goto(f"{prefix}/basket/")
    pages["basket"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"basket-{language}.png"), full_page=True)
    page.goto(f"{prefix}/checkout/address/")
    pages["address"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"checkout-address-{language}.png"), full_page=True)
    fill_address(page, email="salma@example.ma")
    page.wait_for_url("**/checkout/delivery/")
    pages["delivery"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"checkout-delivery-{language}.png"), full_page=True)
    submit(page)
    submit(page)
    page.wait_for_url("**/checkout/review/")
    pages["review"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"checkout-review-{language}.png"), full_page=True)
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(r"/checkout/confirmation/"))
    pages["confirmation"] = fits_the_screen(page)
    page.screenshot(
        path=str(SCREENSHOTS / f"checkout-confirmation-{language}.png"), full_page=True
    )
    log_in(page, "shopper@example.ma")
    page.goto(f"{prefix}/account/")
    pages["account"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"account-{language}.png"), full_page=True)
    page.goto(f"{prefix}/account/addresses/")
    pages["addresses"] = fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"account-addresses-{language}.png"), full_page=True)

    # then
    assert pages == dict.fromkeys(pages, True)
