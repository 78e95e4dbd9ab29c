"""What the season planner needs from the database: each province's history.

"So far" means the twelve months before the plan's first day, plus the stops
already planned inside the plan's range (a province that already has a stop
there needs one less from the plan):
- stops: the fairs' stops (any fair, cancelled ones aside) in that window;
- sales: what the province's cooperatives sold online in that window (their
  order lines, cancelled orders aside), in MAD.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.utils import timezone

from marketplace.cooperatives.models import OrderLineCooperative

from .models import FairStop, StopStatus
from .planner import ProvinceHistory

WINDOW = datetime.timedelta(days=365)


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def province_history(date_from, date_to):
    """{province code: ProvinceHistory} for a plan of `date_from`–`date_to` (two queries)."""
    since = _day_start(date_from) - WINDOW
    until = _day_start(date_to) + datetime.timedelta(days=1)
    stops = Counter(
        FairStop.objects.exclude(status=StopStatus.CANCELLED)
        .filter(starts_at__gte=since, starts_at__lt=until)
        .values_list("province", flat=True)
    )
    line_total = ExpressionWrapper(
        F("line__unit_price_gross_amount") * F("line__quantity"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    sales = dict(
        OrderLineCooperative.objects.filter(
            order__created__gte=since, order__created__lt=_day_start(date_from)
        )
        .exclude(order__status="canceled")
        .values_list("cooperative__province")
        .annotate(total=Sum(line_total))
        .values_list("cooperative__province", "total")
    )
    return {
        province: ProvinceHistory(
            stops=stops.get(province, 0), sales=sales.get(province) or Decimal("0")
        )
        for province in set(stops) | set(sales)
        if province
    }
