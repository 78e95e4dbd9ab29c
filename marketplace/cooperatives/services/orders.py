"""Orders split per cooperative, and a cooperative fulfilling its own lines.

Orders stay Saleor orders: a cooperative's share of one is the set of its
lines, recorded once (``OrderLineCooperative``) when the order is placed,
and it ships them through Saleor's own fulfilments from its own warehouse.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from marketplace.fairs.pickup import pickup_part
from marketplace.payments.cash.models import CashOnDeliveryParcel, ParcelOutcome

from .. import access
from ..errors import CooperativeErrorCode
from ..models import CooperativeProduct, OrderLineCooperative
from ..saleor_orders import (
    FULFILLABLE_STATUSES,
    InsufficientStock,
    OrderLine,
    lock_order,
    ship_lines,
)

logger = logging.getLogger(__name__)


def order_lines_split(*, order):
    """Record which cooperative each line of ``order`` belongs to; safe to repeat.

    A line whose product belongs to no cooperative (or whose variant is gone)
    stays unassigned: it is logged, because no cooperative will ever ship it.
    Returns the order's line → cooperative links.
    """
    lines = list(
        OrderLine.objects.filter(order=order, cooperative_link__isnull=True).select_related(
            "variant"
        )
    )
    product_ids = {line.variant.product_id for line in lines if line.variant_id}
    owners = dict(
        CooperativeProduct.objects.filter(product_id__in=product_ids).values_list(
            "product_id", "cooperative_id"
        )
    )
    links = []
    for line in lines:
        cooperative_id = owners.get(line.variant.product_id) if line.variant_id else None
        if cooperative_id is None:
            logger.warning(
                "Order %s line %s (%s) belongs to no cooperative; left unassigned.",
                order.pk, line.pk, line.product_sku,
            )
            continue
        links.append(OrderLineCooperative(line=line, order=order, cooperative_id=cooperative_id))
    # A hook replayed concurrently may have inserted the same lines meanwhile.
    OrderLineCooperative.objects.bulk_create(links, ignore_conflicts=True)
    return list(OrderLineCooperative.objects.filter(order=order).select_related("line"))


def _error(field, message, code, params=None):
    return ValidationError({field: ValidationError(message, code=code.value, params=params)})


def cooperative_order_fulfil(*, cooperative, user, order, lines, notify_customer=True):
    """Ship ``lines`` ({OrderLine: quantity}) of ``order`` from ``cooperative``'s warehouse.

    Only a member of the cooperative may, and only for its own lines: one
    line of another cooperative in the request refuses the whole request.
    The order row is locked, so a form submitted twice cannot fulfil the
    same units twice: the second sees what the first shipped. Stock leaves
    the cooperative's warehouse through Saleor's ``create_fulfillments``,
    which also moves the order's status and fires the plugins' hooks.
    Returns the created Saleor fulfilments.
    """
    access.ensure_member(user, cooperative)
    if cooperative.warehouse_id is None:
        raise _error(
            "warehouse",
            _("This cooperative has no warehouse to ship from."),
            CooperativeErrorCode.NO_WAREHOUSE,
        )
    quantities = {}
    for line, quantity in lines.items():
        line_pk = getattr(line, "pk", line)
        if not isinstance(quantity, int) or quantity < 0:
            raise _error(
                "quantity",
                _("A quantity must be a whole number, zero or more."),
                CooperativeErrorCode.INVALID_QUANTITY,
            )
        quantities[line_pk] = quantities.get(line_pk, 0) + quantity
    if sum(quantities.values()) <= 0:
        raise _error(
            "lines",
            _("Choose at least one item to ship."),
            CooperativeErrorCode.INVALID_QUANTITY,
        )

    with transaction.atomic():
        locked_order = lock_order(order.pk)
        if pickup_part(locked_order, cooperative) is not None:
            raise _error(
                "order",
                _("This order is collected at a fair stop: hand it over at your stand, "
                  "do not ship it."),
                CooperativeErrorCode.PICKUP_ORDER,
            )
        return _ship_own_lines(
            cooperative=cooperative,
            user=user,
            locked_order=locked_order,
            quantities=quantities,
            notify_customer=notify_customer,
        )


def cooperative_part_hand_over(*, cooperative, user, order):
    """Fulfil every unshipped line of ``cooperative``'s part of a pickup ``order``, handed over
    at the fair stop; return the created fulfilments (none when nothing was left).

    Only the pickup hand-over calls this, after deciding who may record it:
    the hand-over is that part's fulfilment, so stock, the order's status and
    the card capture move exactly as for a shipment. The order row is locked.
    """
    if cooperative.warehouse_id is None:
        raise _error(
            "warehouse",
            _("This cooperative has no warehouse to ship from."),
            CooperativeErrorCode.NO_WAREHOUSE,
        )
    with transaction.atomic():
        locked_order = lock_order(order.pk)
        quantities = {
            line.pk: line.quantity_unfulfilled
            for line in OrderLine.objects.filter(
                order=locked_order, cooperative_link__cooperative=cooperative
            ).order_by("pk")
            if line.quantity_unfulfilled > 0
        }
        if not quantities:
            return []
        return _ship_own_lines(
            cooperative=cooperative,
            user=user,
            locked_order=locked_order,
            quantities=quantities,
            notify_customer=False,
        )


def _ship_own_lines(*, cooperative, user, locked_order, quantities, notify_customer):
    """Ship ``quantities`` ({line pk: quantity}) of the locked order from the cooperative's
    warehouse, refusing (nothing changed) anything not its own or not left to ship."""
    if locked_order.status not in FULFILLABLE_STATUSES:
        raise _error(
            "order",
            _("This order cannot be shipped in its current state (%(status)s)."),
            CooperativeErrorCode.INVALID_TRANSITION,
            {"status": locked_order.get_status_display()},
        )
    if CashOnDeliveryParcel.objects.filter(
        order=locked_order, cooperative=cooperative, outcome=ParcelOutcome.REFUSED
    ).exists():
        raise _error(
            "order",
            _("The shopper refused this cooperative's parcel: there is nothing to ship."),
            CooperativeErrorCode.INVALID_TRANSITION,
        )
    own_lines = {
        line.pk: line
        for line in OrderLine.objects.filter(
            order=locked_order,
            pk__in=quantities,
            cooperative_link__cooperative=cooperative,
        ).select_related("variant")
    }
    if set(quantities) - set(own_lines):
        raise _error(
            "lines",
            _("Some of these lines are not this cooperative's to ship."),
            CooperativeErrorCode.PRODUCT_NOT_OWNED,
        )
    to_ship = []
    for line_pk, quantity in quantities.items():
        line = own_lines[line_pk]
        if quantity > line.quantity_unfulfilled:
            raise _error(
                "quantity",
                ngettext_lazy(
                    "Only %(quantity)d left to ship for %(line)s.",
                    "Only %(quantity)d left to ship for %(line)s.",
                    "quantity",
                ),
                CooperativeErrorCode.INVALID_QUANTITY,
                {"quantity": line.quantity_unfulfilled, "line": str(line)},
            )
        if quantity:
            to_ship.append({"order_line": line, "quantity": quantity})
    try:
        return ship_lines(
            user=user,
            order=locked_order,
            warehouse_id=cooperative.warehouse_id,
            lines=to_ship,
            notify_customer=notify_customer,
        )
    except InsufficientStock as error:
        raise _error(
            "lines",
            _("Not enough stock in this cooperative's warehouse for %(item)s."),
            CooperativeErrorCode.INSUFFICIENT_STOCK,
            {"item": str(error.item)},
        )
