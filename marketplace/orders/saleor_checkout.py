"""The one place where checkout completion reaches into Saleor's checkout and stock.

Saleor 2.10 checks stock in ``prepare_order_data``, captures the payment, then
allocates in ``create_order`` — and ``allocate_stock`` sums the allocations
before its lazy ``select_for_update`` queryset locks the stock rows, so
concurrent completions all see the same free quantity. The functions here take
the row locks Saleor's code then finds already held, and read availability
with Saleor's own rule (``check_stock_quantity``). When the engine moves, this
is the file that changes.
"""

from collections import Counter

from graphql_relay import from_global_id
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout
from saleor.core.exceptions import InsufficientStock
from saleor.core.utils.url import validate_storefront_url
from saleor.graphql.checkout.mutations import CheckoutComplete as SaleorCheckoutComplete
from saleor.graphql.checkout.types import Checkout as CheckoutType
from saleor.graphql.core.types.common import CheckoutError
from saleor.order.models import Order
from saleor.warehouse.availability import check_stock_quantity
from saleor.warehouse.models import Stock

__all__ = [
    "CheckoutError",
    "CheckoutErrorCode",
    "CheckoutType",
    "SaleorCheckoutComplete",
    "checkout_lock",
    "checkout_stock_lock",
    "checkout_variant_short_of_stock",
    "order_from_checkout",
    "validate_storefront_url",
    "variant_display_name",
]


def checkout_lock(checkout):
    """Lock the checkout row; False when it is gone (completed by someone else meanwhile)."""
    return Checkout.objects.select_for_update().filter(pk=checkout.pk).exists()


def checkout_stock_lock(checkout):
    """Lock every stock row of the checkout's variants, in primary-key order.

    One order for every completion, whatever its lines, so two checkouts that
    share variants wait for each other instead of deadlocking.
    """
    variant_ids = checkout.lines.values("variant_id")
    list(
        Stock.objects.select_for_update()
        .filter(product_variant_id__in=variant_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def checkout_variant_short_of_stock(checkout):
    """The first variant the checkout wants more of than is free, else None.

    Quantities are summed per variant: 2.10 allows two lines of one variant
    (with different ``data``), which ``create_line_for_order`` checks one by one.
    """
    lines = list(checkout.lines.select_related("variant__product").order_by("pk"))
    wanted = Counter()
    for line in lines:
        wanted[line.variant] += line.quantity
    country = checkout.get_country()
    for variant, quantity in wanted.items():
        try:
            check_stock_quantity(variant, country, quantity)
        except InsufficientStock:
            return variant
    return None


def variant_display_name(variant):
    """The product (and variant) name in the active language, as the shopper saw it."""
    name = variant.product.translated.name
    if variant.name:
        name = f"{name} — {variant.translated.name}"
    return name


def order_from_checkout(checkout_id):
    """The order a checkout (by its global ID) was completed into, if any."""
    try:
        type_name, token = from_global_id(checkout_id)
    except (TypeError, ValueError):  # a malformed ID: Saleor has already said so
        return None
    if type_name != "Checkout":
        return None
    return Order.objects.filter(checkout_token=token).order_by("pk").first()
