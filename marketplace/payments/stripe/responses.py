"""Saleor's view of what Stripe answered, for the gateway and the webhooks alike."""

from . import api, saleor_payments
from .messages import authentication_pending_message, decline_message


def response_for_intent(intent, *, confirming=False):
    """Saleor's view of a PaymentIntent's state."""
    kind = saleor_payments.TransactionKind
    status = intent.status
    success, action_required, error = True, False, None
    if status == "requires_action" and confirming:
        # Saleor records a confirmation as done whatever its answer says about
        # action: a completion before the bank answered would place a paid order.
        txn_kind, success = kind.CONFIRM, False
        error = authentication_pending_message()
    elif status == "requires_action":
        txn_kind, action_required = kind.CAPTURE, True
    elif status == "succeeded":
        txn_kind = kind.CONFIRM if confirming else kind.CAPTURE
    elif status == "requires_capture":
        txn_kind = kind.AUTH
    else:
        txn_kind, success = kind.CONFIRM if confirming else kind.CAPTURE, False
        last_error = intent.get("last_payment_error") or {}
        error = decline_message(last_error.get("code"))
    return saleor_payments.GatewayResponse(
        is_success=success,
        action_required=action_required,
        kind=txn_kind,
        amount=api.from_minor_units(intent.amount),
        currency=intent.currency.upper(),
        transaction_id=intent.id,
        error=error,
        raw_response={
            "id": intent.id,
            "status": status,
            "amount": intent.amount,
            "capture_method": intent.get("capture_method"),
        },
    )


def failure(payment_information, kind, error, transaction_id=None):
    return saleor_payments.GatewayResponse(
        is_success=False,
        action_required=False,
        kind=kind,
        amount=payment_information.amount,
        currency=payment_information.currency,
        transaction_id=transaction_id or payment_information.token,
        error=error,
        raw_response={},
    )
