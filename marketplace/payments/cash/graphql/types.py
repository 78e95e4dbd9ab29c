"""The cash-on-delivery state of a cooperative's parcel, as GraphQL shows it."""

import graphene
from prices import Money as Price
from saleor.graphql.core.types.money import Money

from ..selectors import ParcelCashStatus, cash_on_delivery_part

ParcelCashStatusEnum = graphene.Enum(
    "CashOnDeliveryStatus", [(status.name, status.value) for status in ParcelCashStatus]
)


class CooperativeCashOnDelivery(graphene.ObjectType):
    status = ParcelCashStatusEnum(required=True, description="To collect, paid or refused.")
    amount = graphene.Field(
        Money,
        required=True,
        description="This cooperative's share of the order's total: what its courier collects.",
    )
    recorded_at = graphene.DateTime(description="When the payment or the refusal was recorded.")

    class Meta:
        description = "One cooperative's parcel of an order paid in cash on delivery."


def cash_on_delivery_of(order, cooperative):
    """``cooperative``'s parcel of ``order`` for GraphQL; None if not cash on delivery."""
    part = cash_on_delivery_part(order, cooperative)
    if part is None:
        return None
    return CooperativeCashOnDelivery(
        status=part["status"].value,
        amount=Price(part["amount"], order.currency),
        recorded_at=part["parcel"].recorded_at if part["parcel"] else None,
    )
