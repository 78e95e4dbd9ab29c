"""What the cooperatives, the shopper and staff read about cash on delivery."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.selectors.orders import (
    cooperative_amounts_due,
    money,
    with_amounts_due,
)

from .models import CashOnDeliveryParcel, ParcelOutcome
from .plugin import PLUGIN_ID
from .saleor_payments import Payment


class ParcelCashStatus(models.TextChoices):
    TO_COLLECT = "to_collect", _("To be paid in cash on delivery")
    PAID = ParcelOutcome.PAID.value, ParcelOutcome.PAID.label
    REFUSED = ParcelOutcome.REFUSED.value, ParcelOutcome.REFUSED.label


def is_cash_on_delivery(order):
    return Payment.objects.filter(order=order, gateway=PLUGIN_ID).exists()


def _paid_in_cash(order):
    return any(payment.gateway == PLUGIN_ID for payment in order.payments.all())


def with_cash_amounts_due(orders):
    """Read the shares due of the cash-on-delivery ``orders`` (a list's page) in one batch.

    ``cash_on_delivery_parts`` then reads the amounts from the orders instead
    of a few queries per order. The orders should come with their payments
    and parcels prefetched. Returns ``orders``.
    """
    with_amounts_due([order for order in orders if _paid_in_cash(order)])
    return orders


def cash_on_delivery_parts(order):
    """Per cooperative of a cash-on-delivery order: ``{"status", "amount", "parcel"}``.

    None when the order is not paid in cash on delivery. ``amount`` is the
    cooperative's share of the order's total (what its courier collects).
    """
    if not _paid_in_cash(order):
        return None
    parcels = {parcel.cooperative_id: parcel for parcel in order.cash_on_delivery_parcels.all()}
    parts = {}
    for cooperative_pk, amount in cooperative_amounts_due(order).items():
        parcel = parcels.get(cooperative_pk)
        parts[cooperative_pk] = {
            "status": ParcelCashStatus(parcel.outcome) if parcel else ParcelCashStatus.TO_COLLECT,
            "amount": amount,
            "parcel": parcel,
        }
    return parts


def cash_to_collect(parts):
    """What the shopper still has to pay in cash, over all parcels not yet paid or refused."""
    to_collect = [
        part["amount"] for part in parts.values() if part["status"] == ParcelCashStatus.TO_COLLECT
    ]
    return money(sum(to_collect, 0))


def cash_on_delivery_part(order, cooperative):
    """The cash state of ``cooperative``'s parcel (a cooperative or its pk) of ``order``.

    None if the order is not paid in cash on delivery.
    """
    parts = cash_on_delivery_parts(order)
    if parts is None:
        return None
    return parts.get(getattr(cooperative, "pk", cooperative))


def parcel_of(order, cooperative):
    return CashOnDeliveryParcel.objects.filter(order=order, cooperative=cooperative).first()
