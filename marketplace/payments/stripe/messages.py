"""What a shopper reads when a card payment does not go through, in their language."""

from django.utils.translation import gettext as _


def decline_message(*codes):
    """Stripe's decline or error code (the first we know) → a sentence; nothing was charged."""
    known = (
        "insufficient_funds",
        "expired_card",
        "incorrect_cvc",
        "payment_intent_authentication_failure",
        "card_declined",
    )
    code = next((code for code in codes if code in known), None)
    if code == "card_declined":
        return _(
            "Your card was declined. No payment was taken; "
            "try another card or pay cash on delivery."
        )
    if code == "insufficient_funds":
        return _(
            "Your card has insufficient funds. No payment was taken; "
            "try another card or pay cash on delivery."
        )
    if code == "expired_card":
        return _("Your card has expired. No payment was taken; try another card.")
    if code == "incorrect_cvc":
        return _(
            "The card's security code is incorrect. No payment was taken; "
            "check it and try again."
        )
    if code == "payment_intent_authentication_failure":
        return _(
            "Your bank did not confirm this payment (3-D Secure). No payment was taken; "
            "try again or use another card."
        )
    return _(
        "The card payment could not be completed. No payment was taken; "
        "try again or use another card."
    )


def authentication_pending_message():
    return _(
        "Your bank has not confirmed this payment yet (3-D Secure). No payment was taken; "
        "confirm it with your bank, then place the order again."
    )


def staff_operation_message(operation):
    """Why a capture, refund or cancellation staff asked for did not happen."""
    if operation == "capture":
        return _(
            "Stripe could not capture this payment; nothing was charged. "
            "Check the payment in Stripe's dashboard."
        )
    if operation == "refund":
        return _(
            "Stripe could not refund this payment; nothing was refunded. "
            "Check the payment in Stripe's dashboard."
        )
    return _(
        "Stripe could not cancel this payment's authorisation. "
        "Check the payment in Stripe's dashboard."
    )
