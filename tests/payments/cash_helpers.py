"""Cash-on-delivery orders placed the way a Saleor 2.10 client places them."""

from graphql_relay import to_global_id
from saleor.order.models import Order
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Allocation

from marketplace.payments.cash.models import CashOnDeliveryParcel
from tests.cooperatives.orders_helpers import (
    CHECKOUT_ADDRESS,
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
    lines = [
        {"variantId": to_global_id("ProductVariant", product.variants.get().pk),
         "quantity": quantity}
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
    token = created["checkout"]["token"]
    checkout_id = to_global_id("Checkout", token)
    shipping = graphql(
        """mutation($id: ID!, $method: ID!) {
             checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {
               checkout { totalPrice { gross { amount } } } checkoutErrors { code } } }""",
        {"id": checkout_id, "method": created["checkout"]["availableShippingMethods"][0]["id"]},
    )["data"]["checkoutShippingMethodUpdate"]
    assert shipping["checkoutErrors"] == []
    total = shipping["checkout"]["totalPrice"]["gross"]["amount"]
    gateways = graphql(GATEWAYS, {"token": token})["data"]["checkout"]["availablePaymentGateways"]
    payment = graphql(
        """mutation($id: ID!, $gateway: String!, $amount: Decimal) {
             checkoutPaymentCreate(checkoutId: $id,
               input: {gateway: $gateway, token: "cash", amount: $amount}) {
               paymentErrors { field code } } }""",
        {"id": checkout_id, "gateway": COD, "amount": total},
    )["data"]["checkoutPaymentCreate"]
    assert payment["paymentErrors"] == []
    completed = graphql(
        """mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
             order { token paymentStatus isPaid } checkoutErrors { field code } } }""",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]
    assert completed["checkoutErrors"] == []
    order = Order.objects.get(token=completed["order"]["token"])
    order.completed = completed["order"]
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
