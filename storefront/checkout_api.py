"""Payment and completion of the basket through Saleor 2.10's own checkout mutations.

The pages run ``checkoutPaymentCreate`` and the project's ``checkoutComplete``
in-process with the shopper's request as context: the same validation, stock
locks, gateways and idempotence as an API client gets, and no second path to
keep in step with it.
"""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.orders.services import checkout_lock_for_completion
from marketplace.payments.stripe import GATEWAY_ID as CARD_GATEWAY
from marketplace.payments.stripe.messages import authentication_pending_message, decline_message
from marketplace.payments.stripe.services import checkout_card_payment, checkout_confirmation_data
from marketplace.schema import schema

from . import checkout_saleor

PAYMENT_CREATE = """
mutation($id: ID!, $gateway: String!, $token: String!, $amount: Decimal) {
  checkoutPaymentCreate(checkoutId: $id,
                        input: {gateway: $gateway, token: $token, amount: $amount}) {
    paymentErrors { field code message }
  }
}"""

COMPLETE = """
mutation($id: ID!, $redirectUrl: String) {
  checkoutComplete(checkoutId: $id, redirectUrl: $redirectUrl) {
    order { token }
    confirmationNeeded
    confirmationData
    checkoutErrors { field code message }
  }
}"""

# Saleor's own messages are English-only; the shopper reads ours, by code.
MESSAGES_BY_CODE = {
    "INSUFFICIENT_STOCK": None,  # the project's message is already translated
    "PAYMENT_ERROR": lambda: _("The payment did not go through; nothing was charged."),
    "SHIPPING_METHOD_NOT_SET": lambda: _("Choose how to receive your order."),
    "SHIPPING_ADDRESS_NOT_SET": lambda: _("Give the delivery address."),
    "BILLING_ADDRESS_NOT_SET": lambda: _("Give the delivery address."),
    "NOT_FOUND": lambda: _("Your basket changed; please check it and try again."),
}


def _execute(request, document, variables):
    if not hasattr(request, "app"):
        request.app = None
    result = schema.execute(document, variables=variables, context_value=request)
    if result.errors:
        raise result.errors[0]
    return result.data


def _card_messages():
    """The gateway's own refusals: translated already, and more precise than ours."""
    codes = (
        "card_declined",
        "insufficient_funds",
        "expired_card",
        "incorrect_cvc",
        "payment_intent_authentication_failure",
        None,
    )
    return {decline_message(code) for code in codes} | {authentication_pending_message()}


def _refusal(errors):
    messages = []
    for error in errors:
        if error["code"] == "PAYMENT_ERROR" and error["message"] in _card_messages():
            messages.append(error["message"])
            continue
        translate = MESSAGES_BY_CODE.get(
            error["code"], lambda: _("We could not place your order; please try again.")
        )
        messages.append(error["message"] if translate is None else translate())
    return ValidationError(messages, code=errors[0]["code"].lower())


def checkout_pay_and_complete(request, checkout, *, gateway, amount, redirect_url=None):
    """Pay for ``checkout`` with ``gateway`` and place its order; the order's token.

    Raises a translated ValidationError when Saleor refuses (stock, payment).
    """
    checkout_id = checkout_saleor.checkout_global_id(checkout)
    if redirect_url and not checkout_saleor.storefront_url_allowed(redirect_url):
        redirect_url = None
    payment = _execute(
        request,
        PAYMENT_CREATE,
        {"id": checkout_id, "gateway": gateway, "token": gateway, "amount": str(amount)},
    )["checkoutPaymentCreate"]
    if payment["paymentErrors"]:
        placed = checkout_saleor.order_of_checkout_token(checkout.token)
        if placed is not None:
            return placed.token
        raise _refusal(payment["paymentErrors"])
    completed = _execute(request, COMPLETE, {"id": checkout_id, "redirectUrl": redirect_url})[
        "checkoutComplete"
    ]
    if completed["checkoutErrors"]:
        raise _refusal(completed["checkoutErrors"])
    if completed["order"] is None:
        raise ValidationError(
            _("The payment needs a confirmation this page cannot give; choose cash on delivery."),
            code="confirmation_needed",
        )
    return completed["order"]["token"]


@dataclass
class CardOutcome:
    """Either the placed order's token, or what the browser needs for the bank's step."""

    order_token: str = None
    confirmation: dict = None


def checkout_pay_by_card(
    request, checkout, *, payment_method, amount, authenticated=False, redirect_url=None
):
    """Pay ``checkout`` with a card (a Stripe PaymentMethod id) and place its order, once.

    ``authenticated``: the browser comes back from the bank's 3-D Secure step
    for the payment it started with ``payment_method``. The checkout is locked
    for the whole attempt, so a second click, a reload or Stripe's webhook
    waits and then finds the same payment or the order: one of each.
    Raises a translated ValidationError when refused; nothing is charged then.
    """
    refusal = None
    with transaction.atomic():
        try:
            if not checkout_lock_for_completion(checkout=checkout):
                placed = checkout_saleor.order_of_checkout_token(checkout.token)
                if placed is None:
                    raise ValidationError(
                        _("Your basket changed; please check it and try again."), code="not_found"
                    )
                return CardOutcome(order_token=placed.token)
            return _card_pay_locked(
                request,
                checkout,
                payment_method=payment_method,
                amount=amount,
                authenticated=authenticated,
                redirect_url=redirect_url,
            )
        except ValidationError as error:
            # Saleor has recorded a declined payment; keep that record.
            refusal = error
    raise refusal


def _card_pay_locked(request, checkout, *, payment_method, amount, authenticated, redirect_url):
    checkout_id = checkout_saleor.checkout_global_id(checkout)
    payment = (
        checkout_card_payment(checkout=checkout, payment_method=payment_method)
        if payment_method
        else None
    )
    if authenticated and (payment is None or not payment.to_confirm):
        # Stripe's webhook has already closed the payment the bank refused.
        raise ValidationError(
            decline_message("payment_intent_authentication_failure"), code="payment_error"
        )
    if payment is None:
        if not payment_method:
            raise ValidationError(
                _("Enter your card details, then place your order."), code="card_missing"
            )
        created = _execute(
            request,
            PAYMENT_CREATE,
            {"id": checkout_id, "gateway": CARD_GATEWAY, "token": payment_method,
             "amount": str(amount)},
        )["checkoutPaymentCreate"]
        if created["paymentErrors"]:
            raise _refusal(created["paymentErrors"])
    elif payment.to_confirm:
        waiting = checkout_confirmation_data(checkout=checkout)
        if waiting is not None and waiting["status"] == "requires_action":
            return CardOutcome(confirmation=waiting)
    if redirect_url and not checkout_saleor.storefront_url_allowed(redirect_url):
        redirect_url = None
    completed = _execute(request, COMPLETE, {"id": checkout_id, "redirectUrl": redirect_url})[
        "checkoutComplete"
    ]
    if completed["checkoutErrors"]:
        raise _refusal(completed["checkoutErrors"])
    if completed["order"] is not None:
        return CardOutcome(order_token=completed["order"]["token"])
    confirmation = json.loads(completed["confirmationData"] or "null")
    if not confirmation or not confirmation.get("clientSecret"):
        raise ValidationError(decline_message(None), code="payment_error")
    return CardOutcome(confirmation=confirmation)
