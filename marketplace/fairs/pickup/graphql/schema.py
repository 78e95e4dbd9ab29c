"""Pickup at a fair stop over GraphQL: the options of a checkout, choosing one, handing over."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.cooperatives.graphql.errors import cooperative_from_global_id
from marketplace.orders.saleor_checkout import CheckoutType

from .. import saleor_checkout
from ..errors import PickupErrorCode
from ..models import PickupOrder as PickupOrderModel
from ..models import PickupStatus
from ..services import checkout_pickup_choose, pickup_options_for, pickup_order_collect
from .errors import PickupError, PickupMutation

PickupStatusEnum = graphene.Enum.from_enum(PickupStatus)


class PickupOption(graphene.ObjectType):
    stop_id = graphene.ID(required=True, description="Global ID of the fair stop.")
    title = graphene.String(required=True)
    venue = graphene.String(required=True)
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime(required=True)
    available = graphene.Boolean(
        required=True, description="Whether this checkout may be collected there."
    )
    reason = graphene.String(
        required=True, description="Why not (the items not sold there, or the cut-off); else ''."
    )

    class Meta:
        description = "An upcoming fair stop where online orders may be collected."

    @staticmethod
    def resolve_stop_id(root, _info):
        return graphene.Node.to_global_id("FairStop", root.stop_id)


class PickupOrder(graphene.ObjectType):
    order_id = graphene.ID(required=True, description="Global ID of the Saleor order.")
    stop_id = graphene.ID(required=True, description="Global ID of the fair stop.")
    status = PickupStatusEnum(required=True)

    class Meta:
        description = "An online order collected at a fair stop."

    @staticmethod
    def resolve_order_id(root, _info):
        return graphene.Node.to_global_id("Order", root.order_id)

    @staticmethod
    def resolve_stop_id(root, _info):
        return graphene.Node.to_global_id("FairStop", root.stop_id)

    @staticmethod
    def resolve_status(root, _info):
        return root.status


def _pk_of(global_id, type_name, field):
    try:
        kind, pk = graphene.Node.from_global_id(global_id)
        if kind == type_name:
            return pk
    except (TypeError, ValueError, UnicodeDecodeError):
        pass
    raise ValidationError(
        {
            field: ValidationError(
                _("Nothing matches this ID: %(id)s.") % {"id": global_id},
                code=PickupErrorCode.NOT_FOUND.value,
            )
        }
    )


class CheckoutPickupSet(PickupMutation):
    checkout = graphene.Field(CheckoutType)

    class Arguments:
        checkout_id = graphene.ID(required=True, description="ID of the checkout.")
        stop_id = graphene.ID(required=True, description="ID of the fair stop.")

    class Meta:
        description = (
            "Collect the checkout at a fair stop instead of having it delivered: sets the pickup "
            "shipping method (free) and the stop's venue as shipping address. Refused, naming the "
            "items, unless every cooperative of the checkout exhibits there; closes at the "
            "stop's cut-off."
        )
        error_type_class = PickupError
        error_type_field = "pickup_errors"

    @classmethod
    def perform_mutation(cls, _root, _info, checkout_id, stop_id):
        token = _pk_of(checkout_id, "Checkout", "checkout_id")
        checkout = saleor_checkout.checkout_by_token(token)
        if checkout is None:
            raise ValidationError(
                {
                    "checkout_id": ValidationError(
                        _("No checkout matches this ID: %(id)s.") % {"id": checkout_id},
                        code=PickupErrorCode.NOT_FOUND.value,
                    )
                }
            )
        pk = _pk_of(stop_id, "FairStop", "stop_id")
        checkout_pickup_choose(checkout=checkout, stop_id=int(pk) if pk.isdigit() else 0)
        return cls(checkout=checkout)


class PickupOrderCollect(PickupMutation):
    pickup_order = graphene.Field(PickupOrder)

    class Arguments:
        order_id = graphene.ID(required=True, description="ID of the Saleor order.")
        cooperative = graphene.ID(
            description=(
                "ID of the cooperative handing over its items. Omit it (fair staff only) to "
                "mark the whole order collected."
            )
        )

    class Meta:
        description = (
            "Record at the stop that a cooperative handed its items of a pickup order to the "
            "shopper; the order is collected once every cooperative in it has."
        )
        error_type_class = PickupError
        error_type_field = "pickup_errors"

    @classmethod
    def perform_mutation(cls, _root, info, order_id, cooperative=None):
        pk = _pk_of(order_id, "Order", "order_id")
        pickup_order = PickupOrderModel.objects.filter(
            order_id=int(pk) if pk.isdigit() else 0
        ).first()
        if pickup_order is None:
            raise ValidationError(
                {
                    "order_id": ValidationError(
                        _("This order is not collected at a fair stop."),
                        code=PickupErrorCode.NOT_FOUND.value,
                    )
                }
            )
        if cooperative is not None:
            cooperative = cooperative_from_global_id(cooperative)
        pickup_order = pickup_order_collect(
            pickup_order=pickup_order, user=info.context.user, cooperative=cooperative
        )
        return cls(pickup_order=pickup_order)


class PickupQueries(graphene.ObjectType):
    checkout_pickup_options = graphene.List(
        graphene.NonNull(PickupOption),
        token=graphene.UUID(required=True, description="The checkout's token."),
        description=(
            "The upcoming fair stops where online orders may be collected, each saying whether "
            "this checkout may be collected there and, if not, why."
        ),
    )

    @staticmethod
    def resolve_checkout_pickup_options(_root, _info, token):
        checkout = saleor_checkout.checkout_by_token(token)
        return [] if checkout is None else pickup_options_for(checkout)


class PickupMutations(graphene.ObjectType):
    checkout_pickup_set = CheckoutPickupSet.Field()
    pickup_order_collect = PickupOrderCollect.Field()
