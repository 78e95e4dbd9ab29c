"""The one place where cooperatives reach into Saleor's orders and payments.

Orders stay Saleor orders: this module names the models, statuses and the
fulfilment action the domain uses, so that services, selectors, views and
the GraphQL layer never import ``saleor.order`` or ``saleor.payment``.
When the engine moves, this is the file that changes.
"""

from saleor.core.exceptions import InsufficientStock
from saleor.order import OrderStatus
from saleor.order.actions import create_fulfillments
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus

__all__ = [
    "FULFILLABLE_STATUSES",
    "InsufficientStock",
    "Order",
    "OrderLine",
    "OrderStatus",
    "has_captured_payment",
    "is_fully_refunded",
    "lock_order",
    "order_by_pk",
    "ship_lines",
]

FULFILLABLE_STATUSES = frozenset({OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED})

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
    return create_fulfillments(
        user, order, {warehouse_id: lines}, notify_customer=notify_customer
    )


def has_captured_payment(order):
    return order.payments.filter(charge_status__in=CAPTURED_STATUSES).exists()


def is_fully_refunded(order):
    last_payment = order.payments.order_by("-pk").first()
    return last_payment is not None and last_payment.charge_status == ChargeStatus.FULLY_REFUNDED
