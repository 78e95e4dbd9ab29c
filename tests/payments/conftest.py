"""Shared scenes of the payments tests: the cooperatives' common order scene
(two cooperatives, a product each) and card checkouts through the real
/graphql/ API, paid at the local Stripe stand-in."""

import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
import stripe
from graphql_relay import to_global_id
from saleor.account.models import Address
from saleor.checkout.models import Checkout, CheckoutLine

from tests.cooperatives.orders_helpers import (  # noqa: F401
    honey,
    oil,
    olive,
    thyme_honey,
    with_plugin,
)
from tests.fixtures.stripe import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET

GATEWAY = "marketplace.payments.stripe"
PRICE = Decimal("120.00")
SHIPPING = Decimal("30.00")  # tests.fixtures.catalogue.shipping_zone
CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"
CARD_3DS = "4000002500003155"

PAYMENT_CREATE = """
mutation($id: ID!, $input: PaymentInput!) {
  checkoutPaymentCreate(checkoutId: $id, input: $input) {
    payment { id chargeStatus }
    paymentErrors { field code message }
  }
}
"""
COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(checkoutId: $id) {
    order { id number paymentStatus total { gross { amount currency } } }
    confirmationNeeded
    confirmationData
    checkoutErrors { field code message }
  }
}
"""


def card(number):
    """A PaymentMethod for a test card, as Stripe.js would create in the shopper's browser."""
    return stripe.PaymentMethod.create(
        type="card",
        card={"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        api_key=SECRET_KEY,
    ).id


def authenticate_3ds(localstripe_url, client_secret, *, success=True):
    """The shopper passes (or fails) their bank's 3-D Secure step, as Stripe.js does."""
    intent_id = client_secret.split("_secret_")[0]
    body = urllib.parse.urlencode(
        {"key": PUBLISHABLE_KEY, "client_secret": client_secret,
         "success": "true" if success else "false"}
    ).encode()
    url = f"{localstripe_url}/v1/payment_intents/{intent_id}/_authenticate"
    urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=5).close()
    return intent_id


def intent(intent_id):
    return stripe.PaymentIntent.retrieve(intent_id, api_key=SECRET_KEY)


def refunds(intent_id):
    return stripe.Refund.list(payment_intent=intent_id, api_key=SECRET_KEY).data


def signed(payload, *, secret=WEBHOOK_SECRET, timestamp=None):
    """The Stripe-Signature header Stripe sends with ``payload``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def event_for(intent_id, event_type, *, event_id=None, created=None):
    """A Stripe event envelope around the intent as Stripe has it now."""
    data = json.loads(str(intent(intent_id)))
    created = int(time.time()) if created is None else created
    return json.dumps({
        "id": event_id or f"evt_{intent_id}_{event_type}_{created}",
        "object": "event",
        "type": event_type,
        "created": created,
        "livemode": False,
        "data": {"object": data},
    }).encode()


@pytest.fixture
def card_checkout(shipping_zone, product_factory):
    """A checkout of ``quantity`` × 120 MAD plus 30 MAD shipping, ready to pay."""

    def make(*, user=None, quantity=1, number=0, product=None):
        product = product or product_factory(price=str(PRICE), quantity=10)
        address = Address.objects.create(
            first_name="Salma", last_name=f"Bennani {number}",
            street_address_1="12 rue Talaa Kebira", city="FES", postal_code="30000",
            country="MA", phone="+212612345678",
        )
        checkout = Checkout.objects.create(
            user=user, email=user.email if user else f"buyer-{number}@example.ma",
            country="MA", currency="MAD", shipping_address=address, billing_address=address,
            shipping_method=shipping_zone.shipping_methods.get(),
        )
        CheckoutLine.objects.create(
            checkout=checkout, variant=product.variants.get(), quantity=quantity
        )
        return checkout

    return make


def checkout_id(checkout):
    return to_global_id("Checkout", checkout.token)


@pytest.fixture
def pay_by_card(graphql):
    """checkoutPaymentCreate with our gateway and a card token, for the checkout's total."""

    def pay(checkout, card_number, *, token=None, amount=None):
        total = amount if amount is not None else PRICE * checkout.lines.get().quantity + SHIPPING
        result = graphql(
            PAYMENT_CREATE,
            {"id": checkout_id(checkout),
             "input": {"gateway": GATEWAY, "token": card(card_number), "amount": str(total)}},
            token=token,
        )["data"]["checkoutPaymentCreate"]
        assert result["paymentErrors"] == []
        return result["payment"]

    return pay


@pytest.fixture
def complete(graphql):
    def run(checkout, *, token=None):
        return graphql(COMPLETE, {"id": checkout_id(checkout)}, token=token)["data"][
            "checkoutComplete"
        ]

    return run
