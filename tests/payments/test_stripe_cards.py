"""Cards through Stripe, end to end: Saleor 2.10's checkout API, the Stripe stand-in over HTTP."""

import json
from decimal import Decimal

import pytest
from graphql_relay import to_global_id
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment

from tests.fixtures.cooperatives import make_user

from .conftest import (
    CARD_3DS,
    CARD_DECLINED,
    CARD_OK,
    COMPLETE,
    GATEWAY,
    authenticate_3ds,
    checkout_id,
    intent,
    refunds,
)

pytestmark = pytest.mark.django_db


def intent_of(payment):
    return intent(payment.transactions.exclude(token="").last().token)


def test_card_payment_places_a_paid_order_and_charges_its_total_in_centimes(
    stripe_keys, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout(quantity=2)
    pay_by_card(checkout, CARD_OK)

    # when
    result = complete(checkout)

    # then
    assert result["checkoutErrors"] == []
    assert result["confirmationNeeded"] is False
    assert result["order"]["paymentStatus"] == "FULLY_CHARGED"
    assert result["order"]["total"]["gross"] == {"amount": 270.0, "currency": "MAD"}
    order = Order.objects.get()
    payment = order.payments.get()
    charged = intent_of(payment)
    assert charged.status == "succeeded"
    assert charged.amount == 27000 == int(order.total.gross.amount * 100)
    assert charged.currency == "mad"
    assert payment.captured_amount == Decimal("270.00")
    assert not Checkout.objects.exists()


def test_declined_card_places_no_order_and_says_why_in_the_shoppers_language(
    stripe_keys, card_checkout, pay_by_card, complete, client
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_DECLINED)

    # when
    response = client.post(
        "/graphql/",
        json.dumps({"query": COMPLETE, "variables": {"id": checkout_id(checkout)}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    ).json()["data"]["checkoutComplete"]

    # then
    assert response["order"] is None
    [error] = response["checkoutErrors"]
    assert error["code"] == "PAYMENT_ERROR"
    assert error["message"].startswith("Votre carte a été refusée")
    assert not Order.objects.exists()
    payment = Payment.objects.get()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert payment.captured_amount == 0
    assert Checkout.objects.filter(pk=checkout.pk).exists()


def test_after_a_decline_the_shopper_pays_with_another_card(
    stripe_keys, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_DECLINED)
    assert complete(checkout)["order"] is None

    # when
    pay_by_card(checkout, CARD_OK)
    result = complete(checkout)

    # then
    assert result["checkoutErrors"] == []
    assert result["order"]["paymentStatus"] == "FULLY_CHARGED"
    order = Order.objects.get()
    assert order.is_fully_paid()
    assert [p.charge_status for p in Payment.objects.order_by("pk")] == [
        ChargeStatus.NOT_CHARGED, ChargeStatus.FULLY_CHARGED
    ]


def test_3d_secure_card_waits_for_the_bank_then_places_the_order_on_the_second_call(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_3DS)

    # when
    first = complete(checkout)

    # then
    assert first["checkoutErrors"] == []
    assert first["confirmationNeeded"] is True
    assert first["order"] is None
    data = json.loads(first["confirmationData"])
    assert data["status"] == "requires_action"
    assert data["clientSecret"].startswith(data["paymentIntentId"] + "_secret_")
    assert not Order.objects.exists()
    assert intent(data["paymentIntentId"]).amount == 15000

    # when the shopper's bank confirms, then the client completes again
    authenticate_3ds(localstripe_url, data["clientSecret"])
    second = complete(checkout)

    # then
    assert second["checkoutErrors"] == []
    assert second["confirmationNeeded"] is False
    assert second["order"]["paymentStatus"] == "FULLY_CHARGED"
    payment = Order.objects.get().payments.get()
    assert payment.captured_amount == Decimal("150.00")
    assert intent(data["paymentIntentId"]).status == "succeeded"
    captures = payment.transactions.filter(
        kind__in=[TransactionKind.CAPTURE, TransactionKind.CONFIRM],
        is_success=True, action_required=False,
    )
    assert captures.count() == 1


def test_3d_secure_refused_by_the_bank_places_no_order(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_3DS)
    data = json.loads(complete(checkout)["confirmationData"])
    authenticate_3ds(localstripe_url, data["clientSecret"], success=False)

    # when
    result = complete(checkout)

    # then
    assert result["order"] is None
    [error] = result["checkoutErrors"]
    assert error["code"] == "PAYMENT_ERROR"
    assert "3-D Secure" in error["message"]
    assert not Order.objects.exists()
    assert Payment.objects.get().captured_amount == 0


ORDER_FULFILL = """
mutation($order: ID!, $line: ID!, $warehouse: ID!) {
  orderFulfill(order: $order, input: {notifyCustomer: false, lines: [
      {orderLineId: $line, stocks: [{quantity: 1, warehouse: $warehouse}]}]}) {
    orderErrors { field code message }
  }
}
"""


def test_manual_capture_authorises_at_checkout_and_captures_when_the_parcel_ships(
    stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token, warehouse,
    django_capture_on_commit_callbacks,
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    checkout = card_checkout()
    pay_by_card(checkout, CARD_OK)
    result = complete(checkout)
    order = Order.objects.get()
    payment = order.payments.get()
    assert result["order"]["paymentStatus"] == "NOT_CHARGED"
    assert intent_of(payment).status == "requires_capture"
    staff = make_user("staff@example.ma", is_staff=True, permissions=["order.manage_orders"])

    # when
    with django_capture_on_commit_callbacks(execute=True):
        fulfilled = graphql(ORDER_FULFILL, {
            "order": to_global_id("Order", order.pk),
            "line": to_global_id("OrderLine", order.lines.get().pk),
            "warehouse": to_global_id("Warehouse", warehouse.pk),
        }, token=user_token(staff))["data"]["orderFulfill"]

    # then
    assert fulfilled["orderErrors"] == []
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert payment.captured_amount == Decimal("150.00")
    captured = intent_of(payment)
    assert captured.status == "succeeded"
    assert captured.amount == 15000
    order.refresh_from_db()
    assert order.is_fully_paid()


REFUND = """
mutation($id: ID!, $amount: Decimal!) {
  orderRefund(id: $id, amount: $amount) {
    order { paymentStatus totalCaptured { amount } }
    orderErrors { field code message }
  }
}
"""


@pytest.mark.parametrize(
    ("amounts", "status", "left"),
    [
        (["150.00"], "FULLY_REFUNDED", 0),
        (["40.00"], "PARTIALLY_REFUNDED", 110),
        (["40.00", "10.50"], "PARTIALLY_REFUNDED", 99.5),
    ],
)
def test_staff_refunds_a_card_order_in_full_or_in_part_through_stripe(
    amounts, status, left, stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_OK)
    complete(checkout)
    order = Order.objects.get()
    intent_id = intent_of(order.payments.get()).id
    staff = make_user("staff@example.ma", is_staff=True, permissions=["order.manage_orders"])

    # when
    for amount in amounts:
        result = graphql(
            REFUND, {"id": to_global_id("Order", order.pk), "amount": amount},
            token=user_token(staff),
        )["data"]["orderRefund"]
        assert result["orderErrors"] == []

    # then
    assert result["order"]["paymentStatus"] == status
    assert result["order"]["totalCaptured"]["amount"] == left
    assert sorted(refund.amount for refund in refunds(intent_id)) == sorted(
        int(Decimal(amount) * 100) for amount in amounts
    )


def test_a_shopper_cannot_refund_their_own_card_order(
    stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token, customer
):
    # given
    checkout = card_checkout(user=customer)
    pay_by_card(checkout, CARD_OK, token=user_token(customer))
    complete(checkout, token=user_token(customer))
    order = Order.objects.get()

    # when
    result = graphql(
        REFUND, {"id": to_global_id("Order", order.pk), "amount": "150.00"},
        token=user_token(customer),
    )

    # then
    assert result["errors"][0]["message"].startswith("You do not have permission")
    payment = order.payments.get()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert refunds(intent_of(payment).id) == []


GATEWAYS = """
query($token: UUID!) {
  checkout(token: $token) { availablePaymentGateways { id config { field value } } }
}
"""


def test_cards_are_offered_with_the_publishable_key_when_stripe_is_configured(
    stripe_keys, card_checkout, graphql
):
    # given
    checkout = card_checkout()

    # when
    gateways = graphql(GATEWAYS, {"token": str(checkout.token)})["data"]["checkout"][
        "availablePaymentGateways"
    ]

    # then
    [stripe_gateway] = [gateway for gateway in gateways if gateway["id"] == GATEWAY]
    assert {"field": "api_key", "value": "pk_test_marketplace"} in stripe_gateway["config"]
    assert all("sk_" not in (item["value"] or "") for item in stripe_gateway["config"])


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY"])
def test_without_stripe_keys_cards_are_not_offered_and_cannot_be_charged(
    missing, stripe_keys, card_checkout, pay_by_card, complete, graphql
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_OK)
    setattr(stripe_keys, missing, "")

    # when
    gateways = graphql(GATEWAYS, {"token": str(checkout.token)})["data"]["checkout"][
        "availablePaymentGateways"
    ]
    result = complete(checkout)

    # then
    assert GATEWAY not in [gateway["id"] for gateway in gateways]
    assert result["order"] is None
    assert result["checkoutErrors"][0]["code"] == "PAYMENT_ERROR"
    assert not Order.objects.exists()


MY_PAYMENTS = """
{ me { orders(first: 10) { edges { node { id payments {
    id gateway chargeStatus transactions { token gatewayResponse } } } } } } }
"""
ORDER_PAYMENTS = "query($id: ID!) { order(id: $id) { payments { id chargeStatus } } }"
PAYMENT = "query($id: ID!) { payment(id: $id) { id chargeStatus } }"
NODE = "query($id: ID!) { node(id: $id) { id ... on Payment { chargeStatus } } }"


def test_shoppers_see_only_their_own_card_payments(
    stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token, customer
):
    # given
    buyer, other = customer, make_user("other-buyer@example.ma")
    checkout = card_checkout(user=buyer)
    pay_by_card(checkout, CARD_3DS, token=user_token(buyer))
    complete(checkout, token=user_token(buyer))
    payment = Payment.objects.get()
    payment_id = to_global_id("Payment", payment.pk)

    # when
    own = graphql(MY_PAYMENTS, token=user_token(buyer))["data"]["me"]["orders"]["edges"]
    theirs = graphql(MY_PAYMENTS, token=user_token(other))["data"]["me"]["orders"]["edges"]
    by_id = graphql(PAYMENT, {"id": payment_id}, token=user_token(other))
    by_node = graphql(NODE, {"id": payment_id}, token=user_token(other))
    anonymous = graphql(PAYMENT, {"id": payment_id})

    # then
    assert own == [] and theirs == []  # no order while the bank has not confirmed
    assert by_id["data"]["payment"] is None
    assert "permission" in by_id["errors"][0]["message"]
    assert anonymous["data"]["payment"] is None
    assert (by_node.get("data") or {}).get("node") is None
    assert "secret" not in json.dumps(
        list(payment.transactions.values_list("gateway_response", flat=True))
    )


def test_a_shopper_reads_their_card_payment_on_their_order_and_no_one_else_does(
    stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token, customer
):
    # given
    buyer, other = customer, make_user("other-buyer@example.ma")
    checkout = card_checkout(user=buyer)
    pay_by_card(checkout, CARD_OK, token=user_token(buyer))
    complete(checkout, token=user_token(buyer))
    order = Order.objects.get()
    order_id = to_global_id("Order", order.pk)

    # when
    own = graphql(MY_PAYMENTS, token=user_token(buyer))["data"]["me"]["orders"]["edges"]
    theirs = graphql(MY_PAYMENTS, token=user_token(other))["data"]["me"]["orders"]["edges"]
    other_order = graphql(ORDER_PAYMENTS, {"id": order_id}, token=user_token(other))
    anonymous_order = graphql(ORDER_PAYMENTS, {"id": order_id})

    # then
    [[payment]] = [edge["node"]["payments"] for edge in own]
    assert payment["gateway"] == GATEWAY
    assert payment["chargeStatus"] == "FULLY_CHARGED"
    assert "secret" not in json.dumps(payment["transactions"])
    assert theirs == []
    assert other_order["data"]["order"] is None  # Saleor keeps order(id) to staff
    assert "permission" in other_order["errors"][0]["message"]
    assert anonymous_order["data"]["order"] is None


def test_a_decline_is_explained_by_its_most_precise_reason_in_the_shoppers_language():
    # given
    from django.utils import translation

    from marketplace.payments.stripe.messages import decline_message

    # when
    with translation.override("ar"):
        funds = decline_message("insufficient_funds", "card_declined")
    with translation.override("fr"):
        unknown = decline_message("do_not_honor", "card_declined")
        nothing = decline_message(None)

    # then
    assert funds.startswith("رصيد بطاقتك غير كافٍ")
    assert unknown.startswith("Votre carte a été refusée")
    assert nothing.startswith("Le paiement par carte n'a pas pu aboutir")


CAPTURE = """
mutation($id: ID!, $amount: Decimal!) {
  orderCapture(id: $id, amount: $amount) {
    order { paymentStatus }
    orderErrors { field code message }
  }
}
"""


def test_staff_capture_a_manually_captured_card_order_through_saleors_order_capture(
    stripe_keys, card_checkout, pay_by_card, complete, graphql, user_token
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    checkout = card_checkout()
    pay_by_card(checkout, CARD_OK)
    complete(checkout)
    order = Order.objects.get()
    staff = make_user("staff@example.ma", is_staff=True, permissions=["order.manage_orders"])

    # when
    result = graphql(
        CAPTURE, {"id": to_global_id("Order", order.pk), "amount": "150.00"},
        token=user_token(staff),
    )["data"]["orderCapture"]

    # then
    assert result["orderErrors"] == []
    assert result["order"]["paymentStatus"] == "FULLY_CHARGED"
    captured = intent_of(order.payments.get())
    assert captured.status == "succeeded"
    assert captured.amount == 15000
