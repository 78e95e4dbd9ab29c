"""Stripe's PaymentIntents and Refunds, with only the parameters every Stripe we talk to accepts.

Keys and the API address come from settings (the environment). The local
stand-in used in tests rejects ``confirmation_method``, ``setup_future_usage``,
``description``, ``shipping`` and Connect parameters, and answers 500 to
``confirm(payment_method=...)``: the payment method is attached when the
intent is created, confirmed in the same call.
"""

from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings

CENT = Decimal("0.01")


def is_configured():
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def minor_units(amount):
    """MAD (like EUR) counts in centimes: 150.00 → 15000."""
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor_units(value):
    return (Decimal(value) / 100).quantize(CENT)


def _credentials():
    stripe.api_base = settings.STRIPE_API_BASE
    return {"api_key": settings.STRIPE_SECRET_KEY}


def intent_create(*, amount, currency, payment_method, capture, metadata, idempotency_key):
    return stripe.PaymentIntent.create(
        amount=minor_units(amount),
        currency=currency.lower(),
        payment_method=payment_method,
        capture_method="automatic" if capture else "manual",
        confirm=True,
        metadata=metadata,
        idempotency_key=idempotency_key,
        **_credentials(),
    )


def intent_retrieve(intent_id):
    return stripe.PaymentIntent.retrieve(intent_id, **_credentials())


def intent_capture(intent_id, amount):
    return stripe.PaymentIntent.capture(
        intent_id, amount_to_capture=minor_units(amount), **_credentials()
    )


def intent_cancel(intent_id):
    return stripe.PaymentIntent.cancel(intent_id, **_credentials())


def refund_create(intent_id, amount):
    return stripe.Refund.create(
        payment_intent=intent_id, amount=minor_units(amount), **_credentials()
    )


def event_verify(payload, signature):
    """The event, if Stripe signed it with our endpoint secret recently; else ValueError."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValueError("no webhook secret configured")
    try:
        return stripe.Webhook.construct_event(
            payload,
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except stripe.error.SignatureVerificationError as error:
        raise ValueError(str(error)) from error


StripeError = stripe.error.StripeError
CardError = stripe.error.CardError
