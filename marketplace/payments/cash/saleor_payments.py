"""The one place where cash on delivery reaches into Saleor's payments, orders and stock.

Saleor 2.10 captures a payment once (``gateway.capture`` refuses a payment
that is already PARTIALLY_CHARGED), but cash arrives cooperative by
cooperative: each receipt goes through the gateway plugin's
``capture_payment`` and is applied by Saleor's own ``gateway_postprocess``,
which moves ``captured_amount`` and ``charge_status`` and, once the order is
fully paid, runs Saleor's fully-paid handling. When the engine moves, this is
the file that changes.
"""

from decimal import Decimal

from saleor.order import FulfillmentStatus, OrderStatus
from saleor.order.actions import cancel_fulfillment, cancel_order, order_captured
from saleor.order.models import Fulfillment
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment import gateway as saleor_gateway
from saleor.payment.interface import GatewayResponse
from saleor.payment.models import Payment, Transaction
from saleor.payment.utils import (
    create_payment_information,
    create_transaction,
    gateway_postprocess,
)
from saleor.plugins.manager import get_plugins_manager
from saleor.warehouse.management import deallocate_stock
from saleor.warehouse.models import Warehouse

__all__ = [
    "ChargeStatus",
    "GatewayResponse",
    "OrderStatus",
    "Payment",
    "Transaction",
    "TransactionKind",
    "cancel_whole_order",
    "capture_cash",
    "gateway_response",
    "lower_amount_due",
    "payment_of",
    "return_lines_to_stock",
]


def gateway_response(payment_information, kind, *, amount=None):
    """A successful answer of the cash gateway: nothing leaves a card, nothing can decline."""
    return GatewayResponse(
        is_success=True,
        action_required=False,
        kind=kind,
        amount=payment_information.amount if amount is None else amount,
        currency=payment_information.currency,
        transaction_id=payment_information.token or "",
        error=None,
        raw_response={},
    )


def payment_of(order, gateway, *, lock=False):
    """The order's last active payment through ``gateway``, or None."""
    payments = Payment.objects.filter(order=order, gateway=gateway, is_active=True)
    if lock:
        payments = payments.select_for_update()
    return payments.order_by("-pk").first()


def capture_cash(*, payment, amount, user):
    """Add a CAPTURE of ``amount`` to ``payment`` through its gateway; return the transaction."""
    token = (
        payment.transactions.filter(is_success=True).order_by("pk").values_list("token", flat=True)
    ).first() or payment.token
    payment_data = create_payment_information(payment=payment, payment_token=token, amount=amount)
    response = get_plugins_manager().capture_payment(payment.gateway, payment_data)
    transaction = create_transaction(
        payment=payment,
        kind=TransactionKind.CAPTURE,
        payment_information=payment_data,
        gateway_response=response,
    )
    if transaction.is_success:
        gateway_postprocess(transaction, payment)
        order_captured(payment.order, user, amount, payment)
    return transaction


def lower_amount_due(*, payment, amount):
    """Take ``amount`` off what ``payment`` still expects (a parcel no one will pay for).

    The charge status follows: what was captured may now cover all that is
    left; with nothing left and nothing captured, the payment is voided.
    """
    payment.total = max(payment.total - Decimal(amount), Decimal("0"))
    fields = ["total", "modified"]
    if payment.captured_amount > 0 and payment.get_charge_amount() <= 0:
        payment.charge_status = ChargeStatus.FULLY_CHARGED
        fields.append("charge_status")
    payment.save(update_fields=fields)
    if payment.total <= 0 and payment.captured_amount <= 0:
        saleor_gateway.void(payment)
        payment.refresh_from_db()
    return payment


def return_lines_to_stock(*, user, order, lines, warehouse_id):
    """Cancel the shipments of ``lines`` and put their items back on the shelf, unreserved.

    Saleor's ``cancel_fulfillment`` restocks each shipment into the warehouse
    and reserves the items again for the order (``increase_stock(allocate=True)``);
    the parcel is not coming back, so the reservation is released too.
    """
    warehouse = Warehouse.objects.get(pk=warehouse_id)
    line_pks = [line.pk for line in lines]
    fulfilments = Fulfillment.objects.filter(
        order=order, status=FulfillmentStatus.FULFILLED, lines__order_line__in=line_pks
    ).distinct()
    for fulfilment in fulfilments.order_by("pk"):
        cancel_fulfillment(fulfilment, user, warehouse)
    for line in order.lines.filter(pk__in=line_pks):
        if line.variant_id and line.variant.track_inventory:
            reserved = sum(line.allocations.values_list("quantity_allocated", flat=True))
            if reserved:
                deallocate_stock(line, reserved)


def cancel_whole_order(*, order, user):
    cancel_order(order, user)
