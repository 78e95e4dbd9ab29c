"""Stripe's webhooks at /webhooks/stripe/: verified, acted on once, in any order.

Events either come from the stand-in itself, signed and delivered over HTTP
to the live test server, or are replayed here around a real intent of the
stand-in and signed as Stripe signs them.
"""

import json
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from saleor.checkout.models import Checkout
from saleor.order.actions import create_fulfillments
from saleor.order.models import Order
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment

from marketplace.payments.stripe.models import StripeEvent
from tests.fixtures.cooperatives import make_user

from .conftest import (
    CARD_3DS,
    CARD_DECLINED,
    CARD_OK,
    COMPLETE,
    authenticate_3ds,
    checkout_id,
    event_for,
    intent,
    refunds,
    signed,
)

URL = "/webhooks/stripe/"


def confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url, *, success=True):
    """A 3-D Secure card checkout whose shopper passed the bank's step, then closed the tab."""
    pay_by_card(checkout, CARD_3DS)
    data = json.loads(complete(checkout)["confirmationData"])
    return authenticate_3ds(localstripe_url, data["clientSecret"], success=success)


def post_event(client, payload, signature):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(URL, payload, content_type="application/json", **headers)


def captures(payment):
    return payment.transactions.filter(
        kind__in=[TransactionKind.CAPTURE, TransactionKind.CONFIRM],
        is_success=True,
        action_required=False,
    )


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_3d_secure_payment_becomes_an_order_from_the_webhook_when_the_shopper_left(
    stripe_webhooks, localstripe_url, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()

    # when
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)

    # then
    assert wait_for(lambda: Order.objects.exists())
    assert StripeEvent.objects.filter(
        object_id=intent_id, type="payment_intent.succeeded"
    ).count() == 1
    order = Order.objects.get()
    assert order.checkout_token == str(checkout.token)
    payment = order.payments.get()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert payment.captured_amount == Decimal("150.00") == order.total.gross.amount
    assert captures(payment).count() == 1
    assert not Checkout.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_payment_event_leaves_the_checkout_unpaid_and_the_shopper_can_retry(
    stripe_webhooks, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_DECLINED)
    assert complete(checkout)["order"] is None
    declined = Payment.objects.get()

    # when Stripe's payment_intent.payment_failed arrives
    assert wait_for(lambda: not Payment.objects.get(pk=declined.pk).is_active)

    # then
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    pay_by_card(checkout, CARD_OK)
    result = complete(checkout)
    assert result["checkoutErrors"] == []
    assert result["order"]["paymentStatus"] == "FULLY_CHARGED"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "signature",
    [
        pytest.param(None, id="unsigned"),
        pytest.param("t=1,v1=00", id="garbage"),
        pytest.param(lambda payload: signed(payload, secret="whsec_someone_else"), id="wrong"),
        pytest.param(
            lambda payload: signed(payload, timestamp=int(time.time()) - 600), id="stale"
        ),
    ],
)
def test_an_event_not_signed_by_stripe_just_now_is_refused_and_changes_nothing(
    signature, stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client
):
    # given
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    payload = event_for(intent_id, "payment_intent.succeeded")
    header = signature(payload) if callable(signature) else signature

    # when
    response = post_event(client, payload, header)

    # then
    assert response.status_code == 400
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert Payment.objects.get().captured_amount == 0
    assert not StripeEvent.objects.filter(object_id=intent_id).exists()


@pytest.mark.django_db
def test_a_webhook_is_refused_when_no_endpoint_secret_is_configured(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client
):
    # given
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    payload = event_for(intent_id, "payment_intent.succeeded")
    header = signed(payload, secret="")
    stripe_keys.STRIPE_WEBHOOK_SECRET = ""

    # when
    response = post_event(client, payload, header)

    # then
    assert response.status_code == 400
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_the_webhook_answers_only_post(client):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db
def test_an_event_replayed_five_times_has_one_effect(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client
):
    # given
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    payload = event_for(intent_id, "payment_intent.succeeded")

    # when
    statuses = [post_event(client, payload, signed(payload)).status_code for _ in range(5)]

    # then
    assert statuses == [200] * 5
    order = Order.objects.get()
    payment = order.payments.get()
    assert captures(payment).count() == 1
    assert payment.captured_amount == Decimal("150.00")
    assert StripeEvent.objects.filter(object_id=intent_id).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "events",
    [
        ["payment_intent.succeeded", "payment_intent.payment_failed"],
        ["payment_intent.payment_failed", "payment_intent.succeeded"],
    ],
    ids=["in-order", "out-of-order"],
)
@pytest.mark.parametrize("bank_says", [True, False], ids=["paid", "refused"])
def test_events_in_any_order_end_in_the_state_stripe_has(
    events, bank_says, stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client
):
    # given
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(
        checkout, pay_by_card, complete, localstripe_url, success=bank_says
    )
    payloads = [
        event_for(intent_id, event_type, event_id=f"evt_{number}_{intent_id}")
        for number, event_type in enumerate(events)
    ]

    # when
    statuses = [post_event(client, payload, signed(payload)).status_code for payload in payloads]

    # then
    assert statuses == [200, 200]
    payment = Payment.objects.get()
    if bank_says:
        order = Order.objects.get()
        assert payment.order == order
        assert payment.charge_status == ChargeStatus.FULLY_CHARGED
        assert captures(payment).count() == 1
        assert not Checkout.objects.exists()
    else:
        assert not Order.objects.exists()
        assert payment.charge_status == ChargeStatus.NOT_CHARGED
        assert payment.is_active is False
        assert Checkout.objects.filter(pk=checkout.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_return_page_racing_the_webhook_gives_one_order_and_one_capture(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, product_factory
):
    # given six shoppers back from their bank: two return pages race their webhooks,
    # two arrive after their webhooks placed the order, two before
    product = product_factory(price="120.00", quantity=10)
    checkouts = [card_checkout(number=n, product=product) for n in range(6)]
    intents = [
        confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
        for checkout in checkouts
    ]
    payloads = [event_for(intent_id, "payment_intent.succeeded") for intent_id in intents]

    def placed(checkout):
        return Order.objects.filter(checkout_token=str(checkout.token)).exists()

    def return_page(client, checkout, after=None):
        if after is not None:
            assert wait_for(lambda: placed(after), timeout=30)
        return client.post("/graphql/", json.dumps(
            {"query": COMPLETE, "variables": {"id": checkout_id(checkout)}}
        ), content_type="application/json").json()["data"]["checkoutComplete"]

    def webhook(client, payload, after=None):
        if after is not None:
            assert wait_for(lambda: placed(after), timeout=30)
        return post_event(client, payload, signed(payload)).status_code

    # when
    webhook_first, page_first = [2, 3], [4, 5]  # 0 and 1 race
    calls = [(return_page, checkouts[n], checkouts[n] if n in webhook_first else None)
             for n in range(6)]
    calls += [(webhook, payloads[n], checkouts[n] if n in page_first else None)
              for n in range(6)]
    results = at_once(calls)

    # then
    pages, hooks = results[:6], results[6:]
    assert hooks == [200] * 6
    assert all(page["checkoutErrors"] == [] and page["order"] for page in pages)
    assert Order.objects.count() == 6
    assert not Checkout.objects.exists()
    orders = [Order.objects.get(checkout_token=str(c.token)) for c in checkouts]
    for order, page in zip(orders, pages, strict=True):
        assert page["order"]["number"] == str(order.pk)
        payment = order.payments.get()
        assert captures(payment).count() == 1
        assert payment.captured_amount == order.total.gross.amount == Decimal("150.00")
    # checkoutComplete records the shopper's client id; the webhook has none
    assert all(orders[n].tracking_client_id == "" for n in webhook_first)
    assert all(orders[n].tracking_client_id != "" for n in page_first)
    stock = product.variants.get().stocks.get()
    assert sum(stock.allocations.values_list("quantity_allocated", flat=True)) == 6


def at_once(calls):
    """Run every (function, *arguments) in its own thread, with its own client and connection."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index, function, *arguments):
        try:
            client = Client()
            start.wait()
            results[index] = function(client, *arguments)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, *call)) for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.mark.django_db
def test_money_taken_for_a_checkout_that_sold_out_meanwhile_is_refunded_once(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client
):
    # given the last unit sells while the shopper is at their bank
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    checkout.lines.get().variant.stocks.update(quantity=0)
    payloads = [
        event_for(intent_id, event_type, event_id=f"evt_{event_type}_{intent_id}")
        for event_type in ["payment_intent.succeeded", "payment_intent.payment_failed"]
    ]

    # when
    statuses = [post_event(client, payload, signed(payload)).status_code for payload in payloads]

    # then
    assert statuses == [200, 200]
    assert not Order.objects.exists()
    assert [refund.amount for refund in refunds(intent_id)] == [15000]
    payment = Payment.objects.get()
    assert payment.is_active is False
    assert payment.captured_amount == 0
    assert Checkout.objects.filter(pk=checkout.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actor",
    ["anonymous", "customer", "other_cooperative_member", "member", "staff_without_permission",
     "reviewer", "superuser"],
)
def test_no_one_but_stripe_can_post_an_event_whoever_is_logged_in(
    actor, actors, stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client,
    user_token,
):
    # given
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    payload = event_for(intent_id, "payment_intent.succeeded")
    user = (
        make_user("root@example.ma", is_staff=True) if actor == "superuser" else actors[actor]
    )
    if actor == "superuser":
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    headers = {}
    if user is not None:
        client.force_login(user)
        headers["HTTP_AUTHORIZATION"] = f"JWT {user_token(user)}"

    # when
    response = client.post(URL, payload, content_type="application/json", **headers)

    # then
    assert response.status_code == 400
    assert not Order.objects.exists()
    assert Payment.objects.get().captured_amount == 0
    assert not StripeEvent.objects.filter(object_id=intent_id).exists()


@pytest.mark.django_db
def test_with_manual_capture_the_webhook_places_an_authorised_order_captured_when_it_ships(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete, client,
    django_capture_on_commit_callbacks,
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    checkout = card_checkout()
    intent_id = confirmed_at_the_bank(checkout, pay_by_card, complete, localstripe_url)
    assert intent(intent_id).status == "requires_capture"
    payload = event_for(intent_id, "payment_intent.amount_capturable_updated")

    # when
    response = post_event(client, payload, signed(payload))

    # then
    assert response.status_code == 200
    order = Order.objects.get()
    payment = order.payments.get()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert payment.transactions.filter(kind=TransactionKind.AUTH, is_success=True).count() == 1

    # when the parcel ships
    with django_capture_on_commit_callbacks(execute=True):
        create_fulfillments(
            requester=None, order=order,
            fulfillment_lines_for_warehouses={
                str(order.lines.get().allocations.get().stock.warehouse_id):
                    [{"order_line": order.lines.get(), "quantity": 1}]
            },
            notify_customer=False,
        )

    # then
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert intent(intent_id).status == "succeeded"
