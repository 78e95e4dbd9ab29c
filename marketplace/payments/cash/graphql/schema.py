"""Cash on delivery over GraphQL: a cooperative (or staff) records cash or a refused parcel."""

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.scalars import Decimal

from marketplace.cooperatives import access
from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.graphql.errors import CooperativeError, cooperative_from_global_id
from marketplace.cooperatives.graphql.orders import CooperativeOrder, OrdersMutation, _pk
from marketplace.cooperatives.saleor_orders import order_by_pk
from marketplace.cooperatives.selectors.orders import order_for_cooperative

from ..services import cash_on_delivery_record, cash_on_delivery_refuse
from .types import CooperativeCashOnDelivery, cash_on_delivery_of


class CashOnDeliveryMutation(OrdersMutation):
    order = graphene.Field(CooperativeOrder, description="The order as the cooperative sees it.")
    cash_on_delivery = graphene.Field(CooperativeCashOnDelivery)

    class Meta:
        abstract = True

    @classmethod
    def _cooperative_and_order(cls, info, data):
        cooperative = cooperative_from_global_id(data["cooperative"])
        access.ensure_member_or_reviewer(info.context.user, cooperative)
        order = order_by_pk(_pk(data["order"], "Order", "order"))
        if order is None:
            raise ValidationError(
                {"order": ValidationError(
                    "Couldn't resolve to an order.", code=CooperativeErrorCode.NOT_FOUND.value
                )}
            )
        return cooperative, order

    @classmethod
    def _payload(cls, cooperative, order):
        seen = order_for_cooperative(cooperative, order.pk)
        return cls(order=seen, cash_on_delivery=cash_on_delivery_of(seen, cooperative.pk))


class CooperativeCashRecord(CashOnDeliveryMutation):
    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the delivering cooperative.")
        order = graphene.ID(required=True, description="ID of the Saleor order.")
        amount = Decimal(
            description=(
                "The amount the courier collected, as shown to you; refused unless it is "
                "exactly the cooperative's share due. Omit it to record the share due."
            )
        )

    class Meta:
        description = (
            "Record that the shopper paid a cooperative's parcel in cash on delivery: captures "
            "exactly its share of the order on the payment and records its sale. Once only."
        )
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative, order = cls._cooperative_and_order(info, data)
        cash_on_delivery_record(
            cooperative=cooperative, user=info.context.user, order=order, amount=data.get("amount")
        )
        return cls._payload(cooperative, order)


class CooperativeParcelRefuse(CashOnDeliveryMutation):
    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the delivering cooperative.")
        order = graphene.ID(required=True, description="ID of the Saleor order.")

    class Meta:
        description = (
            "Record that the shopper refused a cooperative's parcel at the door: its items go "
            "back to its stock and nothing is owed for it; an order refused in full is cancelled."
        )
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative, order = cls._cooperative_and_order(info, data)
        cash_on_delivery_refuse(cooperative=cooperative, user=info.context.user, order=order)
        return cls._payload(cooperative, order)


class CashOnDeliveryMutations(graphene.ObjectType):
    cooperative_cash_record = CooperativeCashRecord.Field()
    cooperative_parcel_refuse = CooperativeParcelRefuse.Field()
