"""Cards through Stripe's PaymentIntents, as a Saleor 2.10 payment gateway.

Enable with ``PLUGINS += ["marketplace.payments.stripe.plugin.StripeGatewayPlugin"]``
and the STRIPE_* settings. Without keys the plugin is inactive, so
``availablePaymentGateways`` does not offer cards at all.

Every transaction Saleor records for it carries the PaymentIntent id as its
token. 3-D Secure: the first ``checkoutComplete`` answers
``confirmationNeeded`` (the intent's client secret in ``confirmationData``),
the shopper's browser authenticates with Stripe.js, and a second
``checkoutComplete`` (or Stripe's ``payment_intent.succeeded`` webhook, if the
shopper has gone) confirms and places the order. With manual capture the card
is authorised at checkout and captured when the first parcel leaves.
"""

import logging

from django.conf import settings
from django.db import transaction
from saleor.plugins.base_plugin import BasePlugin

from . import GATEWAY_ID, api, saleor_payments, services
from .messages import decline_message, staff_operation_message
from .responses import failure, response_for_intent

logger = logging.getLogger(__name__)


class StripeGatewayPlugin(BasePlugin):
    PLUGIN_ID = GATEWAY_ID
    PLUGIN_NAME = "Stripe"
    PLUGIN_DESCRIPTION = "Card payments through Stripe PaymentIntents, with 3-D Secure."
    DEFAULT_ACTIVE = True

    def __init__(self, *, configuration, active):
        super().__init__(configuration=configuration, active=active and api.is_configured())

    def get_payment_config(self, previous_value):
        if not self.active:
            return previous_value
        return [
            {"field": "api_key", "value": settings.STRIPE_PUBLISHABLE_KEY},
            {
                "field": "capture",
                "value": "automatic" if settings.STRIPE_AUTO_CAPTURE else "manual",
            },
            {"field": "store_customer_card", "value": False},
        ]

    def process_payment(self, payment_information, previous_value):
        if not self.active:
            return previous_value
        kind = saleor_payments.TransactionKind
        payment = saleor_payments.payment_for_token(GATEWAY_ID, payment_information.token)
        metadata = {"payment_id": str(payment.pk)} if payment else {}
        if payment and payment.checkout_id:
            metadata["checkout_token"] = str(payment.checkout_id)
        try:
            intent = api.intent_create(
                amount=payment_information.amount,
                currency=payment_information.currency,
                payment_method=payment_information.token,
                capture=settings.STRIPE_AUTO_CAPTURE,
                metadata=metadata,
                # A retried completion of the same payment gets the same intent.
                idempotency_key=(
                    f"checkout-{payment.checkout_id}-payment-{payment.pk}" if payment else None
                ),
            )
        except api.CardError as error:
            details = (error.json_body or {}).get("error") or {}
            return failure(
                payment_information,
                kind.CAPTURE,
                decline_message(details.get("decline_code"), error.code),
                transaction_id=(details.get("payment_intent") or {}).get("id"),
            )
        except api.StripeError:
            logger.exception("Stripe refused to create a PaymentIntent")
            return failure(payment_information, kind.CAPTURE, decline_message(None))
        return response_for_intent(intent)

    def confirm_payment(self, payment_information, previous_value):
        if not self.active:
            return previous_value
        kind = saleor_payments.TransactionKind
        try:
            intent = api.intent_retrieve(payment_information.token)
        except api.StripeError:
            logger.exception("Stripe could not tell the state of %s", payment_information.token)
            return failure(payment_information, kind.CONFIRM, decline_message(None))
        return response_for_intent(intent, confirming=True)

    def capture_payment(self, payment_information, previous_value):
        if not self.active:
            return previous_value
        kind = saleor_payments.TransactionKind
        try:
            intent = api.intent_capture(payment_information.token, payment_information.amount)
        except api.StripeError:
            logger.exception("Stripe refused to capture %s", payment_information.token)
            return failure(payment_information, kind.CAPTURE, staff_operation_message("capture"))
        response = response_for_intent(intent)
        response.amount = payment_information.amount
        return response

    def refund_payment(self, payment_information, previous_value):
        if not self.active:
            return previous_value
        kind = saleor_payments.TransactionKind
        try:
            refund = api.refund_create(payment_information.token, payment_information.amount)
        except api.StripeError:
            logger.exception("Stripe refused to refund %s", payment_information.token)
            return failure(payment_information, kind.REFUND, staff_operation_message("refund"))
        return saleor_payments.GatewayResponse(
            is_success=refund.status in ("succeeded", "pending"),
            action_required=False,
            kind=kind.REFUND,
            amount=api.from_minor_units(refund.amount),
            currency=refund.currency.upper(),
            transaction_id=payment_information.token,
            error=None,
            raw_response={"id": refund.id, "status": refund.status, "amount": refund.amount},
        )

    def void_payment(self, payment_information, previous_value):
        if not self.active:
            return previous_value
        kind = saleor_payments.TransactionKind
        try:
            intent = api.intent_cancel(payment_information.token)
        except api.StripeError:
            logger.exception("Stripe refused to cancel %s", payment_information.token)
            return failure(payment_information, kind.VOID, staff_operation_message("void"))
        return saleor_payments.GatewayResponse(
            is_success=intent.status == "canceled",
            action_required=False,
            kind=kind.VOID,
            amount=payment_information.amount,
            currency=payment_information.currency,
            transaction_id=intent.id,
            error=None,
            raw_response={"id": intent.id, "status": intent.status},
        )

    def fulfillment_created(self, fulfillment, previous_value):
        # Capture after the fulfilment commits: money is never taken for a
        # parcel whose shipping was rolled back.
        if self.active:
            order_id = fulfillment.order_id
            transaction.on_commit(lambda: services.order_capture_authorised(order_id=order_id))
        return previous_value
