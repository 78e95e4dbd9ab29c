"""Payment and completion of the basket through Saleor 2.10's own checkout mutations.

The pages run ``checkoutPaymentCreate`` and the project's ``checkoutComplete``
in-process with the shopper's request as context: the same validation, stock
locks, gateways and idempotence as an API client gets, and no second path to
keep in step with it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


def _refusal(errors):
    messages = []
    for error in errors:
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
