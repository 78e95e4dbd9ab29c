"""The season planner over random requests: every plan keeps the rules, or names the one it broke.

The oracle is computed here independently of the planner: the usable days
are the range's allowed weekdays outside the blackout dates, and one team fits
at most the greedy count of days `min_days_between` apart (greedy is optimal
for a minimum spacing), so exactly min(wanted, teams × that) stops fit and
every province can be reached when that is at least the number of provinces.
"""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.fairs.planner import (
    SEATS,
    PlanRequest,
    ProvinceHistory,
    UnmetCode,
    plan_season,
)

PROVINCES = sorted(SEATS)
START = date(2027, 1, 1)


@st.composite
def requests(draw):
    date_from = START + timedelta(days=draw(st.integers(0, 365)))
    date_to = date_from + timedelta(days=draw(st.integers(0, 120)))
    span = (date_to - date_from).days
    blackouts = draw(st.lists(st.integers(0, span), max_size=15))
    provinces = draw(st.lists(st.sampled_from(PROVINCES), min_size=1, max_size=9, unique=True))
    history = {
        province: ProvinceHistory(
            stops=draw(st.integers(0, 12)), sales=Decimal(draw(st.integers(0, 500_000)))
        )
        for province in draw(st.lists(st.sampled_from(PROVINCES), max_size=9, unique=True))
    }
    return PlanRequest(
        date_from=date_from,
        date_to=date_to,
        provinces=tuple(provinces),
        weekdays=frozenset(draw(st.lists(st.integers(0, 6), min_size=1, max_size=7))),
        teams=draw(st.integers(1, 4)),
        min_days_between=draw(st.integers(1, 14)),
        stops_wanted=draw(st.integers(1, 45)),
        blackout_dates=frozenset(date_from + timedelta(days=d) for d in blackouts),
        history=history,
    )


def usable_days(request):
    span = (request.date_to - request.date_from).days
    every_day = (request.date_from + timedelta(days=d) for d in range(span + 1))
    return [
        day
        for day in every_day
        if day.weekday() in request.weekdays and day not in request.blackout_dates
    ]


def most_stops_one_team_fits(days, gap):
    taken = []
    for day in days:
        if not taken or (day - taken[-1]).days >= gap:
            taken.append(day)
    return len(taken)


@settings(max_examples=300, deadline=None)
@given(requests())
def test_every_stop_falls_on_an_allowed_day_in_the_range(request):
    # when
    proposal = plan_season(request)

    # then
    for stop in proposal.stops:
        assert request.date_from <= stop.date <= request.date_to
        assert stop.date.weekday() in request.weekdays
        assert stop.date not in request.blackout_dates
        assert stop.province in request.provinces
        assert 1 <= stop.team <= request.teams
        assert stop.explanation


@settings(max_examples=300, deadline=None)
@given(requests())
def test_no_team_has_two_stops_closer_than_the_minimum_spacing(request):
    # when
    proposal = plan_season(request)

    # then
    for team in range(1, request.teams + 1):
        dates = sorted(stop.date for stop in proposal.stops if stop.team == team)
        for earlier, later in zip(dates, dates[1:], strict=False):
            assert (later - earlier).days >= request.min_days_between


@settings(max_examples=300, deadline=None)
@given(requests())
def test_plans_as_many_stops_as_fit_and_names_the_shortfall(request):
    # given
    capacity = request.teams * most_stops_one_team_fits(
        usable_days(request), request.min_days_between
    )

    # when
    proposal = plan_season(request)

    # then
    assert len(proposal.stops) == min(request.stops_wanted, capacity)
    assert (UnmetCode.STOPS_WANTED in proposal.unmet_codes()) == (
        bool(usable_days(request)) and request.stops_wanted > capacity
    )
    assert (UnmetCode.NO_AVAILABLE_DAY in proposal.unmet_codes()) == (not usable_days(request))


@settings(max_examples=300, deadline=None)
@given(requests())
def test_reaches_every_province_whenever_enough_stops_fit(request):
    # given
    capacity = request.teams * most_stops_one_team_fits(
        usable_days(request), request.min_days_between
    )
    feasible = min(request.stops_wanted, capacity) >= len(request.provinces)

    # when
    proposal = plan_season(request)

    # then
    reached = {stop.province for stop in proposal.stops}
    unmet = {constraint.code: constraint for constraint in proposal.unmet}
    if feasible:
        assert reached == set(request.provinces)
        assert UnmetCode.COVERAGE not in unmet
    else:
        assert set(unmet[UnmetCode.COVERAGE].provinces) == set(request.provinces) - reached
        assert unmet[UnmetCode.COVERAGE].message


@settings(max_examples=150, deadline=None)
@given(requests(), st.randoms(use_true_random=False))
def test_same_request_gives_the_same_plan_whatever_the_province_order(request, random):
    # given
    provinces = list(request.provinces)
    random.shuffle(provinces)
    shuffled = PlanRequest(**{**request.__dict__, "provinces": tuple(provinces)})

    # when
    first, again, reordered = plan_season(request), plan_season(request), plan_season(shuffled)

    # then
    assert first == again == reordered
