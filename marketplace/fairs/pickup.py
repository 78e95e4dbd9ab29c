"""Collection of an online order at a fair stop, as a checkout delivery option.

Extension point shared with the storefront's checkout pages: the fairs app
replaces the bodies.
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
    return []


def choose_pickup(checkout, stop_id):
    """Have the checkout collected at `stop_id`; raises ValidationError if it may not."""
    raise NotImplementedError
