"""Scenes of the pickup tests: a published stop where some cooperatives exhibit,
and checkouts made through the real /graphql/ API as a Saleor 2.10 client makes them."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from graphql_relay import to_global_id

from marketplace.fairs.models import (
    ApplicationStatus,
    Fair,
    FairApplication,
    FairKind,
    FairStatus,
    FairStop,
    StopStatus,
)
from tests.cooperatives.orders_helpers import CHECKOUT_ADDRESS

COD = "marketplace.payments.cash_on_delivery"
CARD = "mirumee.payments.dummy"


def make_stop(*, exhibitors=(), starts_in=timedelta(days=5), pickup=True, commune="Sefrou",
              province="sefrou", fair=None, status=StopStatus.PUBLISHED):
    """A published stop of a published tour, with an accepted application per exhibitor."""
    if fair is None:
        fair = Fair.objects.create(
            slug=f"tournee-{Fair.objects.count() + 1}",
            kind=FairKind.TOUR,
            name_fr="Tournée du terroir",
            name_ar="جولة منتجات المجال",
            season_start=timezone.localdate(),
            season_end=timezone.localdate() + timedelta(days=90),
            status=FairStatus.PUBLISHED,
        )
    starts_at = timezone.now() + starts_in
    stop = FairStop.objects.create(
        fair=fair,
        province=province,
        commune=commune,
        venue=f"Place du marché, {commune}",
        latitude=Decimal("33.830000"),
        longitude=Decimal("-4.835000"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=10),
        stand_capacity=50,
        application_deadline=starts_at - timedelta(days=2),
        pickup_offered=pickup,
        pickup_cutoff_hours=24,
        status=status,
    )
    for cooperative in exhibitors:
        FairApplication.objects.create(
            stop=stop, cooperative=cooperative, status=ApplicationStatus.ACCEPTED
        )
    return stop


def stop_id(stop):
    return to_global_id("FairStop", stop.pk)


def checkout_of(graphql, items, *, email="client@example.ma"):
    """checkoutCreate with an address, as 2.10 clients do; (global ID, token)."""
    lines = [
        {"variantId": to_global_id("ProductVariant", product.variants.get().pk),
         "quantity": quantity}
        for product, quantity in items
    ]
    created = graphql(
        """mutation($email: String!, $lines: [CheckoutLineInput]!, $address: AddressInput!) {
             checkoutCreate(input: {email: $email, lines: $lines,
                                    shippingAddress: $address, billingAddress: $address}) {
               checkout { token } checkoutErrors { field code } } }""",
        {"email": email, "lines": lines, "address": CHECKOUT_ADDRESS},
    )["data"]["checkoutCreate"]
    assert created["checkoutErrors"] == []
    token = created["checkout"]["token"]
    return to_global_id("Checkout", token), token


OPTIONS = """
query($token: UUID!) { checkoutPickupOptions(token: $token) {
  stopId title venue startsAt available reason } }
"""

PICKUP_SET = """
mutation($checkout: ID!, $stop: ID!) {
  checkoutPickupSet(checkoutId: $checkout, stopId: $stop) {
    checkout { shippingMethod { name } shippingAddress { streetAddress1 city }
               totalPrice { gross { amount } } }
    pickupErrors { field code message } } }
"""

COMPLETE = """
mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
  order { token shippingMethodName } checkoutErrors { field code message } } }
"""


def pay_cash(graphql, checkout_id, token, *, gateway=COD, payment_token="cash"):
    total = graphql(
        """query($token: UUID!) { checkout(token: $token) { totalPrice { gross { amount } } } }""",
        {"token": token},
    )["data"]["checkout"]["totalPrice"]["gross"]["amount"]
    paid = graphql(
        """mutation($id: ID!, $amount: Decimal, $gateway: String!, $token: String!) {
             checkoutPaymentCreate(checkoutId: $id,
               input: {gateway: $gateway, token: $token, amount: $amount}) {
               paymentErrors { field code } } }""",
        {"id": checkout_id, "amount": total, "gateway": gateway, "token": payment_token},
    )["data"]["checkoutPaymentCreate"]
    assert paid["paymentErrors"] == []
    return total


def pickup_order_via_api(graphql, items, stop, *, email="client@example.ma", card=False):
    """Buy [(product, quantity)] to be collected at `stop`; the Saleor order.

    Paid cash on delivery, or by card (Saleor's dummy gateway, captured) when `card`.
    """
    from saleor.order.models import Order

    checkout_id, token = checkout_of(graphql, items, email=email)
    chosen = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})
    assert chosen["data"]["checkoutPickupSet"]["pickupErrors"] == []
    if card:
        pay_cash(graphql, checkout_id, token, gateway=CARD, payment_token="charged")
    else:
        pay_cash(graphql, checkout_id, token)
    completed = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert completed["checkoutErrors"] == []
    return Order.objects.get(token=completed["order"]["token"])
