"""Orders split per cooperative, fulfilment, the commission ledger and payouts over GraphQL.

A cooperative reads Saleor orders as ``CooperativeOrder``: the order with
only that cooperative's lines (Saleor's ``OrderLine`` type). Shoppers read
per-cooperative shipping status with their order token.
"""


import graphene
from django.core.exceptions import ValidationError
from prices import Money as Price
from saleor.graphql.core.connection import CountableConnection
from saleor.graphql.core.fields import BaseConnectionField
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types.money import Money
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.graphql.decorators import permission_required

from marketplace.payments.cash.graphql.types import CooperativeCashOnDelivery, cash_on_delivery_of
from marketplace.payments.cash.selectors import with_cash_amounts_due

from .. import access, models
from ..errors import CooperativeErrorCode
from ..permissions import CooperativePermissions
from ..saleor_orders import order_by_pk
from ..selectors.orders import (
    FulfilmentStatus,
    fulfilment_status,
    ledger_balance,
    ledger_for_cooperative,
    order_by_token,
    order_for_cooperative,
    order_fulfilment_by_cooperative,
    orders_for_cooperative,
    payout_batch_csv,
    payout_batch_lines,
    payout_batches,
    payout_lines_by_batch,
    share_total,
)
from ..services.ledger import (
    commission_policy_set,
    cooperative_commission_set,
    payout_batch_close,
    payout_batch_mark_paid,
)
from ..services.orders import cooperative_order_fulfil
from .connections import queryset_connection
from .errors import (
    CooperativeError,
    CooperativeMutation,
    cooperative_from_global_id,
    denied_as_graphql_error,
)
from .saleor_types import Address, Fulfillment, OrderLine
from .types import Cooperative

# Saleor has its own FulfillmentStatus (of a shipment); this one is a cooperative's share.
FulfilmentStatusEnum = graphene.Enum(
    "CooperativeFulfilmentStatus", [(status.name, status.value) for status in FulfilmentStatus]
)
LedgerEntryKindEnum = graphene.Enum.from_enum(models.LedgerEntryKind)
PayoutBatchStatusEnum = graphene.Enum.from_enum(models.PayoutBatchStatus)

def _price(amount, currency):
    return Price(amount or 0, currency)


class OrdersMutation(CooperativeMutation):
    class Meta:
        abstract = True

    @classmethod
    @denied_as_graphql_error
    def mutate(cls, root, info, **data):
        return super().mutate(root, info, **data)


class CooperativeOrder(graphene.ObjectType):
    id = graphene.ID(required=True, description="Global ID of the Saleor order.")
    number = graphene.String(required=True, description="User-friendly number of the order.")
    created = graphene.DateTime(required=True)
    order_status = graphene.String(required=True, description="Saleor's status of the order.")
    fulfilment_status = FulfilmentStatusEnum(
        required=True, description="How far this cooperative shipped its lines."
    )
    user_email = graphene.String(description="The shopper's e-mail, to arrange delivery.")
    shipping_address = graphene.Field(Address)
    lines = graphene.List(
        graphene.NonNull(OrderLine),
        required=True,
        description="This cooperative's lines of the order, and only those.",
    )
    total = graphene.Field(
        Money, required=True, description="Gross total of this cooperative's lines."
    )
    cash_on_delivery = graphene.Field(
        CooperativeCashOnDelivery,
        description="Its parcel's cash on delivery: to collect, paid or refused (null if not).",
    )

    class Meta:
        description = "A Saleor order as one cooperative sees it: its own lines only."

    @staticmethod
    def resolve_id(root, _info):
        return graphene.Node.to_global_id("Order", root.pk)

    @staticmethod
    def resolve_number(root, _info):
        return str(root.pk)

    @staticmethod
    def resolve_order_status(root, _info):
        return root.status

    @staticmethod
    def resolve_fulfilment_status(root, _info):
        return fulfilment_status(root.own_lines)

    @staticmethod
    def resolve_user_email(root, _info):
        return root.user_email

    @staticmethod
    def resolve_lines(root, _info):
        return root.own_lines

    @staticmethod
    def resolve_total(root, _info):
        return _price(share_total(root.own_lines), root.currency)

    @staticmethod
    def resolve_cash_on_delivery(root, _info):
        return cash_on_delivery_of(root, root.viewing_cooperative_id)


class CooperativeOrderCountableConnection(CountableConnection):
    class Meta:
        node = CooperativeOrder


class LedgerEntry(graphene.ObjectType):
    id = graphene.ID(required=True)
    kind = LedgerEntryKindEnum(required=True)
    order_id = graphene.ID(required=True, description="Global ID of the Saleor order.")
    order_number = graphene.String(required=True)
    gross = graphene.Field(Money, required=True)
    commission_rate = Decimal(required=True, description="0.1 means 10 percent.")
    commission = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True, description="What the marketplace owes.")
    payout_reference = graphene.String(description="The payout batch holding the entry.")
    created_at = graphene.DateTime(required=True)

    class Meta:
        description = (
            "A cooperative's share of one order: a sale, a refund's share of it, "
            "or a cancellation's reversal."
        )

    @staticmethod
    def resolve_id(root, _info):
        return graphene.Node.to_global_id("LedgerEntry", root.pk)

    @staticmethod
    def resolve_order_id(root, _info):
        return graphene.Node.to_global_id("Order", root.order_id)

    @staticmethod
    def resolve_order_number(root, _info):
        return str(root.order_id)

    @staticmethod
    def resolve_gross(root, _info):
        return _price(root.gross, root.currency)

    @staticmethod
    def resolve_commission(root, _info):
        return _price(root.commission, root.currency)

    @staticmethod
    def resolve_net(root, _info):
        return _price(root.net, root.currency)

    @staticmethod
    def resolve_payout_reference(root, _info):
        return root.payout_batch.reference if root.payout_batch_id else None


class LedgerEntryCountableConnection(CountableConnection):
    class Meta:
        node = LedgerEntry


class CooperativeLedger(graphene.ObjectType):
    commission_rate = Decimal(required=True, description="The rate applied to new sales.")
    unbatched = graphene.Field(Money, required=True, description="Owed, not yet in a payout.")
    awaiting = graphene.Field(Money, required=True, description="In a payout not yet paid.")
    paid = graphene.Field(Money, required=True, description="Paid out.")
    entries = graphene.relay.ConnectionField(
        LedgerEntryCountableConnection, required=True, description="Entries, newest first."
    )

    class Meta:
        description = "What the marketplace owes one cooperative, entry by entry."

    @staticmethod
    def resolve_entries(root, _info, **args):
        return queryset_connection(root.entries, args, LedgerEntryCountableConnection)


def _ledger(cooperative):
    balance = ledger_balance(cooperative)
    currency = models.LedgerEntry._meta.get_field("currency").default
    return CooperativeLedger(
        commission_rate=cooperative.effective_commission_rate(),
        unbatched=_price(balance["unbatched"], currency),
        awaiting=_price(balance["awaiting"], currency),
        paid=_price(balance["paid"], currency),
        entries=ledger_for_cooperative(cooperative),
    )


class PayoutLine(graphene.ObjectType):
    cooperative = graphene.Field(Cooperative, required=True)
    ice = graphene.String(required=True)
    bank_name = graphene.String(required=True)
    rib = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    entries = graphene.Int(required=True)

    class Meta:
        description = "One transfer of a payout batch: a cooperative and what it is owed."


def _payout_lines(batch):
    lines = getattr(batch, "payout_lines", None)
    return payout_batch_lines(batch) if lines is None else lines


def _with_payout_lines(batches):
    for batch_pk, lines in payout_lines_by_batch(batches).items():
        next(batch for batch in batches if batch.pk == batch_pk).payout_lines = lines


class PayoutBatch(graphene.ObjectType):
    id = graphene.ID(required=True)
    reference = graphene.String(required=True)
    status = PayoutBatchStatusEnum(required=True)
    closed_at = graphene.DateTime(required=True)
    closed_by_email = graphene.String()
    paid_at = graphene.DateTime()
    paid_by_email = graphene.String()
    total = graphene.Field(Money, required=True)
    lines = graphene.List(
        graphene.NonNull(PayoutLine), required=True, description="One transfer per cooperative."
    )
    csv = graphene.String(required=True, description="The transfer list as CSV text.")

    class Meta:
        description = "Amounts owed to cooperatives, closed by staff, then paid by transfer."

    @staticmethod
    def resolve_id(root, _info):
        return graphene.Node.to_global_id("PayoutBatch", root.pk)

    @staticmethod
    def resolve_closed_by_email(root, _info):
        return root.closed_by.email if root.closed_by_id else None

    @staticmethod
    def resolve_paid_by_email(root, _info):
        return root.paid_by.email if root.paid_by_id else None

    @staticmethod
    def resolve_total(root, _info):
        total = getattr(root, "total", None)
        if total is None:
            total = sum(line["amount"] for line in _payout_lines(root))
        return _price(total, models.LedgerEntry._meta.get_field("currency").default)

    @staticmethod
    def resolve_lines(root, _info):
        currency = models.LedgerEntry._meta.get_field("currency").default
        return [
            PayoutLine(
                cooperative=line["cooperative"],
                ice=line["cooperative"].ice,
                bank_name=line["cooperative"].bank_name,
                rib=line["cooperative"].rib,
                amount=_price(line["amount"], currency),
                entries=line["entries"],
            )
            for line in _payout_lines(root)
        ]

    @staticmethod
    def resolve_csv(root, _info):
        return payout_batch_csv(root, _payout_lines(root))


class PayoutBatchCountableConnection(CountableConnection):
    class Meta:
        node = PayoutBatch


class CooperativeFulfilmentGroup(graphene.ObjectType):
    cooperative = graphene.Field(
        Cooperative, description="The cooperative shipping these lines; null for none."
    )
    status = FulfilmentStatusEnum(required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)

    class Meta:
        description = "The lines of an order one cooperative ships, and how far it shipped them."


def _pk(global_id, type_name, field):
    try:
        return int(from_global_id_strict_type(global_id, type_name, field=field))
    except ValueError:
        raise ValidationError(
            {field: ValidationError(
                "Couldn't resolve to a node: %(id)s", code=CooperativeErrorCode.NOT_FOUND.value,
                params={"id": global_id},
            )}
        )


class OrdersQueries(graphene.ObjectType):
    cooperative_orders = graphene.relay.ConnectionField(
        CooperativeOrderCountableConnection,
        cooperative=graphene.Argument(graphene.ID, required=True),
        description=(
            "Orders holding a cooperative's products, newest first, each with only its "
            "lines (its members and council reviewers)."
        ),
    )
    cooperative_ledger = graphene.Field(
        CooperativeLedger,
        cooperative=graphene.Argument(graphene.ID, required=True),
        description="A cooperative's ledger (its members and council reviewers).",
    )
    payout_batches = BaseConnectionField(
        PayoutBatchCountableConnection,
        description="Payout batches, newest first (council reviewers only).",
    )
    order_cooperative_fulfilments = graphene.List(
        graphene.NonNull(CooperativeFulfilmentGroup),
        token=graphene.Argument(graphene.UUID, required=True, description="The order's token."),
        description="An order's lines grouped by the cooperative shipping them, with status.",
    )

    @denied_as_graphql_error
    def resolve_cooperative_orders(self, info, cooperative, **args):
        cooperative = cooperative_from_global_id(cooperative)
        access.ensure_member_or_reviewer(info.context.user, cooperative)
        return queryset_connection(
            orders_for_cooperative(cooperative),
            args,
            CooperativeOrderCountableConnection,
            prepare=with_cash_amounts_due,
        )

    @denied_as_graphql_error
    def resolve_cooperative_ledger(self, info, cooperative):
        cooperative = cooperative_from_global_id(cooperative)
        access.ensure_member_or_reviewer(info.context.user, cooperative)
        return _ledger(cooperative)

    @permission_required(CooperativePermissions.MANAGE_COOPERATIVES)
    def resolve_payout_batches(self, info, **args):
        return queryset_connection(
            payout_batches(), args, PayoutBatchCountableConnection, prepare=_with_payout_lines
        )

    @denied_as_graphql_error
    def resolve_order_cooperative_fulfilments(self, info, token):
        order = order_by_token(token)
        if order is None:
            return None
        return [
            CooperativeFulfilmentGroup(**group) for group in order_fulfilment_by_cooperative(order)
        ]


class CooperativeOrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(required=True, description="ID of one of the cooperative's lines.")
    quantity = graphene.Int(required=True, description="How many items to ship now.")


class CooperativeOrderFulfill(OrdersMutation):
    order = graphene.Field(CooperativeOrder, description="The order after the shipment.")
    fulfillments = graphene.List(graphene.NonNull(Fulfillment), description="Created shipments.")

    class Arguments:
        cooperative = graphene.ID(required=True, description="ID of the shipping cooperative.")
        order = graphene.ID(required=True, description="ID of the Saleor order.")
        lines = graphene.List(graphene.NonNull(CooperativeOrderFulfillLineInput), required=True)
        notify_customer = graphene.Boolean(
            default_value=True, description="E-mail the shopper about the shipment."
        )

    class Meta:
        description = "Ship some of a cooperative's lines of an order from its own warehouse."
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        user = info.context.user
        cooperative = cooperative_from_global_id(data["cooperative"])
        access.ensure_member(user, cooperative)
        order_pk = _pk(data["order"], "Order", "order")
        order = order_by_pk(order_pk)
        if order is None:
            raise ValidationError(
                {"order": ValidationError(
                    "Couldn't resolve to an order.", code=CooperativeErrorCode.NOT_FOUND.value
                )}
            )
        quantities = {}
        for line in data["lines"]:
            pk = _pk(line["order_line_id"], "OrderLine", "lines")
            quantities[pk] = quantities.get(pk, 0) + line["quantity"]
        fulfillments = cooperative_order_fulfil(
            cooperative=cooperative,
            user=user,
            order=order,
            lines=quantities,
            notify_customer=data["notify_customer"],
        )
        return cls(
            order=order_for_cooperative(cooperative, order.pk), fulfillments=fulfillments
        )


class CommissionPolicy(graphene.ObjectType):
    default_rate = Decimal(required=True, description="0.1 means 10 percent.")

    class Meta:
        description = "The marketplace's default commission."


class CommissionPolicyUpdate(OrdersMutation):
    commission_policy = graphene.Field(CommissionPolicy)

    class Arguments:
        default_rate = Decimal(required=True, description="A fraction: 0.1 means 10 percent.")

    class Meta:
        description = "Set the marketplace's default commission rate."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        policy = commission_policy_set(user=info.context.user, default_rate=data["default_rate"])
        return cls(commission_policy=CommissionPolicy(default_rate=policy.default_rate))


class CooperativeCommissionUpdate(OrdersMutation):
    cooperative = graphene.Field(Cooperative)
    commission_rate = Decimal(description="The rate now applied to its new sales.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative.")
        rate = Decimal(description="Its own rate; null returns it to the default.")

    class Meta:
        description = "Give a cooperative its own commission rate, or return it to the default."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        cooperative = cls.get_node_or_error(info, data["id"], only_type=Cooperative)
        cooperative = cooperative_commission_set(
            cooperative=cooperative, user=info.context.user, rate=data.get("rate")
        )
        return cls(
            cooperative=cooperative, commission_rate=cooperative.effective_commission_rate()
        )


class PayoutBatchClose(OrdersMutation):
    payout_batch = graphene.Field(PayoutBatch)

    class Meta:
        description = "Close a payout batch of every unbatched entry of cooperatives owed money."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        batch = payout_batch_close(user=info.context.user)
        return cls(payout_batch=batch)


class PayoutBatchMarkPaid(OrdersMutation):
    payout_batch = graphene.Field(PayoutBatch)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the payout batch.")

    class Meta:
        description = "Record that a payout batch's transfers were sent."
        permissions = (CooperativePermissions.MANAGE_COOPERATIVES,)
        error_type_class = CooperativeError
        error_type_field = "cooperative_errors"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        pk = _pk(data["id"], "PayoutBatch", "id")
        batch = models.PayoutBatch.objects.filter(pk=pk).first()
        if batch is None:
            raise ValidationError(
                {"id": ValidationError(
                    "Couldn't resolve to a payout batch.",
                    code=CooperativeErrorCode.NOT_FOUND.value,
                )}
            )
        batch = payout_batch_mark_paid(batch=batch, user=info.context.user)
        return cls(payout_batch=batch)


class OrdersMutations(graphene.ObjectType):
    cooperative_order_fulfill = CooperativeOrderFulfill.Field()
    commission_policy_update = CommissionPolicyUpdate.Field()
    cooperative_commission_update = CooperativeCommissionUpdate.Field()
    payout_batch_close = PayoutBatchClose.Field()
    payout_batch_mark_paid = PayoutBatchMarkPaid.Field()
