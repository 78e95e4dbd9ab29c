"""fairSeasonPlan: the planner through /graphql/, for staff who plan fairs only."""

import datetime

import pytest

from marketplace.fairs.models import Fair, FairStop
from tests.fixtures.cooperatives import make_user

from .helpers import local, make_fair, make_stop

pytestmark = pytest.mark.django_db

PLAN = """
mutation($input: FairSeasonPlanInput!) { fairSeasonPlan(input: $input) {
  proposal { stops { date team province provinceName explanation }
             unmet { code message provinces } }
  fairErrors { field code message } } }
"""

SEASON = {
    "dateFrom": "2027-03-01",
    "dateTo": "2027-06-30",
    "provinces": ["TAZA", "BOULEMANE", "EL_HAJEB", "TAOUNATE"],
    "weekdays": ["SATURDAY", "SUNDAY"],
    "blackoutDates": ["2027-03-06"],
    "teams": 1,
    "minDaysBetween": 7,
    "stopsWanted": 4,
}


@pytest.fixture
def planner(db):
    return make_user("planner@example.com", is_staff=True, permissions=["fairs.manage_fairs"])


@pytest.mark.parametrize(
    "actor",
    ["anonymous", "customer", "other_cooperative_member", "member", "staff_without_permission",
     "reviewer"],
)
def test_only_staff_who_plan_fairs_may_ask_for_a_plan(graphql, user_token, actors, actor):
    # given
    before = (Fair.objects.count(), FairStop.objects.count())

    # when
    answer = graphql(PLAN, {"input": SEASON}, token=user_token(actors[actor]))

    # then
    assert answer["data"]["fairSeasonPlan"] is None
    assert answer["errors"][0]["message"]
    assert (Fair.objects.count(), FairStop.objects.count()) == before


def test_a_tour_reaches_each_province_with_an_explanation_and_saves_nothing(
    graphql, user_token, planner
):
    # when
    answer = graphql(PLAN, {"input": SEASON}, token=user_token(planner))["data"]["fairSeasonPlan"]

    # then
    assert answer["fairErrors"] == []
    stops = answer["proposal"]["stops"]
    assert sorted(s["province"] for s in stops) == ["BOULEMANE", "EL_HAJEB", "TAOUNATE", "TAZA"]
    assert "2027-03-06" not in [s["date"] for s in stops]
    assert all(datetime.date.fromisoformat(s["date"]).weekday() in (5, 6) for s in stops)
    assert all(s["explanation"] and s["team"] == 1 for s in stops)
    assert answer["proposal"]["unmet"] == []
    assert not FairStop.objects.exists()


def test_the_same_input_gives_the_same_plan(graphql, user_token, planner):
    # when
    first = graphql(PLAN, {"input": SEASON}, token=user_token(planner))
    second = graphql(PLAN, {"input": SEASON}, token=user_token(planner))

    # then
    assert first == second


def test_a_province_already_visited_this_year_gets_fewer_stops(graphql, user_token, planner):
    # given: Taza had three stops in the last months
    fair = make_fair(season=(datetime.date(2026, 9, 1), datetime.date(2027, 2, 28)))
    for month in (10, 11, 12):
        make_stop(fair, province="taza", starts_at=local(2026, month, 10, 9))

    # when
    answer = graphql(
        PLAN,
        {"input": {**SEASON, "provinces": ["TAZA", "SEFROU", "IFRANE"], "stopsWanted": 7,
                   "minDaysBetween": 1}},
        token=user_token(planner),
    )["data"]["fairSeasonPlan"]

    # then
    provinces = [s["province"] for s in answer["proposal"]["stops"]]
    assert provinces.count("TAZA") == 1
    assert provinces.count("SEFROU") == provinces.count("IFRANE") == 3
    taza = next(s for s in answer["proposal"]["stops"] if s["province"] == "TAZA")
    assert "3" in taza["explanation"]


def test_an_infeasible_season_names_what_it_could_not_meet(graphql, user_token, planner):
    # when
    answer = graphql(
        PLAN,
        {"input": {**SEASON, "dateTo": "2027-03-14", "stopsWanted": 4}},
        token=user_token(planner),
    )["data"]["fairSeasonPlan"]

    # then
    unmet = {u["code"]: u for u in answer["proposal"]["unmet"]}
    assert set(unmet) == {"STOPS_WANTED", "COVERAGE"}
    assert len(unmet["COVERAGE"]["provinces"]) == 4 - len(answer["proposal"]["stops"])


def test_bad_input_is_a_coded_error(graphql, user_token, planner):
    # when
    answer = graphql(
        PLAN,
        {"input": {**SEASON, "dateTo": "2027-02-01", "teams": 0}},
        token=user_token(planner),
    )["data"]["fairSeasonPlan"]

    # then
    assert answer["proposal"] is None
    assert sorted((e["field"], e["code"]) for e in answer["fairErrors"]) == [
        ("dateTo", "INVALID_DATES"),
        ("teams", "INVALID"),
    ]
