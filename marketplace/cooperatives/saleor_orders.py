"""The one place where cooperatives reach into Saleor's orders and payments.

Orders stay Saleor orders: this module names the models, statuses and the
fulfilment action the domain uses, so that services, selectors, views and
the GraphQL layer never import ``saleor.order`` or ``saleor.payment``.
When the engine moves, this is the file that changes.
"""

from decimal import Decimal

from django.db.models import Exists, OuterRef
from saleor.core.exceptions import InsufficientStock
from saleor.discount import VoucherType
from saleor.discount.models import Voucher
from saleor.order import OrderStatus
from saleor.order.actions import create_fulfillments
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus, CustomPaymentChoices, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.product.models import CollectionProduct

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
    "orders_settlement",
    "payments_balance",
    "refund_transactions",
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


def orders_settlement(order_pks):
    """How Saleor settled the orders ``order_pks``: ``({pk: money}, {pk: voucher lines})``.

    ``money`` holds plain values: ``total`` is what the payments owe (Saleor
    took the voucher and the gift cards off it), ``shipping`` the fee before
    a shipping voucher, ``discount`` the voucher's amount, ``voucher_type``
    its kind (None without a voucher, or if the voucher was deleted since)
    and ``has_gift_cards``. ``voucher lines`` are only for orders with a
    specific-product voucher (see ``_voucher_line_pks``). One query, five
    more when any order has such a voucher.
    """
    money, vouchers = {}, {}
    for pk, total, shipping, discount, voucher_pk, voucher_type, has_gift_cards in (
        Order.objects.filter(pk__in=order_pks)
        .annotate(
            has_gift_cards=Exists(
                Order.gift_cards.through.objects.filter(order_id=OuterRef("pk"))
            )
        )
        .values_list(
            "pk",
            "total_gross_amount",
            "shipping_price_gross_amount",
            "discount_amount",
            "voucher_id",
            "voucher__type",
            "has_gift_cards",
        )
    ):
        money[pk] = {
            "total": total,
            "shipping": shipping,
            "discount": discount,
            "voucher_type": voucher_type or (VoucherType.ENTIRE_ORDER if discount else None),
            "has_gift_cards": has_gift_cards,
        }
        if voucher_type == VoucherType.SPECIFIC_PRODUCT:
            vouchers[pk] = voucher_pk
    return money, _voucher_line_pks(vouchers)


VOUCHER_TARGETS = (
    ("products", "product_id"),
    ("categories", "category_id"),
    ("collections", "collection_id"),
)


def _voucher_line_pks(vouchers):
    """``{order pk: its lines its voucher applies to}`` for ``{order pk: voucher pk}``.

    As Saleor 2.10 matches them for a specific-product voucher: a product is
    discounted when the voucher names it, its category or one of its
    collections; a voucher naming none of these discounts every line.
    """
    if not vouchers:
        return {}
    named = {voucher_pk: {} for voucher_pk in vouchers.values()}
    for field, column in VOUCHER_TARGETS:
        for voucher_pk, target_pk in (
            getattr(Voucher, field)
            .through.objects.filter(voucher_id__in=named)
            .values_list("voucher_id", column)
        ):
            named[voucher_pk].setdefault(field, set()).add(target_pk)
    lines = list(
        OrderLine.objects.filter(order_id__in=vouchers).values_list(
            "pk", "order_id", "variant__product_id", "variant__product__category_id"
        )
    )
    collections = {}
    for product_pk, collection_pk in CollectionProduct.objects.filter(
        product_id__in={line[2] for line in lines if line[2] is not None}
    ).values_list("product_id", "collection_id"):
        collections.setdefault(product_pk, set()).add(collection_pk)
    matched = {order_pk: set() for order_pk in vouchers}
    for line_pk, order_pk, product_pk, category_pk in lines:
        targets = named[vouchers[order_pk]]
        if not targets:
            matched[order_pk].add(line_pk)
        elif product_pk is not None and (
            product_pk in targets.get("products", ())
            or category_pk in targets.get("categories", ())
            or collections.get(product_pk, set()) & targets.get("collections", set())
        ):
            matched[order_pk].add(line_pk)
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
