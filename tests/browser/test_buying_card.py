"""A shopper pays by card on a 360 × 740 phone: Stripe.js (the local stand-in's), 3-D Secure.

The stand-in's Stripe.js draws plain inputs where Stripe draws its card
field, and its bank step is a box with "Complete authentication" and
"Fail authentication"; everything else is our pages and the stand-in's
server over HTTP.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect
from saleor.order.models import Order
from saleor.payment import ChargeStatus
from saleor.payment.models import Payment

from marketplace.payments.stripe.messages import decline_message

from .test_accessibility import AXE_SCRIPT
from .test_buying import PHONE, SCREENSHOTS, add_to_basket, fill_address, shop, submit  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARD = "marketplace.payments.stripe"


def phone(browser, live_server, locale):
    context = browser.new_context(base_url=live_server.url, locale=locale, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    return page, problems


def to_review_by_card(page, product, *, language=""):
    prefix = f"/{language}" if language else ""
    add_to_basket(page, product, 1, language=language)
    page.goto(f"{prefix}/checkout/")
    fill_address(page, email="salma@example.ma")
    page.wait_for_url(f"**{prefix}/checkout/delivery/")
    submit(page)
    page.wait_for_url(f"**{prefix}/checkout/payment/")
    page.check(f"input[value='{CARD}']")
    submit(page)
    page.wait_for_url(f"**{prefix}/checkout/review/")


def type_card(page, number):
    field = page.locator("[data-card-element]")
    expect(field.locator("input")).to_have_count(5)  # Stripe.js mounted its card field
    field.locator("input[placeholder=number]").fill(number)
    field.locator("input[placeholder=exp_month]").fill("12")
    field.locator("input[placeholder=exp_year]").fill("30")
    field.locator("input[placeholder=cvc]").fill("123")


def test_a_shopper_pays_by_card_in_french_and_sees_the_confirmation(
    browser, live_server, shop, stripe_keys  # noqa: F811
):
    # given
    page, problems = phone(browser, live_server, "fr-FR")
    to_review_by_card(page, shop["oil"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # when
    type_card(page, "4242424242424242")
    page.screenshot(path=str(SCREENSHOTS / "checkout-card-fr.png"), full_page=True)
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(r"/checkout/confirmation/[0-9a-f-]+/$"))

    # then
    order = Order.objects.get()
    assert order.total_gross_amount == 130
    payment = order.payments.get()
    assert payment.gateway == CARD
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    expect(page.locator(".parcels")).to_contain_text("1 colis")
    page.screenshot(path=str(SCREENSHOTS / "checkout-card-confirmation-fr.png"), full_page=True)
    assert not [p for p in problems if "Content Security Policy" in p]


def test_a_3d_secure_card_in_arabic_places_the_order_once_the_bank_confirms(
    browser, live_server, shop, stripe_keys  # noqa: F811
):
    # given
    page, problems = phone(browser, live_server, "ar")
    to_review_by_card(page, shop["honey"], language="ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    type_card(page, "4000002500003155")

    # when
    page.locator("button.place-order").click()
    bank = page.get_by_role("button", name="Complete authentication")
    expect(bank).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "checkout-card-3ds-ar.png"), full_page=True)
    bank.click()
    page.wait_for_url(re.compile(r"/ar/checkout/confirmation/[0-9a-f-]+/$"))

    # then
    order = Order.objects.get()
    assert order.total_gross_amount == 80
    assert order.payments.get().charge_status == ChargeStatus.FULLY_CHARGED
    assert Payment.objects.count() == 1
    assert not [p for p in problems if "Content Security Policy" in p]


def test_a_failed_3d_secure_in_arabic_says_so_and_places_nothing(
    browser, live_server, shop, stripe_keys  # noqa: F811
):
    # given
    page, _problems = phone(browser, live_server, "ar")
    to_review_by_card(page, shop["honey"], language="ar")
    type_card(page, "4000002760003184")

    # when
    page.locator("button.place-order").click()
    page.get_by_role("button", name="Fail authentication").click()
    page.wait_for_url("**/ar/checkout/review/")

    # then
    with translation.override("ar"):
        message = decline_message("payment_intent_authentication_failure")
    expect(page.locator(".messages, [role=alert]").first).to_contain_text(message[:30])
    page.screenshot(path=str(SCREENSHOTS / "checkout-card-3ds-failed-ar.png"), full_page=True)
    assert not Order.objects.exists()
    assert Payment.objects.get().captured_amount == 0
    expect(page.locator("[data-card-entry]")).to_be_visible()  # the shopper may try again


def test_without_javascript_choosing_card_explains_and_offers_cash_instead(
    browser, live_server, shop, stripe_keys  # noqa: F811
):
    # given
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)

    # when
    to_review_by_card(page, shop["oil"])

    # then
    expect(page.locator(".card-needs-js").first).to_contain_text(
        "Le paiement par carte nécessite JavaScript"
    )
    expect(page.locator("button.place-order")).to_be_hidden()
    page.screenshot(path=str(SCREENSHOTS / "checkout-card-no-javascript-fr.png"), full_page=True)
    page.get_by_role("link", name="Choisir le paiement à la livraison").click()
    page.wait_for_url("**/checkout/payment/")
    page.check("input[value='marketplace.payments.cash_on_delivery']")
    submit(page)
    page.wait_for_url("**/checkout/review/")
    page.locator("button.place-order").click()
    page.wait_for_url(re.compile(r"/checkout/confirmation/[0-9a-f-]+/$"))
    assert Order.objects.get().payments.get().gateway == "marketplace.payments.cash_on_delivery"
    context.close()


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_card_pages_have_no_serious_accessibility_violations(
    browser, live_server, shop, stripe_keys, language  # noqa: F811
):
    # given: axe is injected as an inline script, which the policy rightly refuses
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport=PHONE, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    prefix = "ar" if language == "ar" else ""
    to_review_by_card(page, shop["oil"], language=prefix)
    expect(page.locator("[data-card-entry]")).to_be_visible()

    # when
    page.add_script_tag(path=str(AXE_SCRIPT))
    # Inside the card field is Stripe's own frame; here the stand-in's bare inputs.
    result = page.evaluate(
        "() => axe.run({exclude: [['[data-card-element]']]}, {resultTypes: ['violations']})"
    )

    # then
    blocking = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert blocking == []
    context.close()
