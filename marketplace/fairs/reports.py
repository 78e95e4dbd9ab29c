"""Reports for the council, per stop and per season (fair): reach, exhibitors, sales.

Definitions (also stated on the page):
- exhibitors: cooperatives accepted at a stop that was not cancelled;
- women-/youth-led: more than half of the members are women / young;
- provinces reached: provinces with a stop that was not cancelled;
- online orders: orders (neither draft nor cancelled) placed during the
  window — the season's days, or a stop's publication to its closing — with
  lines of the exhibitors, counted and valued per the exhibitor's province;
- pickup orders: the orders to be collected at the stops, per stop province
  (from the pickup side: ``marketplace.fairs.pickup.pickup_order_ids``);
- first-time sellers: exhibitors whose first order line ever falls in the window.
Local dates are computed in Python, never by the database, so that the one
time-zone source (see settings) decides them.
"""

import csv
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import DecimalField, ExpressionWrapper, F, Min, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.cooperatives.models import Cooperative, OrderLineCooperative
from marketplace.core.regions import Province

from . import access, pickup
from .models import ApplicationStatus, Fair, FairApplication, FairStop, StopStatus
from .selectors import women_led, youth_led

_LINE_VALUE = Sum(
    ExpressionWrapper(
        F("line__unit_price_gross_amount") * F("line__quantity"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
)

# Saleor's OrderStatus values of orders that are not sales.
NOT_SALES = ("draft", "canceled", "unconfirmed")


@dataclass
class ProvinceRow:
    province: str
    name: str
    stops: int = 0
    exhibitors: int = 0
    online_orders: int = 0
    online_value: Decimal = Decimal("0.00")
    pickup_orders: int = 0
    pickup_value: Decimal = Decimal("0.00")

    @property
    def reached(self):
        return self.stops > 0


@dataclass
class Report:
    title: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    exhibitors: list
    women_led: int
    youth_led: int
    provinces: list
    first_time_sellers: list
    pickup_counted: bool
    totals: dict = field(default_factory=dict)

    @property
    def women_or_youth_share(self):
        if not self.exhibitors:
            return 0
        led = sum(1 for c in self.exhibitors if women_led(c) or youth_led(c))
        return round(100 * led / len(self.exhibitors))

    @property
    def women_led_share(self):
        return round(100 * self.women_led / len(self.exhibitors)) if self.exhibitors else 0

    @property
    def youth_led_share(self):
        return round(100 * self.youth_led / len(self.exhibitors)) if self.exhibitors else 0

    @property
    def reached(self):
        return [row for row in self.provinces if row.reached]

    @property
    def not_reached(self):
        return [row for row in self.provinces if not row.reached]


def _pickup_orders(stops):
    """``{order_id: stop province}`` of the pickup orders at ``stops``; None if not known."""
    lookup = getattr(pickup, "pickup_order_ids", None)
    if lookup is None:
        return None
    by_stop = {stop.pk: stop.province for stop in stops}
    return {order_id: by_stop[stop_id] for order_id, stop_id in lookup(list(by_stop))}


def build_report(*, title, stops, window_start, window_end):
    stops = [stop for stop in stops if stop.status != StopStatus.CANCELLED]
    rows = {code: ProvinceRow(province=code, name=str(label)) for code, label in Province.choices}
    accepted = list(
        FairApplication.objects.filter(stop__in=stops, status=ApplicationStatus.ACCEPTED)
        .values_list("stop__province", "cooperative_id")
        .distinct()
    )
    for stop in stops:
        rows[stop.province].stops += 1
    exhibitors_by_province = {}
    for province, cooperative_id in accepted:
        exhibitors_by_province.setdefault(province, set()).add(cooperative_id)
    for province, cooperative_ids in exhibitors_by_province.items():
        rows[province].exhibitors = len(cooperative_ids)
    exhibitor_ids = {cooperative_id for _province, cooperative_id in accepted}
    exhibitors = list(Cooperative.objects.filter(pk__in=exhibitor_ids).order_by("name_fr", "pk"))

    lines = OrderLineCooperative.objects.filter(
        cooperative_id__in=exhibitor_ids,
        order__created__gte=window_start,
        order__created__lt=window_end,
    ).exclude(order__status__in=NOT_SALES)
    per_province = (
        lines.values("cooperative__province")
        .annotate(value=_LINE_VALUE)
        .values_list("cooperative__province", "value")
    )
    for province, value in per_province:
        if province in rows:
            rows[province].online_value = Decimal(value or 0).quantize(Decimal("0.01"))
    orders = set(lines.values_list("cooperative__province", "order_id").distinct())
    for province, _order in orders:
        if province in rows:
            rows[province].online_orders += 1

    pickup_orders = _pickup_orders(stops)
    if pickup_orders:
        values = dict(
            OrderLineCooperative.objects.filter(order_id__in=list(pickup_orders))
            .values("order_id")
            .annotate(value=_LINE_VALUE)
            .values_list("order_id", "value")
        )
        for order_id, province in pickup_orders.items():
            rows[province].pickup_orders += 1
            rows[province].pickup_value += Decimal(values.get(order_id) or 0).quantize(
                Decimal("0.01")
            )

    first_sales = dict(
        OrderLineCooperative.objects.filter(cooperative_id__in=exhibitor_ids)
        .exclude(order__status__in=NOT_SALES)
        .values("cooperative_id")
        .annotate(first=Min("order__created"))
        .values_list("cooperative_id", "first")
    )
    first_time = [
        cooperative
        for cooperative in exhibitors
        if first_sales.get(cooperative.pk)
        and window_start <= first_sales[cooperative.pk] < window_end
    ]
    province_rows = list(rows.values())
    return Report(
        title=title,
        window_start=window_start,
        window_end=window_end,
        exhibitors=exhibitors,
        women_led=sum(1 for c in exhibitors if women_led(c)),
        youth_led=sum(1 for c in exhibitors if youth_led(c)),
        provinces=province_rows,
        first_time_sellers=first_time,
        pickup_counted=pickup_orders is not None,
        totals={
            "stops": sum(row.stops for row in province_rows),
            "online_orders": sum(row.online_orders for row in province_rows),
            "online_value": sum((row.online_value for row in province_rows), Decimal("0.00")),
            "pickup_orders": sum(row.pickup_orders for row in province_rows),
            "pickup_value": sum((row.pickup_value for row in province_rows), Decimal("0.00")),
        },
    )


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def season_report_of(fair):
    stops = list(fair.stops.all())
    return build_report(
        title=fair.name,
        stops=stops,
        window_start=_day_start(fair.season_start),
        window_end=_day_start(fair.season_end + datetime.timedelta(days=1)),
    )


def stop_report_of(stop):
    return build_report(
        title=stop.title,
        stops=[stop],
        window_start=stop.published_at or stop.created_at,
        window_end=stop.ends_at,
    )


def chart(report, *, width=640, bar_height=22):
    """Bars of online order value per province, sized here so the SVG needs no script."""
    top = max((row.online_value + row.pickup_value for row in report.provinces), default=0)
    label_width, gap = 170, 6
    usable = width - label_width - 90
    bars = []
    for index, row in enumerate(report.provinces):
        online = int(usable * row.online_value / top) if top else 0
        picked = int(usable * row.pickup_value / top) if top else 0
        bars.append(
            {
                "y": index * (bar_height + gap),
                "label": row.name,
                "online": online,
                "pickup": picked,
                "value": row.online_value + row.pickup_value,
                "reached": row.reached,
            }
        )
    return {
        "width": width,
        "height": len(bars) * (bar_height + gap),
        "bar_height": bar_height,
        "label_width": label_width,
        "bars": bars,
    }


def _render(request, report, *, csv_url, back_url):
    return render(
        request,
        "fairs/backoffice/report.html",
        {"report": report, "chart": chart(report), "csv_url": csv_url, "back_url": back_url},
    )


def _csv(report, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Province"),
            _("Stops"),
            _("Exhibitors"),
            _("Online orders"),
            _("Online orders value (MAD)"),
            _("Pickup orders"),
            _("Pickup orders value (MAD)"),
        ]
    )
    for row in report.provinces:
        writer.writerow(
            [
                row.name,
                row.stops,
                row.exhibitors,
                row.online_orders,
                f"{row.online_value:.2f}",
                row.pickup_orders,
                f"{row.pickup_value:.2f}",
            ]
        )
    writer.writerow([])
    writer.writerow([_("Exhibitors"), len(report.exhibitors)])
    writer.writerow([_("Women-led share (%)"), report.women_led_share])
    writer.writerow([_("Youth-led share (%)"), report.youth_led_share])
    writer.writerow(
        [_("Provinces not reached"), "; ".join(row.name for row in report.not_reached)]
    )
    writer.writerow(
        [
            _("First-time sellers"),
            "; ".join(cooperative.name for cooperative in report.first_time_sellers),
        ]
    )
    return response


@login_required
def season_report(request, slug):
    access.ensure_fair_staff(request.user)
    fair = get_object_or_404(Fair, slug=slug)
    return _render(
        request,
        season_report_of(fair),
        csv_url=reverse("fairs-backoffice:season-report-csv", kwargs={"slug": slug}),
        back_url=reverse("fairs-backoffice:fair", kwargs={"slug": slug}),
    )


@login_required
def season_report_csv(request, slug):
    access.ensure_fair_staff(request.user)
    fair = get_object_or_404(Fair, slug=slug)
    return _csv(season_report_of(fair), f"{fair.slug}-report")


@login_required
def stop_report(request, pk):
    access.ensure_fair_staff(request.user)
    stop = get_object_or_404(FairStop.objects.select_related("fair"), pk=pk)
    return _render(
        request,
        stop_report_of(stop),
        csv_url=reverse("fairs-backoffice:stop-report-csv", kwargs={"pk": pk}),
        back_url=reverse("fairs-backoffice:stop", kwargs={"pk": pk}),
    )


@login_required
def stop_report_csv(request, pk):
    access.ensure_fair_staff(request.user)
    stop = get_object_or_404(FairStop.objects.select_related("fair"), pk=pk)
    return _csv(stop_report_of(stop), f"stop-{stop.pk}-report")
