"""Builders for the ledger tests: orders bought through Saleor's own checkout API,
with an optional promo code (voucher or gift card), and refunds through ``orderRefund``.
"""

from decimal import Decimal

from graphql_relay import to_global_id
from saleor.discount import DiscountValueType, VoucherType
from saleor.discount.models import Voucher
from saleor.giftcard.models import GiftCard
from saleor.order.models import Order

from marketplace.cooperatives.models import LedgerEntry
from tests.cooperatives.orders_helpers import CHECKOUT_ADDRESS
from tests.fixtures.cooperatives import make_user


def make_voucher(code, *, kind=VoucherType.ENTIRE_ORDER, value="10", percent=True, products=()):
    voucher = Voucher.objects.create(
        code=code,
        type=kind,
        discount_value_type=DiscountValueType.PERCENTAGE if percent else DiscountValueType.FIXED,
        discount_value=Decimal(value),
        currency="MAD",
    )
    voucher.products.set(products)
    return voucher


def make_gift_card(code, balance):
    return GiftCard.objects.create(
        code=code,
        currency="MAD",
        initial_balance_amount=Decimal(balance),
        current_balance_amount=Decimal(balance),
    )


def buy(graphql, items, *, promo_codes=(), email="client@example.ma"):
    """Buy [(product, quantity), …] through the 2.10 checkout API, paid by the dummy gateway.

    Each promo code goes through ``checkoutAddPromoCode``; the payment is
    for the total Saleor then asks. Returns the order.
    """
    lines = [
        {
            "variantId": to_global_id("ProductVariant", product.variants.get().pk),
            "quantity": quantity,
        }
        for product, quantity in items
    ]
    created = graphql(
        """mutation($email: String!, $lines: [CheckoutLineInput]!, $address: AddressInput!) {
             checkoutCreate(input: {email: $email, lines: $lines,
                                    shippingAddress: $address, billingAddress: $address}) {
               checkout { token availableShippingMethods { id } }
               checkoutErrors { field code } } }""",
        {"email": email, "lines": lines, "address": CHECKOUT_ADDRESS},
    )["data"]["checkoutCreate"]
    assert created["checkoutErrors"] == []
    checkout_id = to_global_id("Checkout", created["checkout"]["token"])
    shipping = graphql(
        """mutation($id: ID!, $method: ID!) {
             checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {
               checkoutErrors { code } } }""",
        {"id": checkout_id, "method": created["checkout"]["availableShippingMethods"][0]["id"]},
    )["data"]["checkoutShippingMethodUpdate"]
    assert shipping["checkoutErrors"] == []
    for code in promo_codes:
        added = graphql(
            """mutation($id: ID!, $code: String!) {
                 checkoutAddPromoCode(checkoutId: $id, promoCode: $code) {
                   checkoutErrors { field code } } }""",
            {"id": checkout_id, "code": code},
        )["data"]["checkoutAddPromoCode"]
        assert added["checkoutErrors"] == []
    total = graphql(
        """query($token: UUID!) { checkout(token: $token) {
             totalPrice { gross { amount } } } }""",
        {"token": created["checkout"]["token"]},
    )["data"]["checkout"]["totalPrice"]["gross"]["amount"]
    payment = graphql(
        """mutation($id: ID!, $amount: Decimal) {
             checkoutPaymentCreate(checkoutId: $id,
               input: {gateway: "mirumee.payments.dummy", token: "charged", amount: $amount}) {
               paymentErrors { code } } }""",
        {"id": checkout_id, "amount": total},
    )["data"]["checkoutPaymentCreate"]
    assert payment["paymentErrors"] == []
    completed = graphql(
        """mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
             order { token } checkoutErrors { code message } } }""",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]
    assert completed["checkoutErrors"] == []
    return Order.objects.get(token=completed["order"]["token"])


ORDER_REFUND = """mutation($id: ID!, $amount: Decimal!) {
  orderRefund(id: $id, amount: $amount) { orderErrors { field code } } }"""


def refund(graphql, token, order, amount):
    """Refund ``amount`` of ``order`` through Saleor's own ``orderRefund``; return its errors."""
    return graphql(
        ORDER_REFUND,
        {"id": to_global_id("Order", order.pk), "amount": str(amount)},
        token=token,
    )["data"]["orderRefund"]["orderErrors"]


def order_manager():
    return make_user("orders@example.ma", is_staff=True, permissions=["order.manage_orders"])


def balance(order, cooperative):
    """What the ledger says ``cooperative`` holds of ``order``: {gross, commission, net}."""
    entries = LedgerEntry.objects.filter(order=order, cooperative=cooperative)
    return {
        field: sum((getattr(entry, field) for entry in entries), Decimal("0"))
        for field in ("gross", "commission", "net")
    }


def captured_minus_refunded(order):
    return sum((payment.captured_amount for payment in order.payments.all()), Decimal("0"))
