"""Collection of an online order at a fair stop, as a checkout delivery option.

Extension point shared with the storefront's checkout pages (they call
these two functions); the app `marketplace.fairs.pickup` (label
`fairs_pickup`) implements them in `services`.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PickupOption:
    stop_id: int
    title: str
    venue: str
    starts_at: datetime
    ends_at: datetime
    available: bool
    reason: str  # why not available (which items are not sold there), else ""


def pickup_options(checkout):
    """The upcoming stops offering pickup, each saying whether this checkout may use it."""
    from .services import pickup_options_for

    return pickup_options_for(checkout)


def choose_pickup(checkout, stop_id):
    """Have the checkout collected at `stop_id`; raises ValidationError if it may not."""
    from .services import checkout_pickup_choose

    return checkout_pickup_choose(checkout=checkout, stop_id=stop_id)


def attach_pickup_stops(orders):
    """Set `pickup_stop` on each order (the stop where it is collected, else None); one query."""
    from .selectors import attach_pickup_stops as attach

    return attach(orders)


def is_pickup_method(shipping_method):
    """Whether this Saleor shipping method is pickup at a stop (chosen with `choose_pickup`,
    never listed as a home delivery method)."""
    from .saleor_checkout import is_pickup_method as check

    return check(shipping_method)


def leave_pickup(checkout):
    """The shopper goes back to home delivery: their own address replaces the stop's venue."""
    from .services import checkout_pickup_leave

    return checkout_pickup_leave(checkout=checkout)


def pickup_stop_of(checkout):
    """The stop `checkout` is to be collected at, or None when it is delivered."""
    from .selectors import pickup_stop_of_checkout

    return pickup_stop_of_checkout(checkout)


def pickup_part(order, cooperative):
    """`cooperative`'s part of `order` collected at a fair stop (`stop`, `status`,
    `status_label`, `handed_over`, `to_hand_over`), or None when the order is shipped."""
    from .selectors import pickup_part_of

    return pickup_part_of(order, cooperative)
