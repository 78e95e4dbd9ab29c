"""``checkoutComplete``: Saleor's mutation, made safe for buyers completing at the same time.

Same name, arguments and payload as Saleor 2.10's, so existing clients keep
working. Saleor's own code runs inside one transaction that first locks the
checkout row and its variants' stock rows (see ``services``): completions of
the same variants queue up, each sees the allocations of the ones before it,
and one that would oversell is refused with ``INSUFFICIENT_STOCK`` before any
payment is processed.

Completing a checkout that has already become an order — a double click, a
retry after a lost response, or a second request that waited for the first —
returns that order and charges nothing again (as Saleor 3 does), to a caller
who may see it: its owner, or anyone holding a guest checkout's token.
"""

import logging

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.payments.stripe.services import checkout_confirmation_data

from .. import saleor_checkout
from ..services import checkout_lock_for_completion

logger = logging.getLogger(__name__)


class CheckoutComplete(saleor_checkout.SaleorCheckoutComplete):
    confirmation_data = graphene.JSONString(
        description=(
            "When confirmationNeeded: what the client needs to confirm the payment, e.g. "
            "a card's 3-D Secure clientSecret for Stripe.js; then call this mutation again."
        )
    )

    class Meta:
        description = saleor_checkout.SaleorCheckoutComplete._meta.description
        error_type_class = saleor_checkout.CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(cls, root, info, checkout_id, store_source, **data):
        try:
            checkout = cls.get_node_or_error(
                info, checkout_id, only_type=saleor_checkout.CheckoutType, field="checkout_id"
            )
        except ValidationError:
            order = cls.placed_order(info, checkout_id)
            if order is None:
                raise
            return cls(order=order, confirmation_needed=False)

        # Saleor validates the redirect URL after charging; refuse a bad one first.
        redirect_url = data.get("redirect_url")
        if redirect_url:
            try:
                saleor_checkout.validate_storefront_url(redirect_url)
            except ValidationError as error:
                raise ValidationError({"redirect_url": error})

        refusal = None
        with transaction.atomic():
            if not checkout_lock_for_completion(checkout=checkout):
                order = cls.placed_order(info, checkout_id)
                if order is None:
                    raise ValidationError(
                        {
                            "checkout_id": ValidationError(
                                _("This checkout no longer exists."), code="not_found"
                            )
                        }
                    )
                return cls(order=order, confirmation_needed=False)
            try:
                result = super().perform_mutation(root, info, checkout_id, store_source, **data)
                if result.confirmation_needed:
                    result.confirmation_data = checkout_confirmation_data(checkout=checkout)
                return result
            except ValidationError as error:
                # Saleor records a declined payment and gives back the voucher
                # use before refusing; commit that as it would without us.
                refusal = error
            except Exception:
                logger.exception(
                    "checkoutComplete of checkout %s failed inside Saleor's completion and "
                    "was rolled back; check its payment at the gateway",
                    checkout.pk,
                )
                raise
        raise refusal

    @staticmethod
    def placed_order(info, checkout_id):
        order = saleor_checkout.order_from_checkout(checkout_id)
        if order is None:
            return None
        if order.user_id is None or order.user_id == info.context.user.pk:
            return order
        return None


class CheckoutCompletionMutations(graphene.ObjectType):
    checkout_complete = CheckoutComplete.Field()
