"""The one place where cooperatives reach into Saleor's orders and payments.

Orders stay Saleor orders: this module names the models, statuses and the
fulfilment action the domain uses, so that services, selectors, views and
the GraphQL layer never import ``saleor.order`` or ``saleor.payment``.
When the engine moves, this is the file that changes.
"""

from decimal import Decimal

from saleor.core.exceptions import InsufficientStock
from saleor.discount import VoucherType
from saleor.order import OrderStatus
from saleor.order.actions import create_fulfillments
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus, CustomPaymentChoices, TransactionKind
from saleor.payment.models import Payment, Transaction

__all__ = [
    "FULFILLABLE_STATUSES",
    "InsufficientStock",
    "Order",
    "OrderLine",
    "OrderStatus",
    "CAPTURE_KINDS",
    "ChargeStatus",
    "MANUAL_GATEWAY",
    "Payment",
    "REFUND_KIND",
    "Transaction",
    "TransactionKind",
    "VoucherType",
    "order_money",
    "payments_balance",
    "refund_transactions",
    "voucher_line_pks",
    "has_captured_payment",
    "is_fully_refunded",
    "lock_order",
    "order_by_pk",
    "ship_lines",
]

FULFILLABLE_STATUSES = frozenset({OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED})

# Money comes in by these transactions; a manual "mark as paid" makes none.
CAPTURE_KINDS = (TransactionKind.CAPTURE, TransactionKind.CONFIRM)
REFUND_KIND = TransactionKind.REFUND
MANUAL_GATEWAY = CustomPaymentChoices.MANUAL

CAPTURED_STATUSES = (
    ChargeStatus.PARTIALLY_CHARGED,
    ChargeStatus.FULLY_CHARGED,
    ChargeStatus.PARTIALLY_REFUNDED,
    ChargeStatus.FULLY_REFUNDED,
)


def order_by_pk(pk):
    return Order.objects.filter(pk=pk).first()


def lock_order(pk):
    """The order row, locked until the end of the caller's transaction."""
    return Order.objects.select_for_update().get(pk=pk)


def ship_lines(*, user, order, warehouse_id, lines, notify_customer=True):
    """Ship ``lines`` ([{"order_line", "quantity"}]) from one warehouse.

    Saleor's own action takes the stock out of the warehouse, moves the
    order's status and fires the plugins' hooks; it raises
    ``InsufficientStock`` when the warehouse lacks an item.
    """
    return create_fulfillments(user, order, {warehouse_id: lines}, notify_customer=notify_customer)


def has_captured_payment(order):
    return order.payments.filter(charge_status__in=CAPTURED_STATUSES).exists()


def is_fully_refunded(order):
    last_payment = order.payments.order_by("-pk").first()
    return last_payment is not None and last_payment.charge_status == ChargeStatus.FULLY_REFUNDED


def order_money(order):
    """The amounts Saleor settled ``order`` with, as plain values.

    ``total`` is what the payments owe (Saleor took the voucher and the gift
    cards off it), ``shipping`` the fee before a shipping voucher,
    ``discount`` the voucher's amount and ``voucher_type`` its kind (None
    without a voucher, or if the voucher was deleted since).
    """
    voucher = order.voucher
    return {
        "total": order.total_gross_amount,
        "shipping": order.shipping_price_gross_amount,
        "discount": order.discount_amount,
        "voucher_type": voucher.type
        if voucher is not None
        else (VoucherType.ENTIRE_ORDER if order.discount_amount else None),
        "has_gift_cards": order.gift_cards.exists(),
    }


def voucher_line_pks(order):
    """Lines of ``order`` a specific-product voucher applies to, as Saleor 2.10 matches them.

    A product is discounted when the voucher names it, its category or one of
    its collections; a voucher naming none of these discounts every line.
    """
    voucher = order.voucher
    if voucher is None or voucher.type != VoucherType.SPECIFIC_PRODUCT:
        return set()
    products = set(voucher.products.values_list("pk", flat=True))
    categories = set(voucher.categories.values_list("pk", flat=True))
    collections = set(voucher.collections.values_list("pk", flat=True))
    lines = order.lines.select_related("variant__product").prefetch_related(
        "variant__product__collections"
    )
    if not (products or categories or collections):
        return {line.pk for line in lines}
    matched = set()
    for line in lines:
        product = line.variant.product if line.variant_id else None
        if product is None:
            continue
        if (
            product.pk in products
            or product.category_id in categories
            or {c.pk for c in product.collections.all()} & collections
        ):
            matched.add(line.pk)
    return matched


def refund_transactions(order):
    """The successful refunds of ``order``'s payments, oldest first, as (pk, amount)."""
    return list(
        Transaction.objects.filter(
            payment__order=order, kind=TransactionKind.REFUND, is_success=True
        )
        .order_by("pk")
        .values_list("pk", "amount")
    )


def payments_balance(order):
    """What ``order``'s payments hold now: captured minus refunded, every payment."""
    return sum((payment.captured_amount for payment in order.payments.all()), Decimal("0.00"))
