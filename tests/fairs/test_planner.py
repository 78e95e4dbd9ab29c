from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.fairs.planner import (
    SEATS,
    PlannerErrorCode,
    PlanRequest,
    ProvinceHistory,
    UnmetCode,
    distance_km,
    plan_season,
)

SATURDAY = 5
SUNDAY = 6


def request_for(**overrides):
    values = {
        "date_from": date(2027, 3, 1),
        "date_to": date(2027, 6, 30),
        "provinces": tuple(SEATS),
        "weekdays": frozenset({SATURDAY, SUNDAY}),
        "teams": 1,
        "min_days_between": 1,
        "stops_wanted": 9,
    }
    return PlanRequest(**{**values, **overrides})


def test_a_tour_of_four_provinces_visits_each_once():
    # given
    tour = ("taza", "boulemane", "el-hajeb", "taounate")

    # when
    proposal = plan_season(request_for(provinces=tour, stops_wanted=4))

    # then
    assert sorted(stop.province for stop in proposal.stops) == sorted(tour)
    assert proposal.unmet == ()


def test_extra_stops_go_to_the_provinces_with_fewest_stops_so_far():
    # given
    history = {"fes": ProvinceHistory(stops=6), "meknes": ProvinceHistory(stops=6)}

    # when
    proposal = plan_season(
        request_for(
            provinces=("fes", "meknes", "sefrou", "ifrane"), stops_wanted=8, history=history
        )
    )

    # then
    provinces = [stop.province for stop in proposal.stops]
    assert provinces.count("fes") == 1
    assert provinces.count("meknes") == 1
    assert provinces.count("sefrou") == 3
    assert provinces.count("ifrane") == 3


def test_between_equally_visited_provinces_the_one_that_sold_less_gets_the_extra_stop():
    # given
    history = {
        "ifrane": ProvinceHistory(stops=2, sales=Decimal("90000")),
        "el-hajeb": ProvinceHistory(stops=2, sales=Decimal("1000")),
    }

    # when
    proposal = plan_season(
        request_for(provinces=("ifrane", "el-hajeb"), stops_wanted=3, history=history)
    )

    # then
    provinces = [stop.province for stop in proposal.stops]
    assert provinces.count("el-hajeb") == 2
    assert provinces.count("ifrane") == 1


def test_a_team_goes_on_to_the_nearest_province_not_yet_reached():
    # given
    provinces = ("meknes", "el-hajeb", "taza", "taounate")

    # when
    stops = plan_season(request_for(provinces=provinces, stops_wanted=4)).stops

    # then
    for previous, stop in zip(stops, stops[1:], strict=False):
        not_yet = set(provinces) - {s.province for s in stops[: stops.index(stop)]}
        nearest = min(not_yet, key=lambda p: distance_km(previous.province, p))
        assert stop.province == nearest


def test_the_seats_are_where_they_are():
    # Fès–Meknès is about 60 km by air; Missour is the far south-east.
    assert 45 < distance_km("fes", "meknes") < 60
    assert max(SEATS, key=lambda p: distance_km("meknes", p)) == "boulemane"


def test_stops_are_spread_over_the_season_not_bunched_at_its_start():
    # when
    stops = plan_season(request_for(stops_wanted=9)).stops

    # then
    assert stops[0].date < date(2027, 3, 20)
    assert stops[-1].date > date(2027, 6, 10)


def test_blackout_dates_and_other_weekdays_are_never_used():
    # given
    eid = date(2027, 3, 6)  # a Saturday

    # when
    stops = plan_season(
        request_for(
            date_to=date(2027, 3, 14), stops_wanted=4, blackout_dates=frozenset({eid})
        )
    ).stops

    # then
    assert [stop.date for stop in stops] == [
        date(2027, 3, 7),
        date(2027, 3, 13),
        date(2027, 3, 14),
    ]


def test_two_teams_each_keep_their_days_apart():
    # when
    stops = plan_season(request_for(teams=2, min_days_between=7, stops_wanted=20)).stops

    # then
    for team in (1, 2):
        dates = [stop.date for stop in stops if stop.team == team]
        assert len(dates) == 10
        assert all(b - a >= timedelta(days=7) for a, b in zip(dates, dates[1:], strict=False))


def test_too_few_stops_names_the_provinces_not_reached():
    # when
    proposal = plan_season(request_for(provinces=("fes", "taza", "ifrane"), stops_wanted=2))

    # then
    coverage = {c.code: c for c in proposal.unmet}[UnmetCode.COVERAGE]
    assert len(coverage.provinces) == 1
    assert coverage.provinces[0] not in {stop.province for stop in proposal.stops}


def test_more_stops_than_days_plans_what_fits_and_says_so():
    # when
    proposal = plan_season(
        request_for(date_to=date(2027, 3, 31), min_days_between=7, stops_wanted=9)
    )

    # then
    assert len(proposal.stops) == 4  # Saturdays 6, 13, 20 and 27 March
    assert proposal.unmet_codes() == {UnmetCode.STOPS_WANTED, UnmetCode.COVERAGE}


def test_a_range_without_an_allowed_day_is_named():
    # when
    proposal = plan_season(
        request_for(date_from=date(2027, 3, 1), date_to=date(2027, 3, 5), stops_wanted=2)
    )

    # then
    assert proposal.stops == ()
    assert UnmetCode.NO_AVAILABLE_DAY in proposal.unmet_codes()


def test_each_stop_explains_itself_in_the_active_language():
    # given
    with translation.override("fr"):
        # when
        stops = plan_season(request_for(provinces=("taza", "taounate"), stops_wanted=2)).stops

    # then
    assert "Taounate" in stops[0].explanation
    assert "Taza" in stops[1].explanation
    assert "km" in stops[1].explanation
    assert "pas encore" in stops[1].explanation


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"date_to": date(2027, 2, 1)}, "date_to", PlannerErrorCode.INVALID_DATE_RANGE),
        ({"provinces": ("casablanca",)}, "provinces", PlannerErrorCode.INVALID_PROVINCE),
        ({"provinces": ()}, "provinces", PlannerErrorCode.INVALID_PROVINCE),
        ({"weekdays": frozenset({7})}, "weekdays", PlannerErrorCode.INVALID_WEEKDAY),
        ({"teams": 0}, "teams", PlannerErrorCode.INVALID_NUMBER),
        ({"min_days_between": 0}, "min_days_between", PlannerErrorCode.INVALID_NUMBER),
        ({"stops_wanted": 0}, "stops_wanted", PlannerErrorCode.INVALID_NUMBER),
    ],
)
def test_bad_input_is_refused_with_a_coded_error(overrides, field, code):
    # when
    with pytest.raises(ValidationError) as refused:
        plan_season(request_for(**overrides))

    # then
    assert [e.code for e in refused.value.error_dict[field]] == [code.value]
