"""Reads of pickup at a fair stop: the lists the cooperatives print for the stop."""

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, Q

from marketplace.cooperatives.models import Cooperative, OrderLineCooperative

from . import saleor_checkout
from .models import (
    CheckoutPickup,
    PickupHandover,
    PickupOrder,
    PickupShippingMethod,
    PickupStatus,
)


@dataclass
class PickupListEntry:
    pickup_order: PickupOrder
    lines: list = field(default_factory=list)  # Saleor order lines of this cooperative
    handed_over: bool = False

    @property
    def order(self):
        return self.pickup_order.order


@dataclass
class CooperativePickupList:
    cooperative: Cooperative
    entries: list = field(default_factory=list)


def pickup_lists(stop, *, cooperative=None):
    """Per cooperative (or just `cooperative`), the orders to hand over at `stop`.

    Each entry has the order, its shopper (shipping address name and phone),
    this cooperative's lines and whether it handed them over. Four queries,
    whatever the number of orders.
    """
    pickup_orders = {
        p.order_id: p
        for p in PickupOrder.objects.filter(stop=stop)
        .exclude(order__status=saleor_checkout.ORDER_CANCELED)  # the shopper cancelled it
        .select_related("order__shipping_address")
    }
    links = OrderLineCooperative.objects.filter(order_id__in=list(pickup_orders)).select_related(
        "line", "cooperative"
    )
    if cooperative is not None:
        links = links.filter(cooperative=cooperative)
    handed = set(
        PickupHandover.objects.filter(pickup_order__in=list(pickup_orders.values())).values_list(
            "pickup_order_id", "cooperative_id"
        )
    )
    lists, entries = {}, {}
    for link in links.order_by("cooperative__name_fr", "order_id", "line_id"):
        plist = lists.setdefault(link.cooperative_id, CooperativePickupList(link.cooperative))
        pickup_order = pickup_orders[link.order_id]
        key = (link.cooperative_id, link.order_id)
        if key not in entries:
            entries[key] = PickupListEntry(
                pickup_order,
                handed_over=(pickup_order.pk, link.cooperative_id) in handed,
            )
            plist.entries.append(entries[key])
        entries[key].lines.append(link.line)
    return list(lists.values())


def pickup_order_of(order_token):
    return (
        PickupOrder.objects.select_related("order", "stop__fair")
        .filter(order__token=order_token)
        .first()
    )


def pickup_stop_of_checkout(checkout):
    """The stop where `checkout` is to be collected, or None when it is delivered."""
    if checkout is None or checkout.shipping_method_id is None:
        return None
    chosen = (
        CheckoutPickup.objects.filter(
            checkout=checkout,
            checkout__shipping_method__in=PickupShippingMethod.objects.values(
                "shipping_method"
            ),
        )
        .select_related("stop__fair")
        .first()
    )
    return chosen.stop if chosen is not None else None


def attach_pickup_stops(orders):
    """Set `pickup_stop` on each order: the stop where it is to be collected, else None;
    `pickup_handed_over`: the ids of the cooperatives that handed their part over; and
    `pickup_collected`: whether every part was.

    One query, whatever the number of orders; the shopper's pages show the stop
    in place of a home address.
    """
    orders = list(orders)
    found = {
        pickup_order.order_id: pickup_order
        for pickup_order in PickupOrder.objects.filter(
            order_id__in=[order.pk for order in orders],
            status__in=(PickupStatus.AWAITING, PickupStatus.COLLECTED),
        )
        .select_related("stop__fair")
        .annotate(
            handed_over_by=ArrayAgg(
                "handovers__cooperative_id", filter=Q(handovers__isnull=False)
            )
        )
    }
    for order in orders:
        pickup_order = found.get(order.pk)
        order.pickup_stop = pickup_order.stop if pickup_order else None
        order.pickup_handed_over = set(pickup_order.handed_over_by) if pickup_order else set()
        order.pickup_collected = bool(pickup_order) and (
            pickup_order.status == PickupStatus.COLLECTED
        )
    return orders


@dataclass(frozen=True)
class PickupPart:
    """A cooperative's part of an order collected at a fair stop, as its order page shows it."""

    stop: object
    status: str
    status_label: str
    handed_over: bool

    @property
    def to_hand_over(self):
        return self.status == PickupStatus.AWAITING and not self.handed_over


def pickup_part_of(order, cooperative):
    """`cooperative`'s part of `order` when the order is collected at a stop (or awaits the
    shopper's choice after the stop was cancelled), else None: the order is shipped."""
    pickup_order = (
        PickupOrder.objects.filter(order=order)
        .exclude(status=PickupStatus.MOVED_TO_DELIVERY)
        .select_related("stop__fair")
        .annotate(
            handed_over=Exists(
                PickupHandover.objects.filter(
                    pickup_order=OuterRef("pk"), cooperative=cooperative
                )
            )
        )
        .first()
    )
    if pickup_order is None:
        return None
    return PickupPart(
        stop=pickup_order.stop,
        status=pickup_order.status,
        status_label=pickup_order.get_status_display(),
        handed_over=pickup_order.handed_over,
    )
