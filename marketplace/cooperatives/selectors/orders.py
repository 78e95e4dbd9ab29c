"""What cooperatives, shoppers and council staff read about orders, the ledger and payouts.

A cooperative reads Saleor orders through its own lines only: every order
comes with ``own_lines``, the lines of that cooperative, prefetched.
"""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils.translation import gettext_lazy as _

from ..ledger_policy import (
    MARKETPLACE,
    LineFacts,
    OrderFacts,
    amounts_due_of,
    marketplace_part,
    order_shares_of,
    with_recorded_sales,
)
from ..models import (
    CommissionPolicy,
    Cooperative,
    LedgerEntry,
    LedgerEntryKind,
    OrderLineCooperative,
    PayoutBatch,
)
from ..saleor_orders import (
    Order,
    OrderLine,
    OrderStatus,
    orders_settlement,
    payments_balance,
    refund_transactions,
)

CENT = Decimal("0.01")


def money(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


class FulfilmentStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", _("Not shipped yet")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Partly shipped")
    FULFILLED = "fulfilled", _("Shipped")


def fulfilment_status(lines):
    ordered = sum(line.quantity for line in lines)
    shipped = sum(line.quantity_fulfilled for line in lines)
    if shipped <= 0:
        return FulfilmentStatus.UNFULFILLED
    if shipped < ordered:
        return FulfilmentStatus.PARTIALLY_FULFILLED
    return FulfilmentStatus.FULFILLED


def share_total(lines):
    """Gross total of a cooperative's share of an order: unit gross × quantity, summed."""
    return sum((line.unit_price_gross_amount * line.quantity for line in lines), Decimal("0"))


def order_facts_for(orders):
    """``{order pk: OrderFacts}`` of ``orders`` (orders or pks), in a fixed few queries.

    The plain facts the policy needs (see ``ledger_policy.OrderFacts``): one
    batch for a page of orders or a report, and the same code for one order.
    """
    pks = {getattr(order, "pk", order) for order in orders}
    if not pks:
        return {}
    money_of, voucher_lines = orders_settlement(pks)
    lines, rates = {pk: [] for pk in pks}, {}
    for line_pk, order_pk, unit_price, quantity, cooperative_pk, rate in (
        OrderLine.objects.filter(order_id__in=pks)
        .order_by("pk")
        .values_list(
            "pk",
            "order_id",
            "unit_price_gross_amount",
            "quantity",
            "cooperative_link__cooperative_id",
            "cooperative_link__cooperative__commission_rate",
        )
    ):
        lines[order_pk].append(
            LineFacts(
                cooperative_id=MARKETPLACE if cooperative_pk is None else cooperative_pk,
                goods=unit_price * quantity,
                voucher_applies=line_pk in voucher_lines.get(order_pk, ()),
            )
        )
        if cooperative_pk is not None:
            rates[cooperative_pk] = rate
    if None in rates.values():
        # Cooperative.effective_commission_rate, for all of them at once.
        default = CommissionPolicy.current().default_rate
        rates = {pk: default if rate is None else rate for pk, rate in rates.items()}
    return {
        pk: OrderFacts(
            lines=tuple(lines[pk]),
            rates={
                line.cooperative_id: rates[line.cooperative_id]
                for line in lines[pk]
                if line.cooperative_id != MARKETPLACE
            },
            **money,
        )
        for pk, money in money_of.items()
    }


def order_facts(order):
    """The plain facts of ``order`` the policy needs (see ``ledger_policy.OrderFacts``)."""
    return order_facts_for([order])[order.pk]


def order_shares(order):
    """Per cooperative: goods, discount share, base, commission, net; and the marketplace's."""
    return order_shares_of(order_facts(order))


def order_sales(order):
    """``{cooperative pk: its SALE entry}`` of ``order``."""
    return {
        entry.cooperative_id: entry
        for entry in LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.SALE)
    }


def recorded_order_shares(order, sales=None):
    """``order_shares`` with the amounts of the sales already recorded in place."""
    sales = order_sales(order) if sales is None else sales
    return with_recorded_sales(
        order_shares(order),
        {pk: (sale.gross, sale.commission, sale.commission_rate) for pk, sale in sales.items()},
    )


def order_books(order):
    """What the ledger says ``order`` brought in, against what its payments hold.

    ``ledger``: the cooperatives' net + commission (every entry) + the
    marketplace's shipping and own goods − the gift-card part, after the
    refunds' shares (nothing for a cancelled order); ``payments``: captured −
    refunded. ``complete``: every cooperative of the order has its sale
    recorded (or the order is cancelled), so the two must be equal.
    """
    sales = order_sales(order)
    shares = recorded_order_shares(order, sales)
    refunds = [amount for _pk, amount in refund_transactions(order)]
    cooperatives = LedgerEntry.objects.filter(order=order).aggregate(
        total=Sum(F("net") + F("commission"))
    )["total"] or Decimal("0.00")
    cancelled = order.status == OrderStatus.CANCELED
    marketplace = marketplace_part(shares, refunds, cancelled=cancelled)
    return {
        "ledger": cooperatives + marketplace,
        "payments": payments_balance(order),
        "complete": cancelled or set(shares.cooperatives) <= set(sales),
        "recorded": bool(sales),
    }


def cooperative_amounts_due_for(orders):
    """``{order pk: cooperative_amounts_due(order)}`` of ``orders``, in a fixed few queries."""
    return {
        pk: {
            (None if cooperative_pk == MARKETPLACE else cooperative_pk): amount
            for cooperative_pk, amount in amounts_due_of(order_shares_of(facts)).items()
        }
        for pk, facts in order_facts_for(orders).items()
    }


def with_amounts_due(orders):
    """Read the amounts due of ``orders`` (a page of a list) in one batch; returns ``orders``.

    Each order keeps them in ``amounts_due``, which ``cooperative_amounts_due``
    reads instead of querying again, the way a prefetch does.
    """
    due = cooperative_amounts_due_for(orders)
    for order in orders:
        order.amounts_due = due[order.pk]
    return orders


def cooperative_amounts_due(order):
    """``{cooperative pk: what the shopper owes for its part of order}`` (None: the marketplace's).

    The order total (after voucher and gift cards, shipping included) split
    pro rata to each cooperative's base per the ledger policy; the parts add
    up to the order total to the cent.
    """
    prefetched = getattr(order, "amounts_due", None)
    if prefetched is not None:
        return prefetched
    return cooperative_amounts_due_for([order])[order.pk]


def cooperative_amount_due(order, cooperative):
    """What the shopper owes for ``cooperative``'s part of ``order`` (a courier collects it)."""
    return cooperative_amounts_due(order).get(getattr(cooperative, "pk", cooperative), money(0))


def _own_lines(cooperative):
    return OrderLine.objects.filter(cooperative_link__cooperative=cooperative).order_by("pk")


def orders_for_cooperative(cooperative):
    """Saleor orders holding lines of ``cooperative``, newest first, each with ``own_lines``."""
    order_ids = OrderLineCooperative.objects.filter(cooperative=cooperative).values("order_id")
    return (
        Order.objects.filter(pk__in=order_ids)
        .exclude(status=OrderStatus.DRAFT)
        .annotate(viewing_cooperative_id=models.Value(cooperative.pk, models.IntegerField()))
        .select_related("shipping_address")
        .prefetch_related(
            Prefetch("lines", queryset=_own_lines(cooperative), to_attr="own_lines"),
            # A cash-on-delivery order's share due needs every line, its payments and parcels.
            Prefetch(
                "lines",
                queryset=OrderLine.objects.select_related("cooperative_link").order_by("pk"),
                to_attr="all_lines",
            ),
            "payments",
            "cash_on_delivery_parcels",
        )
        .order_by("-created", "-pk")
    )


def order_for_cooperative(cooperative, order_pk):
    """One order of ``cooperative`` with its ``own_lines``, or None if it holds none of them."""
    return orders_for_cooperative(cooperative).filter(pk=order_pk).first()


def order_fulfilment_by_cooperative(order):
    """The shopper's view of ``order``: per cooperative, its lines and how far they shipped.

    Returns a list of ``{"cooperative", "lines", "status"}``, cooperatives in
    name order; lines of no cooperative come last with ``cooperative`` None.
    """
    lines = (
        OrderLine.objects.filter(order=order)
        .select_related("cooperative_link__cooperative")
        .order_by("pk")
    )
    groups = {}
    for line in lines:
        link = getattr(line, "cooperative_link", None)
        cooperative = link.cooperative if link else None
        key = cooperative.pk if cooperative else None
        groups.setdefault(key, {"cooperative": cooperative, "lines": []})["lines"].append(line)
    result = sorted(
        (group for key, group in groups.items() if key is not None),
        key=lambda group: (group["cooperative"].name_fr, group["cooperative"].pk),
    )
    if None in groups:
        result.append(groups[None])
    for group in result:
        group["status"] = fulfilment_status(group["lines"])
    return result


def order_by_token(token):
    """A placed order by the shopper's secret token, or None."""
    try:
        return Order.objects.exclude(status=OrderStatus.DRAFT).filter(token=str(token)).first()
    except ValueError:
        return None


def ledger_for_cooperative(cooperative):
    """The cooperative's ledger entries, newest first, with their order and batch."""
    return (
        LedgerEntry.objects.filter(cooperative=cooperative)
        .select_related("order", "payout_batch")
        .order_by("-created_at", "-pk")
    )


def ledger_balance(cooperative):
    """{"unbatched": owed and not yet in a batch, "awaiting": in a closed batch, "paid": …}."""
    totals = LedgerEntry.objects.filter(cooperative=cooperative).aggregate(
        unbatched=Sum("net", filter=Q(payout_batch__isnull=True)),
        awaiting=Sum("net", filter=Q(payout_batch__status="closed")),
        paid=Sum("net", filter=Q(payout_batch__status="paid")),
    )
    return {key: value or 0 for key, value in totals.items()}


def unbatched_balances_by_cooperative():
    """Cooperatives with entries not yet in a batch, with ``balance`` and ``entries_count``."""
    return (
        Cooperative.objects.filter(ledger_entries__payout_batch__isnull=True)
        .annotate(
            balance=Sum("ledger_entries__net"),
            entries_count=Count("ledger_entries"),
        )
        .order_by("name_fr", "pk")
    )


def payout_batches():
    """Every batch, newest first, with its ``total`` and ``cooperatives_count``."""
    return (
        PayoutBatch.objects.select_related("closed_by", "paid_by")
        .annotate(
            total=Sum("entries__net"),
            cooperatives_count=Count("entries__cooperative", distinct=True),
        )
        .order_by("-closed_at", "-pk")
    )


def payout_batch_detail(reference):
    return payout_batches().filter(reference=reference).first()


def payout_batch_entries(batch):
    return (
        LedgerEntry.objects.filter(payout_batch=batch)
        .select_related("cooperative", "order")
        .order_by("cooperative__name_fr", "cooperative_id", "created_at", "pk")
    )


def payout_lines_by_batch(batches):
    """``{batch pk: lines}`` for ``batches``, in two queries whatever their number.

    Lines are one per cooperative in the batch: the cooperative, the amount
    owed and the entries count, in the cooperatives' name order.
    """
    rows = list(
        LedgerEntry.objects.filter(payout_batch__in=[batch.pk for batch in batches])
        .values("payout_batch", "cooperative")
        .annotate(amount=Sum("net"), entries=Count("pk"))
        .order_by("payout_batch", "cooperative")
    )
    cooperatives = Cooperative.objects.in_bulk({row["cooperative"] for row in rows})
    lines = {batch.pk: [] for batch in batches}
    for row in rows:
        lines[row["payout_batch"]].append(
            {
                "cooperative": cooperatives[row["cooperative"]],
                "amount": money(row["amount"]),
                "entries": row["entries"],
            }
        )
    for batch_lines in lines.values():
        batch_lines.sort(key=lambda line: (line["cooperative"].name_fr, line["cooperative"].pk))
    return lines


def payout_batch_lines(batch):
    """Per cooperative in ``batch``: the cooperative, the amount owed and the entries count."""
    return payout_lines_by_batch([batch])[batch.pk]


def _cell(value):
    # A spreadsheet runs a cell that starts with one of these as a formula.
    value = str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


CSV_HEADER = ("cooperative", "ice", "bank", "rib", "amount_mad", "entries")


def payout_batch_csv(batch, lines=None):
    """The bank transfer list of ``batch`` as CSV text, one row per cooperative.

    ``lines`` are the batch's lines when the caller already read them.
    """
    lines = payout_batch_lines(batch) if lines is None else lines
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for line in lines:
        cooperative = line["cooperative"]
        writer.writerow(
            [
                _cell(cooperative.name_fr),
                _cell(cooperative.ice),
                _cell(cooperative.bank_name),
                _cell(cooperative.rib),
                f"{line['amount']:.2f}",
                line["entries"],
            ]
        )
    return buffer.getvalue()
