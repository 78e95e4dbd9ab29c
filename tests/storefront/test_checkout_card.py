"""Paying by card on the web checkout: Stripe.js in the browser, the order placed on the server.

The browser's part is replayed over HTTP against the local Stripe stand-in:
the card becomes a token's card (what our test Stripe.js hands the page as
the PaymentMethod id), and the bank's 3-D Secure step is the stand-in's
``_authenticate`` call that its Stripe.js makes.
"""

import copy
import json
import re
import threading
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
import stripe
from django.db import connection
from django.test import Client
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment

from marketplace.payments.stripe.messages import authentication_pending_message, decline_message
from tests.fixtures.stripe import PUBLISHABLE_KEY, SECRET_KEY
from tests.payments.conftest import event_for, signed

from .shopping import ADDRESS, add, gettext_in

pytestmark = pytest.mark.django_db

CARD = "marketplace.payments.stripe"
CASH = "marketplace.payments.cash_on_delivery"
CARD_OK = "4242424242424242"
CARD_3DS = "4000002500003155"
# localstripe declines 4000000000000341 when charging; 4000000000000002 only
# when a card is attached to a customer, which a checkout never does.
CARD_DECLINED = "4000000000000341"


def card_in_browser(localstripe_url, number):
    """What Stripe.js gives the page for a typed card: an id to post with the order."""
    body = urllib.parse.urlencode(
        {
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
            "key": PUBLISHABLE_KEY,
        }
    ).encode()
    with urllib.request.urlopen(f"{localstripe_url}/v1/tokens", data=body, timeout=5) as answer:
        return json.load(answer)["card"]["id"]


def bank_answers(localstripe_url, client_secret, *, success=True):
    """The shopper passes (or fails) the bank's step, as the stand-in's Stripe.js does."""
    intent_id = client_secret.split("_secret_")[0]
    body = urllib.parse.urlencode(
        {"key": PUBLISHABLE_KEY, "client_secret": client_secret, "success": str(success).lower()}
    ).encode()
    url = f"{localstripe_url}/v1/payment_intents/{intent_id}/_authenticate"
    urllib.request.urlopen(url, data=body, timeout=5).close()


def intent(intent_id):
    return stripe.PaymentIntent.retrieve(intent_id, api_key=SECRET_KEY)


def review_by_card(client, language=""):
    """Address, first delivery option, card: the review page."""
    prefix = f"/{language}" if language else ""
    assert client.post(f"{prefix}/checkout/address/", ADDRESS).status_code == 302
    option = client.get(f"{prefix}/checkout/delivery/").context["options"][0][0]
    assert client.post(f"{prefix}/checkout/delivery/", {"delivery": option}).status_code == 302
    assert client.post(f"{prefix}/checkout/payment/", {"gateway": CARD}).status_code == 302
    return client.get(f"{prefix}/checkout/review/")


def place(client, review, payment_method="", language="", **extra):
    prefix = f"/{language}" if language else ""
    token = str(review.context["summary"]["basket"].token)
    return client.post(
        f"{prefix}/checkout/place/", {"basket": token, "payment_method": payment_method, **extra}
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def basket_lines(checkout_token):
    checkout = Checkout.objects.filter(token=checkout_token).first()
    return [(line.variant_id, line.quantity) for line in checkout.lines.all()] if checkout else []


def test_card_is_offered_only_when_stripe_is_configured(client, oil, settings, localstripe_url):
    # given
    add(client, oil, 1)
    client.post("/checkout/address/", ADDRESS)
    option = client.get("/checkout/delivery/").context["options"][0][0]
    client.post("/checkout/delivery/", {"delivery": option})
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""

    # when
    without_keys = client.get("/en/checkout/payment/")
    refused = client.post("/checkout/payment/", {"gateway": CARD})
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = SECRET_KEY, PUBLISHABLE_KEY
    with_keys = client.get("/en/checkout/payment/")

    # then
    assert [key for key, _label in without_keys.context["form"].fields["gateway"].choices] == [
        CASH
    ]
    assert "Card (Visa, Mastercard)" not in without_keys.content.decode()
    assert refused.status_code == 200 and refused.context["form"].errors["gateway"]
    assert [key for key, _label in with_keys.context["form"].fields["gateway"].choices] == [
        CASH,
        CARD,
    ]
    content = with_keys.content.decode()
    assert "Card (Visa, Mastercard): pay now, securely" in content
    assert with_keys.context["form"]["gateway"].value() == CASH  # still the default


def test_a_guest_pays_by_card_and_gets_one_paid_order(client, oil, stripe_keys, localstripe_url):
    # given
    add(client, oil, 2)
    review = review_by_card(client)
    card = card_in_browser(localstripe_url, CARD_OK)

    # when
    response = place(client, review, card)

    # then
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checkout/confirmation/{order.token}/"
    assert order.user is None and order.user_email == ADDRESS["email"]
    payment = order.payments.get()
    assert payment.gateway == CARD
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert payment.captured_amount == order.total_gross_amount == Decimal("230.00")
    charged = intent(payment.transactions.filter(token__startswith="pi_").last().token)
    assert (charged.status, charged.amount, charged.currency) == ("succeeded", 23000, "mad")
    assert not Checkout.objects.exists()
    assert response.cookies["basket"].value == ""
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200


def test_with_manual_capture_the_card_is_authorised_and_nothing_taken_yet(
    client, oil, stripe_keys, localstripe_url
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    add(client, oil, 1)
    review = review_by_card(client)

    # when
    place(client, review, card_in_browser(localstripe_url, CARD_OK))

    # then
    payment = Order.objects.get().payments.get()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert payment.captured_amount == 0
    authorised = intent(payment.transactions.filter(token__startswith="pi_").last().token)
    assert authorised.status == "requires_capture"
    assert authorised.amount == 13000


def test_with_manual_capture_the_card_choice_says_it_is_charged_when_the_first_parcel_leaves(
    client, oil, stripe_keys
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    add(client, oil, 1)

    # when
    review = review_by_card(client, language="en")
    payment = client.get("/en/checkout/payment/")

    # then
    later = "Card (Visa, Mastercard): authorised now, charged when the first parcel leaves"
    for page in (payment, review):
        content = page.content.decode()
        assert later in content
        assert "pay now" not in content


def test_a_logged_in_shopper_pays_by_card(client, oil, customer, stripe_keys, localstripe_url):
    # given
    client.force_login(customer)
    add(client, oil, 1)
    review = review_by_card(client)

    # when
    response = place(client, review, card_in_browser(localstripe_url, CARD_OK))

    # then
    order = Order.objects.get()
    assert order.user == customer
    assert response["Location"] == f"/checkout/confirmation/{order.token}/"
    assert order.payments.get().charge_status == ChargeStatus.FULLY_CHARGED


def test_a_declined_card_says_why_and_leaves_the_basket_as_it_was(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 2)
    review = review_by_card(client)
    token = review.context["summary"]["basket"].token
    before = basket_lines(token)

    # when
    response = place(client, review, card_in_browser(localstripe_url, CARD_DECLINED))

    # then
    assert response.status_code == 302 and response["Location"] == "/checkout/review/"
    page = client.get(response["Location"])
    assert messages_of(page) == [gettext_in("fr", decline_message("card_declined"))]
    assert "Votre carte a été refusée" in page.content.decode()
    assert not Order.objects.exists()
    payment = Payment.objects.get()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert payment.captured_amount == 0
    assert basket_lines(token) == before == [(oil.variants.get().pk, 2)]


def test_after_a_decline_another_card_places_one_order(client, oil, stripe_keys, localstripe_url):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    place(client, review, card_in_browser(localstripe_url, CARD_DECLINED))

    # when
    response = place(client, review, card_in_browser(localstripe_url, CARD_OK))

    # then
    order = Order.objects.get()
    assert response["Location"] == f"/checkout/confirmation/{order.token}/"
    assert [p.charge_status for p in Payment.objects.order_by("pk")] == [
        ChargeStatus.NOT_CHARGED,
        ChargeStatus.FULLY_CHARGED,
    ]
    assert order.get_last_payment().charge_status == ChargeStatus.FULLY_CHARGED
    assert sum(p.captured_amount for p in Payment.objects.all()) == order.total_gross_amount


def test_placing_by_card_without_a_card_asks_for_one_and_creates_nothing(
    client, oil, stripe_keys
):
    # given
    add(client, oil, 1)
    review = review_by_card(client, language="en")

    # when
    response = place(client, review, "", language="en")

    # then
    assert response["Location"] == "/en/checkout/review/"
    page = client.get(response["Location"])
    assert messages_of(page) == ["Enter your card details, then place your order."]
    assert not Payment.objects.exists()
    assert not Order.objects.exists()


def test_a_3d_secure_card_waits_for_the_bank_then_places_exactly_one_order(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    card = card_in_browser(localstripe_url, CARD_3DS)

    # when
    first = place(client, review, card)

    # then: a page of ours hands the browser the intent's client secret
    assert first.status_code == 200
    assert first.templates[0].name == "storefront/checkout/card_confirm.html"
    secret = first.context["confirmation"]["clientSecret"]
    assert f'data-client-secret="{secret}"' in first.content.decode()
    assert "no-store" in first["Cache-Control"]
    assert not Order.objects.exists()
    assert intent(secret.split("_secret_")[0]).status == "requires_action"

    # when the bank confirms, then the page posts again
    bank_answers(localstripe_url, secret)
    second = place(client, review, card, authenticated="1")

    # then
    order = Order.objects.get()
    assert second["Location"] == f"/checkout/confirmation/{order.token}/"
    payment = order.payments.get()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert payment.captured_amount == Decimal("130.00")
    assert Payment.objects.count() == 1
    assert (
        payment.transactions.filter(
            kind__in=[TransactionKind.CAPTURE, TransactionKind.CONFIRM],
            is_success=True,
            action_required=False,
        ).count()
        == 1
    )


def test_reloading_before_the_bank_answers_shows_the_same_step_and_places_nothing(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    card = card_in_browser(localstripe_url, CARD_3DS)
    first = place(client, review, card)

    # when
    again = place(client, review, card)
    returned_early = place(client, review, card, authenticated="1")

    # then
    secret = first.context["confirmation"]["clientSecret"]
    assert again.status_code == returned_early.status_code == 200
    assert again.context["confirmation"]["clientSecret"] == secret
    assert returned_early.context["confirmation"]["clientSecret"] == secret
    assert not Order.objects.exists()
    assert Payment.objects.count() == 1
    assert Payment.objects.get().captured_amount == 0
    assert gettext_in("fr", authentication_pending_message()) not in again.content.decode()


def test_a_failed_3d_secure_says_so_and_the_shopper_can_pay_cash_instead(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    token = review.context["summary"]["basket"].token
    card = card_in_browser(localstripe_url, CARD_3DS)
    secret = place(client, review, card).context["confirmation"]["clientSecret"]
    bank_answers(localstripe_url, secret, success=False)

    # when
    response = place(client, review, card, authenticated="1")

    # then
    assert response["Location"] == "/checkout/review/"
    page = client.get(response["Location"])
    assert messages_of(page) == [
        gettext_in("fr", decline_message("payment_intent_authentication_failure"))
    ]
    assert not Order.objects.exists()
    assert Payment.objects.get().captured_amount == 0
    assert basket_lines(token) == [(oil.variants.get().pk, 1)]

    # when the shopper chooses cash on delivery instead
    client.post("/checkout/payment/", {"gateway": CASH})
    placed = client.post("/checkout/place/", {"basket": str(token)})

    # then
    order = Order.objects.get()
    assert placed["Location"] == f"/checkout/confirmation/{order.token}/"
    assert order.get_last_payment().gateway == CASH
    assert Payment.objects.get(gateway=CARD).captured_amount == 0


def test_in_arabic_a_failed_3d_secure_names_3_d_secure_isolated_so_it_reads_in_order(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1, language="ar")
    review = review_by_card(client, language="ar")
    card = card_in_browser(localstripe_url, CARD_3DS)
    secret = place(client, review, card, language="ar").context["confirmation"]["clientSecret"]
    bank_answers(localstripe_url, secret, success=False)

    # when
    response = place(client, review, card, language="ar", authenticated="1")

    # then: without the isolate an Arabic line shows "(D Secure-3)"
    page = client.get(response["Location"])
    [message] = messages_of(page)
    assert "(\u20683-D Secure\u2069)" in message
    assert "\u20683-D Secure\u2069" in page.content.decode()


def test_posting_the_card_twice_gives_one_order_and_one_payment(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    card = card_in_browser(localstripe_url, CARD_OK)

    # when
    first = place(client, review, card)
    second = place(client, review, card)

    # then
    assert first["Location"] == second["Location"]
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
    charges = Payment.objects.get().transactions.filter(token__startswith="pi_")
    assert charges.values("token").distinct().count() == 1


def test_only_the_card_pages_allow_stripe_in_their_content_security_policy(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    confirm = place(client, review, card_in_browser(localstripe_url, CARD_3DS))

    # when
    others = [
        client.get("/"),
        client.get("/basket/"),
        client.get("/checkout/payment/"),
    ]
    client.post("/checkout/payment/", {"gateway": CASH})
    cash_review = client.get("/checkout/review/")

    # then
    for page in (review, confirm):
        policy = page["Content-Security-Policy"]
        assert f"script-src 'self' {localstripe_url}" in policy
        assert "https://hooks.stripe.com" in policy and "https://api.stripe.com" in policy
        assert f'<script src="{localstripe_url}/js.stripe.com/v3/" defer>' in page.content.decode()
    for page in [*others, cash_review]:
        assert page["Content-Security-Policy"] == stripe_keys.CONTENT_SECURITY_POLICY
        assert localstripe_url not in page.content.decode()
        assert "card.js" not in page.content.decode()


def test_without_javascript_the_card_choice_explains_itself_and_shows_no_form(
    client, oil, stripe_keys
):
    # given
    add(client, oil, 1)

    # when
    review = review_by_card(client, language="ar")

    # then
    html = review.content.decode()
    note = gettext_in(
        "ar",
        "Card payment needs JavaScript, which is off in this browser: "
        "choose cash on delivery, or turn JavaScript on.",
    )
    assert f'<noscript><p class="card-needs-js">{note}' in html
    assert 'href="/ar/checkout/payment/"' in html
    # the card field and the button stay hidden until the script has mounted Stripe's field
    assert re.search(r'<div class="card-entry" data-card-entry [^>]* hidden>', html)
    assert re.search(r'<button type="submit" class="place-order" hidden>', html)


def test_a_shopper_cannot_complete_another_shoppers_basket(
    client, oil, stripe_keys, localstripe_url
):
    # given: a guest reaches the review step with a card
    add(client, oil, 1)
    review = review_by_card(client)
    victim_token = review.context["summary"]["basket"].token
    intruder = Client()
    add(intruder, oil, 1)
    intruder.post("/checkout/address/", {**ADDRESS, "email": "intruder@example.ma"})
    option = intruder.get("/checkout/delivery/").context["options"][0][0]
    intruder.post("/checkout/delivery/", {"delivery": option})
    intruder.post("/checkout/payment/", {"gateway": CARD})

    # when: another shopper posts that basket's token with their own card
    response = intruder.post(
        "/checkout/place/",
        {"basket": str(victim_token), "payment_method": card_in_browser(localstripe_url, CARD_OK)},
    )

    # then
    assert response["Location"] == "/basket/"
    assert not Order.objects.exists()
    assert not Payment.objects.exists()
    assert basket_lines(victim_token) == [(oil.variants.get().pk, 1)]


def same_browser(client):
    """Another connection of the same browser: its cookies (session, basket)."""
    twin = Client()
    twin.cookies = copy.deepcopy(client.cookies)
    return twin


def at_once(*calls):
    """Run each call on its own thread and database connection, released together."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_place_my_order_charges_once_and_places_one_order(
    client, oil, stripe_keys, localstripe_url
):
    # given
    add(client, oil, 1)
    review = review_by_card(client)
    token = str(review.context["summary"]["basket"].token)
    card = card_in_browser(localstripe_url, CARD_OK)
    first, second = same_browser(client), same_browser(client)

    # when
    answers = at_once(
        lambda: first.post("/checkout/place/", {"basket": token, "payment_method": card}),
        lambda: second.post("/checkout/place/", {"basket": token, "payment_method": card}),
    )

    # then
    order = Order.objects.get()
    assert [answer["Location"] for answer in answers] == [
        f"/checkout/confirmation/{order.token}/"
    ] * 2
    payment = Payment.objects.get()
    assert payment.order == order and payment.captured_amount == Decimal("130.00")
    intents = payment.transactions.filter(token__startswith="pi_").values("token").distinct()
    assert intents.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_bank_page_racing_stripes_webhook_gives_one_order_and_one_capture(
    client, oil, stripe_keys, localstripe_url
):
    # given: back from the bank, the browser posts as Stripe's webhook arrives
    add(client, oil, 1)
    review = review_by_card(client)
    token = str(review.context["summary"]["basket"].token)
    card = card_in_browser(localstripe_url, CARD_3DS)
    secret = place(client, review, card).context["confirmation"]["clientSecret"]
    bank_answers(localstripe_url, secret)
    payload = event_for(secret.split("_secret_")[0], "payment_intent.succeeded")
    browser, stripe_server = same_browser(client), Client()

    # when
    page, hook = at_once(
        lambda: browser.post(
            "/checkout/place/", {"basket": token, "payment_method": card, "authenticated": "1"}
        ),
        lambda: stripe_server.post(
            "/webhooks/stripe/",
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signed(payload),
        ),
    )

    # then
    order = Order.objects.get()
    assert hook.status_code == 200
    assert page["Location"] == f"/checkout/confirmation/{order.token}/"
    payment = Payment.objects.get()
    assert payment.order == order and payment.captured_amount == Decimal("130.00")
    assert (
        payment.transactions.filter(
            kind__in=[TransactionKind.CAPTURE, TransactionKind.CONFIRM],
            is_success=True,
            action_required=False,
        ).count()
        == 1
    )
