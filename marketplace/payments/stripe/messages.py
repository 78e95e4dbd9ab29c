"""What a shopper reads when a card payment does not go through, in their language."""

from django.utils.translation import gettext as _


def decline_message(code):
    """Stripe's error or decline code → a sentence for the shopper; nothing was charged."""
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
