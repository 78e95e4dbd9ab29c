"""The shopper's pages name the fair stop where a checkout or an order is collected."""

from django import template

from ..saleor_checkout import ORDER_CANCELED
from ..selectors import attach_pickup_stops, pickup_stop_of_checkout

register = template.Library()


@register.filter
def pickup_stop(checkout_or_order):
    """The stop where this checkout or order is collected, or None (home delivery).

    An order may come with `pickup_stop` already set by `attach_pickup_stops`
    (lists of orders), which saves the query.
    """
    if checkout_or_order is None:
        return None
    if not hasattr(checkout_or_order, "pickup_stop"):
        if hasattr(checkout_or_order, "checkout_token"):
            attach_pickup_stops([checkout_or_order])
        else:
            return pickup_stop_of_checkout(checkout_or_order)
    return checkout_or_order.pickup_stop


@register.simple_tag
def pickup_part(order, cooperative=None):
    """Where an order collected at a stop stands, for `cooperative`'s part (or, without one,
    the whole order): "to_collect", "collected" or "canceled"; "" when it is delivered."""
    if pickup_stop(order) is None:
        return ""
    if order.status == ORDER_CANCELED:
        return "canceled"
    if cooperative is None:
        collected = order.pickup_collected
    else:
        collected = cooperative.pk in order.pickup_handed_over
    return "collected" if collected else "to_collect"
