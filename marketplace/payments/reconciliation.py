"""The staff reconciliation report: what the payments say against what the ledger says.

Per day (Africa/Casablanca) and per gateway: money captured, money
refunded, and cash outstanding — cash-on-delivery orders delivered in full
whose payment is not fully captured yet. Read from Saleor's own Payment and
Transaction rows, never from a gateway's models, so the report holds
whatever the provider. Then every order touched in the period whose
payments and ledger disagree (there should be none): the books of an order
are checked once every cooperative's sale is recorded, by the ledger
policy's own arithmetic (``cooperatives.ledger_policy``).

Every figure is computed in a fixed number of queries, whatever the number
of days, gateways or orders.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytz
from django.db.models import F, Max, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from marketplace.cooperatives.ledger_policy import (
    marketplace_part,
    order_shares_of,
    with_recorded_sales,
)
from marketplace.cooperatives.models import LedgerEntry, LedgerEntryKind
from marketplace.cooperatives.saleor_orders import (
    CAPTURE_KINDS,
    MANUAL_GATEWAY,
    REFUND_KIND,
    ChargeStatus,
    Order,
    OrderStatus,
    Payment,
    Transaction,
)
from marketplace.cooperatives.selectors.orders import order_facts_for

COD_GATEWAY = "marketplace.payments.cash_on_delivery"
REPORT_TIMEZONE = "Africa/Casablanca"
MAX_DAYS = 366
ZERO = Decimal("0.00")


@dataclass
class DayRow:
    day: datetime.date
    gateway: str
    captured: Decimal = ZERO
    refunded: Decimal = ZERO
    cash_outstanding: Decimal = ZERO
    cash_orders: int = 0


@dataclass
class Disagreement:
    order_id: int
    order_number: str
    reason: str  # "sale_missing" or "amounts_differ"
    payments: Decimal
    ledger: Decimal


def _local():
    return pytz.timezone(REPORT_TIMEZONE)


def _bounds(date_from, date_to):
    zone = _local()
    start = zone.localize(datetime.datetime.combine(date_from, datetime.time.min))
    end = zone.localize(
        datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def _day_rows(date_from, date_to):
    start, end = _bounds(date_from, date_to)
    rows = {}

    def row(day, gateway):
        return rows.setdefault((day, gateway), DayRow(day=day, gateway=gateway))

    with timezone.override(_local()):
        moves = (
            Transaction.objects.filter(
                is_success=True,
                created__gte=start,
                created__lt=end,
                kind__in=[*CAPTURE_KINDS, REFUND_KIND],
            )
            .annotate(day=TruncDate("created"))
            .order_by()
            .values("day", "payment__gateway", "kind")
            .annotate(amount=Sum("amount"))
        )
        for move in moves:
            target = row(move["day"], move["payment__gateway"])
            if move["kind"] == REFUND_KIND:
                target.refunded += move["amount"]
            else:
                target.captured += move["amount"]
        # Marked as paid by staff: Saleor records no transaction, only the payment.
        manual = (
            Payment.objects.filter(gateway=MANUAL_GATEWAY, created__gte=start, created__lt=end)
            .exclude(charge_status=ChargeStatus.NOT_CHARGED)
            .annotate(day=TruncDate("created"))
            .order_by()
            .values("day")
            .annotate(amount=Sum("total"))
        )
        for payment in manual:
            row(payment["day"], MANUAL_GATEWAY).captured += payment["amount"]
        outstanding = (
            Payment.objects.filter(
                gateway=COD_GATEWAY,
                is_active=True,
                order__status=OrderStatus.FULFILLED,
                charge_status__in=[ChargeStatus.NOT_CHARGED, ChargeStatus.PARTIALLY_CHARGED],
            )
            .annotate(delivered=Max("order__fulfillments__created"))
            .filter(delivered__gte=start, delivered__lt=end)
            .values("pk", "total", "captured_amount", "delivered")
        )
        for payment in outstanding:
            day = timezone.localtime(payment["delivered"]).date()
            target = row(day, COD_GATEWAY)
            target.cash_outstanding += payment["total"] - payment["captured_amount"]
            target.cash_orders += 1
    return sorted(rows.values(), key=lambda row: (row.day, row.gateway))


def _orders_touched(start, end):
    moved = Transaction.objects.filter(created__gte=start, created__lt=end).values(
        "payment__order_id"
    )
    paid = Payment.objects.filter(
        Q(created__gte=start, created__lt=end) | Q(modified__gte=start, modified__lt=end)
    ).values("order_id")
    booked = LedgerEntry.objects.filter(created_at__gte=start, created_at__lt=end).values(
        "order_id"
    )
    return Order.objects.filter(Q(pk__in=moved) | Q(pk__in=paid) | Q(pk__in=booked)).exclude(
        status=OrderStatus.DRAFT
    )


def disagreements_between(date_from, date_to):
    """Orders touched in the period whose payments and ledger do not agree."""
    start, end = _bounds(date_from, date_to)
    orders = list(_orders_touched(start, end).order_by("pk").values("pk", "status"))
    ids = [order["pk"] for order in orders]
    if not ids:
        return []
    facts_of = order_facts_for(ids)
    ledger = dict(
        LedgerEntry.objects.filter(order_id__in=ids)
        .order_by()
        .values("order_id")
        .annotate(total=Sum(F("net") + F("commission")))
        .values_list("order_id", "total")
    )
    sales = {}
    for sale in LedgerEntry.objects.filter(order_id__in=ids, kind=LedgerEntryKind.SALE).values(
        "order_id", "cooperative_id", "gross", "commission", "commission_rate"
    ):
        sales.setdefault(sale["order_id"], {})[sale["cooperative_id"]] = (
            sale["gross"],
            sale["commission"],
            sale["commission_rate"],
        )
    refunds = {}
    for refund in (
        Transaction.objects.filter(payment__order_id__in=ids, kind=REFUND_KIND, is_success=True)
        .order_by("pk")
        .values("payment__order_id", "amount")
    ):
        refunds.setdefault(refund["payment__order_id"], []).append(refund["amount"])
    held = dict(
        Payment.objects.filter(order_id__in=ids)
        .order_by()
        .values("order_id")
        .annotate(held=Sum("captured_amount"))
        .values_list("order_id", "held")
    )

    found = []
    for order in orders:
        pk = order["pk"]
        facts = facts_of[pk]
        order_sales = sales.get(pk, {})
        payments = held.get(pk) or ZERO
        cancelled = order["status"] == OrderStatus.CANCELED
        shares = with_recorded_sales(order_shares_of(facts), order_sales)
        complete = cancelled or set(shares.cooperatives) <= set(order_sales)
        order_refunds = refunds.get(pk, [])
        if not complete:
            paid_in_full = payments + sum(order_refunds, ZERO) >= facts.total > 0
            if paid_in_full:
                found.append(
                    Disagreement(pk, str(pk), "sale_missing", payments, ledger.get(pk) or ZERO)
                )
            continue
        if not order_sales and not payments and not cancelled:
            continue
        books = (ledger.get(pk) or ZERO) + marketplace_part(
            shares, order_refunds, cancelled=cancelled
        )
        if books != payments:
            found.append(Disagreement(pk, str(pk), "amounts_differ", payments, books))
    return found


@dataclass
class Report:
    date_from: datetime.date
    date_to: datetime.date
    rows: list
    disagreements: list

    def totals(self):
        return {
            "captured": sum((row.captured for row in self.rows), ZERO),
            "refunded": sum((row.refunded for row in self.rows), ZERO),
            "cash_outstanding": sum((row.cash_outstanding for row in self.rows), ZERO),
        }


def default_period():
    """The last 30 days, today included, in Casablanca."""
    today = timezone.localtime(timezone.now(), _local()).date()
    return today - datetime.timedelta(days=29), today


def reconciliation_report(*, date_from, date_to):
    """The report for ``date_from`` … ``date_to`` (both included, local days)."""
    return Report(
        date_from=date_from,
        date_to=date_to,
        rows=_day_rows(date_from, date_to),
        disagreements=disagreements_between(date_from, date_to),
    )


CSV_HEADER = (
    "day",
    "gateway",
    "captured_mad",
    "refunded_mad",
    "cash_outstanding_mad",
    "cash_orders",
)


def reconciliation_csv(report):
    """One CSV row per day and gateway, then one per order that disagrees."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        writer.writerow(
            [
                row.day.isoformat(),
                row.gateway,
                f"{row.captured:.2f}",
                f"{row.refunded:.2f}",
                f"{row.cash_outstanding:.2f}",
                row.cash_orders,
            ]
        )
    if report.disagreements:
        writer.writerow([])
        writer.writerow(("order", "reason", "payments_mad", "ledger_mad"))
        for item in report.disagreements:
            writer.writerow(
                [item.order_number, item.reason, f"{item.payments:.2f}", f"{item.ledger:.2f}"]
            )
    return buffer.getvalue()
