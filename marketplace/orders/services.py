from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import saleor_checkout


def checkout_lock_for_completion(*, checkout):
    """Hold the checkout and its stock until the caller's transaction ends; refuse a shortfall.

    Runs before Saleor's completion touches the payment, so a buyer who came
    too late is refused with nothing charged, and the buyers who pass have
    their units held until their order is allocated and committed. Returns
    False when the checkout no longer exists: a concurrent completion of the
    same checkout turned it into an order while this one waited.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("checkout_lock_for_completion must run inside a transaction")
    if not saleor_checkout.checkout_lock(checkout):
        return False
    saleor_checkout.checkout_stock_lock(checkout)
    variant = saleor_checkout.checkout_variant_short_of_stock(checkout)
    if variant is not None:
        raise ValidationError(
            _("Not enough %(product)s left in stock to place this order; no payment was taken.")
            % {"product": saleor_checkout.variant_display_name(variant)},
            code=saleor_checkout.CheckoutErrorCode.INSUFFICIENT_STOCK.value,
        )
    return True
