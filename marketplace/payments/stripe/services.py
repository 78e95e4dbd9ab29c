"""Card payments: Stripe's webhooks, and what they (or a parcel leaving) change here."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from marketplace.orders.services import checkout_lock_for_completion

from . import GATEWAY_ID, api, saleor_payments
from .models import StripeEvent
from .responses import response_for_intent

logger = logging.getLogger(__name__)

INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.amount_capturable_updated",
    "payment_intent.canceled",
}


def stripe_event_receive(*, event):
    """Act on a verified Stripe event once; False when it was already received.

    The event id is stored in the transaction of its effect: a failure rolls
    both back (Stripe retries), a replay finds the id and changes nothing.
    """
    data_object = event["data"]["object"]
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(
                    event_id=event["id"],
                    type=event["type"],
                    object_id=data_object.get("id") or "",
                )
        except IntegrityError:
            return False
        if event["type"] in INTENT_EVENTS:
            payment_intent_reconcile(intent_id=data_object["id"])
    return True


def payment_intent_reconcile(*, intent_id):
    """Bring our payment (and its checkout or order) to the PaymentIntent's current state.

    Stripe is asked for the intent rather than trusting the event, so events
    that arrive late or out of order all lead to the same end state.
    """
    intent = api.intent_retrieve(intent_id)
    payment = saleor_payments.payment_for_intent(GATEWAY_ID, intent)
    if payment is None:
        return None  # not one of ours (another shop on the account)
    if intent.status in ("succeeded", "requires_capture"):
        response = response_for_intent(intent, confirming=True)
        return payment_settle(payment=payment, response=response)
    if intent.status in ("requires_payment_method", "canceled"):
        with transaction.atomic():
            payment = saleor_payments.payment_lock(payment.pk)
            if payment.order_id is None:
                saleor_payments.payment_release(payment)
    return None


def payment_settle(*, payment, response):
    """Record money Stripe holds or took; place the order if the shopper never came back.

    The checkout is locked first, as ``checkoutComplete`` does, so a webhook
    racing the shopper's return page gives one order and one capture.
    """
    if payment.checkout_id is not None:
        order = checkout_complete_paid(payment_id=payment.pk, response=response)
        if order is not None:
            return order
    with transaction.atomic():
        payment = saleor_payments.payment_lock(payment.pk)
        if payment.order_id is None:
            return None
        if not saleor_payments.payment_settled(payment, response.kind):
            saleor_payments.payment_record(payment, response)
        return payment.order


def checkout_complete_paid(*, payment_id, response):
    """Complete a checkout whose payment Stripe confirmed; None if it is no longer a checkout.

    If the checkout can no longer become an order (its last units sold while
    the shopper was at their bank), the money goes back: the authorisation
    is cancelled or the charge refunded, and the payment is closed.
    """
    with transaction.atomic():
        payment = saleor_payments.payment_get(payment_id)
        checkout = payment.checkout if payment else None
        if checkout is None or not payment.is_active:
            return None
        try:
            if not checkout_lock_for_completion(checkout=checkout):
                return None
            checkout, order_data = saleor_payments.checkout_prepare_order(checkout)
        except ValidationError as refusal:
            payment = saleor_payments.payment_lock(payment_id)
            if payment.is_active:
                payment_give_back(payment=payment, response=response, reason=refusal)
            return None
        payment = saleor_payments.payment_lock(payment_id)
        if not saleor_payments.payment_settled(payment, response.kind):
            saleor_payments.payment_record(payment, response)
        return saleor_payments.checkout_place_order(checkout, order_data)


def payment_give_back(*, payment, response, reason):
    kind = saleor_payments.TransactionKind
    if response.kind == kind.AUTH:
        api.intent_cancel(response.transaction_id)
    else:
        api.refund_create(response.transaction_id, response.amount)
    saleor_payments.payment_release(payment)
    logger.warning(
        "Gave back payment %s (%s %s, %s): its checkout cannot become an order: %s",
        payment.pk,
        response.amount,
        response.currency,
        response.transaction_id,
        "; ".join(reason.messages),
    )


def order_capture_authorised(*, order_id):
    """Capture the card payment an order's first shipment calls for; once, whoever asks."""
    with transaction.atomic():
        payment = saleor_payments.order_payment_to_capture(GATEWAY_ID, order_id)
        if payment is None:
            return False
        try:
            saleor_payments.payment_capture(payment)
        except saleor_payments.PaymentError:
            logger.exception("Capturing payment %s of order %s failed", payment.pk, order_id)
            return False
    return True


def checkout_confirmation_data(*, checkout):
    """What the shopper's browser needs to finish 3-D Secure: the intent's client secret."""
    payment = checkout.get_last_active_payment()
    if payment is None or payment.gateway != GATEWAY_ID or not payment.to_confirm:
        return None
    intent_id = saleor_payments.payment_intent_id(payment)
    if intent_id is None:
        return None
    try:
        intent = api.intent_retrieve(intent_id)
    except api.StripeError:
        # The shopper can ask again (checkoutComplete answers the same); the
        # intent recorded so far must not be rolled back with this answer.
        logger.exception("Stripe could not give the client secret of %s", intent_id)
        return None
    return {
        "gateway": GATEWAY_ID,
        "paymentIntentId": intent.id,
        "clientSecret": intent.client_secret,
        "status": intent.status,
    }


def checkout_card_payment(*, checkout, payment_method):
    """The checkout's current payment if it was started with this PaymentMethod (a reload,
    a second click, the return from the bank), or None."""
    payment = checkout.get_last_active_payment()
    if payment is None or payment.gateway != GATEWAY_ID or payment.token != payment_method:
        return None
    return payment
