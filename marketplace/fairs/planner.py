"""The season planner: a proposal of mobile-market stops for staff to edit.

Pure Python, no database: the caller gathers each province's history (stops
and sales so far) and passes it in; the same request always gives the same
proposal.

How it plans:
1. The days that may hold a stop are the range's allowed weekdays minus the
   blackout dates. A team (truck) needs `min_days_between` days between two
   of its stops, so it fits at most the greedy count of such days; the stops
   wanted are shared out between the teams and each team's days are spread
   evenly over the range (teams staggered).
2. Stops are then given a province in date order. While a chosen province
   has no stop in the proposal, only such provinces are candidates
   (coverage first); then every chosen province is. The cheapest candidate
   wins: its stops so far (history plus this proposal), its share of the
   sales so far, and the distance from the team's previous stop (seat to
   seat); a team moves on rather than staying in the province of its
   previous stop. Ties go to the province code, so the plan is deterministic.
3. What could not be met is named (`UnmetCode`), never silently dropped.
"""

import bisect
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..core.regions import Province

# Seats of the region's 2 prefectures and 7 provinces (latitude, longitude).
SEATS = {
    Province.FES: ("Fès", 34.0331, -5.0003),
    Province.MEKNES: ("Meknès", 33.8935, -5.5473),
    Province.BOULEMANE: ("Missour", 33.0470, -3.9927),
    Province.EL_HAJEB: ("El Hajeb", 33.6860, -5.3710),
    Province.IFRANE: ("Ifrane", 33.5228, -5.1100),
    Province.MOULAY_YACOUB: ("Moulay Yacoub", 34.0870, -5.1800),
    Province.SEFROU: ("Sefrou", 33.8300, -4.8350),
    Province.TAOUNATE: ("Taounate", 34.5360, -4.6400),
    Province.TAZA: ("Taza", 34.2100, -4.0100),
}

# How many stops so far one 100 km of travel is worth, and a province's whole
# share of the sales: fairness decides where extra stops go, distance
# decides the order among equally served provinces.
KM_PER_STOP = 100.0
SALES_WEIGHT = 0.5
MAX_STOPS = 366


class PlannerErrorCode(str, Enum):
    INVALID_DATE_RANGE = "invalid_date_range"
    INVALID_PROVINCE = "invalid_province"
    INVALID_WEEKDAY = "invalid_weekday"
    INVALID_NUMBER = "invalid_number"


class UnmetCode(str, Enum):
    NO_AVAILABLE_DAY = "no_available_day"
    STOPS_WANTED = "stops_wanted"
    COVERAGE = "coverage"


@dataclass(frozen=True)
class ProvinceHistory:
    stops: int = 0
    sales: Decimal = Decimal("0")


@dataclass(frozen=True)
class PlanRequest:
    date_from: date
    date_to: date
    provinces: tuple  # province codes
    weekdays: frozenset  # 0 = Monday … 6 = Sunday
    teams: int
    min_days_between: int  # days from one stop of a team to its next (1 = next day)
    stops_wanted: int
    blackout_dates: frozenset = frozenset()
    history: dict = field(default_factory=dict)  # province code -> ProvinceHistory


@dataclass(frozen=True)
class PlannedStop:
    date: date
    team: int  # 1-based
    province: str
    explanation: str


@dataclass(frozen=True)
class UnmetConstraint:
    code: UnmetCode
    message: str
    provinces: tuple = ()


@dataclass(frozen=True)
class Proposal:
    stops: tuple
    unmet: tuple

    def unmet_codes(self):
        return {constraint.code for constraint in self.unmet}


def distance_km(province_a, province_b):
    """Great-circle distance between two provinces' seats."""
    _name, lat1, lon1 = SEATS[province_a]
    _name, lat2, lon2 = SEATS[province_b]
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def validate_request(request):
    errors = {}
    if request.date_to < request.date_from:
        errors["date_to"] = ValidationError(
            _("The end date must not be before the start date."),
            code=PlannerErrorCode.INVALID_DATE_RANGE.value,
        )
    if not request.provinces or any(p not in SEATS for p in request.provinces):
        errors["provinces"] = ValidationError(
            _("Choose one or more provinces of the region."),
            code=PlannerErrorCode.INVALID_PROVINCE.value,
        )
    if not request.weekdays or any(d not in range(7) for d in request.weekdays):
        errors["weekdays"] = ValidationError(
            _("Choose one or more weekdays."), code=PlannerErrorCode.INVALID_WEEKDAY.value
        )
    for name, value, low, high in (
        ("teams", request.teams, 1, 50),
        ("min_days_between", request.min_days_between, 1, 365),
        ("stops_wanted", request.stops_wanted, 1, MAX_STOPS),
    ):
        if not low <= value <= high:
            errors[name] = ValidationError(
                _("Enter a whole number from %(low)s to %(high)s."),
                code=PlannerErrorCode.INVALID_NUMBER.value,
                params={"low": low, "high": high},
            )
    if errors:
        raise ValidationError(errors)


def available_days(request):
    days, day = [], request.date_from
    while day <= request.date_to:
        if day.weekday() in request.weekdays and day not in request.blackout_dates:
            days.append(day)
        day += timedelta(days=1)
    return days


def team_capacity(days, gap):
    """Most stops one team fits in `days` with `gap` days between two stops."""
    count, last = 0, None
    for day in days:
        if last is None or (day - last).days >= gap:
            count, last = count + 1, day
    return count


def _spread(days, count, gap, phase):
    """`count` of `days`, `gap` apart, each as near as possible to even spacing.

    `earliest[i]`/`latest[i]` bound the i-th pick so the rest still fit; the
    latest bound is always reachable, so the walk never gets stuck.
    """
    earliest = []
    for day in days:
        if len(earliest) == count:
            break
        if not earliest or (day - earliest[-1]).days >= gap:
            earliest.append(day)
    latest = []
    for day in reversed(days):
        if len(latest) == count:
            break
        if not latest or (latest[-1] - day).days >= gap:
            latest.append(day)
    latest.reverse()
    span = (days[-1] - days[0]).days
    chosen = []
    for index in range(count):
        low = earliest[index]
        if chosen:
            low = max(low, chosen[-1] + timedelta(days=gap))
        high = latest[index]
        target = days[0] + timedelta(days=round(span * (index + phase) / count))
        target = min(max(target, low), high)
        position = bisect.bisect_left(days, target)
        after = days[position] if position < len(days) else None
        before = days[position - 1] if position > 0 else None
        options = [d for d in (before, after) if d is not None and low <= d <= high]
        chosen.append(min(options, key=lambda d: (abs((d - target).days), d)))
    return chosen


def _slots(request, days, per_team):
    teams = request.teams
    wanted = min(request.stops_wanted, per_team * teams)
    slots = []
    for team in range(teams):
        count = wanted // teams + (1 if team < wanted % teams else 0)
        if count:
            phase = (team + 0.5) / teams
            team_days = _spread(days, count, request.min_days_between, phase)
            slots += [(day, team + 1) for day in team_days]
    return sorted(slots)


def province_name(code):
    return str(Province(code).label)


def _explain(province, history, planned_before, previous, first_visit):
    if first_visit:
        reason = _(
            "%(province)s: not yet reached by this plan (stops so far: %(stops)s, sales so far: "
            "%(sales)s MAD)"
        )
    else:
        reason = _(
            "%(province)s: among the least served (stops so far: %(stops)s, sales so far: "
            "%(sales)s MAD)"
        )
    reason %= {
        "province": province_name(province),
        "stops": history.stops + planned_before,
        "sales": history.sales,
    }
    if previous is None:
        travel = _("the team's first stop")
    else:
        travel = _("%(km)s km from the team's previous stop in %(previous)s") % {
            "km": round(distance_km(previous, province)),
            "previous": province_name(previous),
        }
    return f"{reason}; {travel}."


def plan_season(request):
    """The proposal for `request` (a PlanRequest); raises ValidationError on bad input."""
    validate_request(request)
    provinces = sorted(set(request.provinces))
    history = {p: request.history.get(p) or ProvinceHistory() for p in provinces}
    days = available_days(request)
    unmet = []
    if not days:
        unmet.append(
            UnmetConstraint(
                UnmetCode.NO_AVAILABLE_DAY,
                _("No day in the range falls on an allowed weekday outside the blackout dates."),
            )
        )
        unmet.append(_coverage_unmet(provinces))
        return Proposal(stops=(), unmet=tuple(unmet))

    per_team = team_capacity(days, request.min_days_between)
    slots = _slots(request, days, per_team)
    if len(slots) < request.stops_wanted:
        unmet.append(
            UnmetConstraint(
                UnmetCode.STOPS_WANTED,
                _(
                    "Only %(fit)s of the %(wanted)s stops wanted fit: %(teams)s team(s), "
                    "at most %(per_team)s stops each with the days required between two stops."
                )
                % {
                    "fit": len(slots),
                    "wanted": request.stops_wanted,
                    "teams": request.teams,
                    "per_team": per_team,
                },
            )
        )

    most_sales = max((h.sales for h in history.values()), default=Decimal("0"))
    planned = {p: 0 for p in provinces}
    last_of_team, used_on_day = {}, {}
    stops = []
    for day, team in slots:
        unreached = [p for p in provinces if not planned[p]]
        candidates = unreached or provinces
        busy = used_on_day.setdefault(day, set())
        candidates = [p for p in candidates if p not in busy] or candidates
        previous = last_of_team.get(team)
        candidates = [p for p in candidates if p != previous] or candidates
        province = min(
            candidates, key=lambda p: _cost(p, history[p], planned[p], previous, most_sales)
        )
        stops.append(
            PlannedStop(
                date=day,
                team=team,
                province=province,
                explanation=_explain(
                    province, history[province], planned[province], previous, bool(unreached)
                ),
            )
        )
        planned[province] += 1
        busy.add(province)
        last_of_team[team] = province

    missing = [p for p in provinces if not planned[p]]
    if missing:
        unmet.append(_coverage_unmet(missing))
    return Proposal(stops=tuple(stops), unmet=tuple(unmet))


def _cost(province, history, planned, previous, most_sales):
    share = float(history.sales / most_sales) if most_sales else 0.0
    travel = distance_km(previous, province) if previous else 0.0
    load = history.stops + planned
    return (load + SALES_WEIGHT * share + travel / KM_PER_STOP, province)


def _coverage_unmet(missing):
    return UnmetConstraint(
        UnmetCode.COVERAGE,
        _("Not reached: %(provinces)s (fewer stops fit than provinces chosen).")
        % {"provinces": ", ".join(province_name(p) for p in missing)},
        provinces=tuple(missing),
    )
