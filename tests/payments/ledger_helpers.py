"""Builders for the ledger tests: orders bought through Saleor's own checkout API,
with an optional promo code (voucher or gift card), and refunds through ``orderRefund``.
"""

from decimal import Decimal

from graphql_relay import to_global_id
from saleor.discount import DiscountValueType, VoucherType
from saleor.discount.models import Voucher
from saleor.giftcard.models import GiftCard

from marketplace.cooperatives.models import LedgerEntry
from tests.cooperatives.orders_helpers import checkout_order
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
    return checkout_order(graphql, items, promo_codes=promo_codes, email=email)


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
