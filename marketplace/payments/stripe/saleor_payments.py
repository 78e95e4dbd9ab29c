"""The one place where card payments reach into Saleor's payments, checkouts and orders.

Saleor 2.10 records what a gateway answered as ``Transaction`` rows and moves
the ``Payment`` (captured amount, charge status) in ``gateway_postprocess``;
``checkoutComplete`` prepares the order, processes the payment and creates
the order. A Stripe webhook that arrives when the shopper has gone does the
same steps with the answer Stripe already gave, so both paths leave the same
rows behind.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout
from saleor.checkout.utils import create_order, prepare_order_data
from saleor.core.exceptions import InsufficientStock
from saleor.core.taxes import TaxError
from saleor.discount.models import NotApplicable
from saleor.discount.utils import fetch_discounts
from saleor.graphql.checkout.utils import clean_checkout_payment, clean_checkout_shipping
from saleor.order import events as order_events
from saleor.order.models import Order
from saleor.payment import ChargeStatus, PaymentError, TransactionKind, gateway
from saleor.payment.interface import GatewayResponse
from saleor.payment.models import Payment
from saleor.payment.utils import (
    create_payment_information,
    create_transaction,
    gateway_postprocess,
)

__all__ = [
    "ChargeStatus",
    "GatewayResponse",
    "PaymentError",
    "TransactionKind",
    "checkout_place_order",
    "checkout_prepare_order",
    "order_payment_to_capture",
    "payment_capture",
    "payment_for_intent",
    "payment_for_token",
    "payment_get",
    "payment_intent_id",
    "payment_lock",
    "payment_record",
    "payment_release",
    "payment_settled",
]

SETTLED = {
    TransactionKind.CAPTURE: (TransactionKind.CAPTURE, TransactionKind.CONFIRM),
    TransactionKind.CONFIRM: (TransactionKind.CAPTURE, TransactionKind.CONFIRM),
    TransactionKind.AUTH: (TransactionKind.AUTH, TransactionKind.CAPTURE, TransactionKind.CONFIRM),
}


def payment_for_token(gateway_id, token):
    """The active payment a shopper created with this card token (a PaymentMethod id)."""
    if not token:
        return None
    return (
        Payment.objects.filter(gateway=gateway_id, token=token, is_active=True)
        .order_by("-pk")
        .first()
    )


def payment_for_intent(gateway_id, intent):
    """Our payment behind a PaymentIntent, or None.

    The intent's metadata names it; it counts only if it really is that
    intent's (a transaction with its id, or the card it was created with),
    so an intent of another environment on the same account changes nothing.
    """
    payments = Payment.objects.filter(gateway=gateway_id)
    payment_id = str((intent.get("metadata") or {}).get("payment_id") or "")
    if payment_id.isdigit():
        payment = payments.filter(pk=int(payment_id)).first()
        if payment is not None and (
            payment.token == intent.get("payment_method")
            or payment.transactions.filter(token=intent.id).exists()
        ):
            return payment
    return payments.filter(transactions__token=intent.id).order_by("-pk").first()


def payment_intent_id(payment):
    """The PaymentIntent of a payment: every transaction we record carries its id."""
    return (
        payment.transactions.filter(token__startswith="pi_")
        .order_by("-pk")
        .values_list("token", flat=True)
        .first()
    )


def payment_get(payment_id):
    return Payment.objects.select_related("checkout").filter(pk=payment_id).first()


def payment_lock(payment_id):
    return Payment.objects.select_for_update().get(pk=payment_id)


def payment_settled(payment, kind):
    """Whether a gateway answer of ``kind`` (money held or taken) is already recorded."""
    return payment.transactions.filter(
        kind__in=SETTLED.get(kind, (kind,)), is_success=True, action_required=False
    ).exists()


def payment_record(payment, response):
    """Record a gateway answer as Saleor's ``gateway`` module would have."""
    information = create_payment_information(
        payment=payment, payment_token=response.transaction_id
    )
    txn = create_transaction(
        payment=payment,
        kind=response.kind,
        action_required=response.action_required,
        payment_information=information,
        gateway_response=response,
    )
    gateway_postprocess(txn, payment)
    return txn


def payment_release(payment):
    """A payment Stripe refused: inactive, so the shopper's next attempt starts a new one."""
    if payment.charge_status != ChargeStatus.NOT_CHARGED or not payment.is_active:
        return False
    payment.is_active = False
    payment.to_confirm = False
    payment.save(update_fields=["is_active", "to_confirm", "modified"])
    return True


def payment_capture(payment):
    """Capture what was authorised, as staff's ``orderCapture`` does."""
    amount = payment.get_charge_amount()
    gateway.capture(payment, amount)
    if payment.order_id:
        order_events.payment_captured_event(
            order=payment.order, user=None, amount=amount, payment=payment
        )


def checkout_prepare_order(checkout):
    """Saleor's checks and order data, as ``checkoutComplete`` computes them; ValidationError."""
    checkout = Checkout.objects.prefetch_related("gift_cards", "lines", "payments").get(
        pk=checkout.pk
    )
    lines = list(checkout)
    discounts = fetch_discounts(timezone.now())
    clean_checkout_shipping(checkout, lines, discounts, CheckoutErrorCode)
    clean_checkout_payment(checkout, lines, discounts, CheckoutErrorCode)
    try:
        order_data = prepare_order_data(
            checkout=checkout, lines=lines, tracking_code="", discounts=discounts
        )
    except InsufficientStock as error:
        raise ValidationError(str(error), code=CheckoutErrorCode.INSUFFICIENT_STOCK.value)
    except NotApplicable as error:
        raise ValidationError(str(error), code=CheckoutErrorCode.VOUCHER_NOT_APPLICABLE.value)
    except TaxError as error:
        raise ValidationError(str(error), code=CheckoutErrorCode.TAX_ERROR.value)
    return checkout, order_data


def checkout_place_order(checkout, order_data):
    order = create_order(
        checkout=checkout,
        order_data=order_data,
        user=checkout.user or AnonymousUser(),
        redirect_url="",
    )
    checkout.delete()
    return order


def order_of_checkout_token(token):
    return Order.objects.filter(checkout_token=token).order_by("pk").first()


def order_payment_to_capture(gateway_id, order_id):
    """The order's authorised, not yet captured payment through our gateway, locked."""
    payment = (
        Payment.objects.select_for_update()
        .filter(order_id=order_id, gateway=gateway_id, is_active=True)
        .order_by("-pk")
        .first()
    )
    if payment is None or not payment.can_capture():
        return None
    if not payment.transactions.filter(kind=TransactionKind.AUTH, is_success=True).exists():
        return None
    return payment
