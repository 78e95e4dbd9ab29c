"""The season planner's use cases: propose a plan, then create its stops.

Proposing changes nothing. Publishing creates every kept stop of the
(edited) proposal through the fairs services, in one transaction: either
all stops exist afterwards, or none and the error names the stop.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, services
from .errors import FairErrorCode
from .planner import SEATS, PlanRequest, plan_season, province_name
from .planner_selectors import province_history


@dataclass(frozen=True)
class StopDefaults:
    """What the planner does not decide: the stops' hours, stands and deadlines."""

    opens_at: datetime.time = datetime.time(9, 0)
    closes_at: datetime.time = datetime.time(18, 0)
    stand_capacity: int = 50
    deadline_days: int = 7  # applications close this many days before the stop opens
    pickup_offered: bool = True


def season_plan_propose(
    *, actor, date_from, date_to, provinces, weekdays, teams, min_days_between, stops_wanted,
    blackout_dates=(),
):
    """The planner's proposal for these choices, with each province's history so far."""
    access.ensure_fair_staff(actor)
    return plan_season(
        PlanRequest(
            date_from=date_from,
            date_to=date_to,
            provinces=tuple(provinces),
            weekdays=frozenset(weekdays),
            teams=teams,
            min_days_between=min_days_between,
            stops_wanted=stops_wanted,
            blackout_dates=frozenset(blackout_dates),
            history=province_history(date_from, date_to) if date_from <= date_to else {},
        )
    )


def _at(day, moment):
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def _stop_data(row, defaults):
    town, latitude, longitude = SEATS[row["province"]]
    starts_at = _at(row["date"], defaults.opens_at)
    return {
        "province": row["province"],
        "commune": town,
        "venue": f"Centre, {town}",
        "latitude": Decimal(str(latitude)).quantize(Decimal("0.000001")),
        "longitude": Decimal(str(longitude)).quantize(Decimal("0.000001")),
        "starts_at": starts_at,
        "ends_at": _at(row["date"], defaults.closes_at),
        "stand_capacity": defaults.stand_capacity,
        "application_deadline": starts_at - datetime.timedelta(days=defaults.deadline_days),
        "pickup_offered": defaults.pickup_offered,
        "team": row.get("team"),
    }


def season_plan_publish(*, fair, actor, stops, defaults=StopDefaults(), publish=False):
    """Create the stops `[{date, team, province}]` of `fair` (and publish them if asked)."""
    access.ensure_fair_staff(actor)
    if not stops:
        raise ValidationError(
            {
                "stops": ValidationError(
                    _("Keep at least one stop."), code=FairErrorCode.REQUIRED.value
                )
            }
        )
    created = []
    with transaction.atomic():
        ordered = sorted(stops, key=lambda r: (r["date"], r.get("team") or 0))
        for number, row in enumerate(ordered, 1):
            try:
                stop = services.stop_create(fair=fair, actor=actor, data=_stop_data(row, defaults))
                if publish:
                    stop = services.stop_publish(stop=stop, actor=actor)
            except ValidationError as error:
                raise ValidationError(
                    {
                        "stops": ValidationError(
                            _("Stop %(number)s (%(date)s, %(province)s): %(message)s"),
                            code=_first_code(error) or FairErrorCode.INVALID.value,
                            params={
                                "number": number,
                                "date": row["date"].isoformat(),
                                "province": province_name(row["province"]),
                                "message": " ".join(error.messages),
                            },
                        )
                    }
                ) from None
            created.append(stop)
    return created


def _first_code(error):
    for item in getattr(error, "error_list", []) or []:
        if item.code:
            return item.code
    for items in getattr(error, "error_dict", {}).values():
        for item in items:
            if item.code:
                return item.code
    return None
