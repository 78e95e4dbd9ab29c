"""Cash-on-delivery orders placed the way a Saleor 2.10 client places them."""

from saleor.order.models import Order
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Allocation

from marketplace.payments.cash.models import CashOnDeliveryParcel
from tests.cooperatives.orders_helpers import (
    checkout_pay_and_complete,
    checkout_ready_to_pay,
    ledger_snapshot,
    order_snapshot,
)

COD = "marketplace.payments.cash_on_delivery"

GATEWAYS = """
query($token: UUID!) { checkout(token: $token) { availablePaymentGateways { id name } } }
"""


def cod_checkout(graphql, items, *, email="client@example.ma"):
    """Buy [(product, quantity), …] through 2.10's checkout API, paying cash on delivery.

    Only what a 2.10 client uses: checkoutCreate, the shipping method,
    availablePaymentGateways, checkoutPaymentCreate and checkoutComplete.
    Returns (order, the gateways offered, the checkout's total).
    """
    checkout_id, token, total = checkout_ready_to_pay(graphql, items, email=email)
    gateways = graphql(GATEWAYS, {"token": token})["data"]["checkout"]["availablePaymentGateways"]
    completed = checkout_pay_and_complete(
        graphql, checkout_id, gateway=COD, token="cash", amount=total
    )
    order = Order.objects.get(token=completed["token"])
    order.completed = completed
    return order, gateways, total


def payment_state(order):
    payment = Payment.objects.get(order=order, gateway=COD)
    return {
        "charge_status": payment.charge_status,
        "captured": payment.captured_amount,
        "total": payment.total,
        "is_active": payment.is_active,
        "transactions": sorted(
            Transaction.objects.filter(payment=payment).values_list("kind", "amount")
        ),
    }


def everything(order):
    """What a refused cash action must leave untouched."""
    return {
        "order": order_snapshot(order),
        "payment": payment_state(order),
        "parcels": sorted(
            CashOnDeliveryParcel.objects.filter(order=order).values_list("cooperative", "outcome")
        ),
        "allocations": sorted(
            Allocation.objects.filter(order_line__order=order).values_list(
                "pk", "quantity_allocated"
            )
        ),
        "ledger": ledger_snapshot(),
    }


def with_cash_payment(order):
    """Give an order placed by ``place_order`` the payment a cash-on-delivery checkout leaves."""
    from saleor.payment.utils import create_payment

    payment = create_payment(
        gateway=COD,
        total=order.total_gross_amount,
        currency=order.currency,
        email=order.user_email,
        payment_token="cash",
        order=order,
    )
    Transaction.objects.create(
        payment=payment, kind="auth", token="cash", is_success=True,
        amount=order.total_gross_amount, currency=order.currency, gateway_response={},
    )
    return order
