"""The season planner page: staff choose, read the explained proposal, edit it, create stops."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.fairs.models import FairStop, StopStatus

from .helpers import make_fair

pytestmark = pytest.mark.django_db

CHOICES = {
    "date_from": "2027-03-01",
    "date_to": "2027-04-30",
    "provinces": ["taza", "boulemane", "el-hajeb", "taounate"],
    "weekdays": ["5", "6"],
    "blackout_dates": "2027-03-06\n2027-03-07",
    "teams": "1",
    "min_days_between": "7",
    "stops_wanted": "4",
    "opens_at": "09:00",
    "closes_at": "17:00",
    "stand_capacity": "40",
    "deadline_days": "5",
    "pickup_offered": "on",
}


@pytest.fixture
def fair(db):
    return make_fair(season=(datetime.date(2027, 3, 1), datetime.date(2027, 6, 30)))


def url(fair):
    return reverse("fairs-planner:season-plan", kwargs={"slug": fair.slug})


def rows_from(proposal_rows, changes=None):
    """The proposal's rows as the page posts them back, with `changes` {index: {field: value}}."""
    data = {"stops-TOTAL_FORMS": str(len(proposal_rows)), "stops-INITIAL_FORMS": "0"}
    for index, row in enumerate(proposal_rows):
        row = {**row, **(changes or {}).get(index, {})}
        for field, value in row.items():
            if field == "keep" and not value:
                continue
            data[f"stops-{index}-{field}"] = "on" if field == "keep" else value
    return data


def proposed(client, fair):
    page = client.post(url(fair), {**CHOICES, "action": "plan"})
    rows = page.context["rows"]
    return page, [
        {
            "keep": True,
            "date": row.initial["date"].isoformat(),
            "team": str(row.initial["team"]),
            "province": row.initial["province"],
            "explanation": row.initial["explanation"],
        }
        for row in rows
    ]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", 302),
        ("customer", 403),
        ("member", 403),
        ("staff_without_permission", 403),
        ("reviewer", 403),
    ],
)
def test_only_staff_who_plan_fairs_reach_the_planner(client, actors, fair, actor, expected):
    # given
    if actors[actor] is not None:
        client.force_login(actors[actor])

    # when
    shown = client.get(url(fair))
    posted = client.post(url(fair), {**CHOICES, "action": "publish", **rows_from([])})

    # then
    assert (shown.status_code, posted.status_code) == (expected, expected)
    assert not FairStop.objects.exists()


def test_the_proposal_is_shown_with_one_line_explanations(client, planner, fair):
    # given
    client.force_login(planner)

    # when
    page, rows = proposed(client, fair)

    # then
    html = page.content.decode()
    assert page.status_code == 200
    assert sorted(row["province"] for row in rows) == ["boulemane", "el-hajeb", "taounate", "taza"]
    assert all(row["date"] not in ("2027-03-06", "2027-03-07") for row in rows)
    for row in rows:
        assert row["explanation"] in html.replace("&#x27;", "'")
    assert not FairStop.objects.exists()


def test_staff_drop_and_move_stops_then_create_them(client, planner, fair):
    # given
    client.force_login(planner)
    _page, rows = proposed(client, fair)
    edits = {0: {"keep": False}, 1: {"date": "2027-04-24", "province": "sefrou"}}

    # when
    response = client.post(
        url(fair),
        {**CHOICES, "action": "publish", "publish_now": "on", **rows_from(rows, edits)},
    )

    # then
    assert response.status_code == 302
    stops = list(fair.stops.order_by("starts_at"))
    assert len(stops) == 3
    created = {(timezone.localtime(s.starts_at).date().isoformat(), s.province) for s in stops}
    assert (rows[0]["date"], rows[0]["province"]) not in created
    moved = next(s for s in stops if s.province == "sefrou")
    assert timezone.localtime(moved.starts_at).date() == datetime.date(2027, 4, 24)
    assert timezone.localtime(moved.starts_at).time() == datetime.time(9, 0)
    assert timezone.localtime(moved.ends_at).time() == datetime.time(17, 0)
    assert moved.stand_capacity == 40 and moved.pickup_offered
    assert moved.commune == "Sefrou"
    assert all(s.status == StopStatus.PUBLISHED for s in stops)


def test_a_stop_outside_the_season_creates_nothing_and_says_which(client, planner, fair):
    # given
    client.force_login(planner)
    _page, rows = proposed(client, fair)

    # when
    page = client.post(
        url(fair),
        {**CHOICES, "action": "publish", **rows_from(rows, {2: {"date": "2027-08-01"}})},
    )

    # then
    assert page.status_code == 200
    assert not FairStop.objects.exists()
    assert "2027-08-01" in page.content.decode()


def test_bad_choices_are_refused_beside_their_field(client, planner, fair):
    # given
    client.force_login(planner)

    # when
    page = client.post(
        url(fair), {**CHOICES, "date_to": "2027-02-01", "blackout_dates": "soon", "action": "plan"}
    )

    # then
    form = page.context["form"]
    assert "date_to" in form.errors or "blackout_dates" in form.errors
    assert "blackout_dates" in form.errors
    assert page.context["rows"] is None


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_planner_reads_on_a_phone_in_arabic_and_french(client, planner, fair, language):
    # given
    client.force_login(planner)

    # when
    page = client.post(
        f"/{language}/backoffice/fairs/{fair.slug}/plan/" if language != "fr"
        else url(fair),
        {**CHOICES, "action": "plan"},
    )

    # then
    html = page.content.decode()
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) is (language == "ar")
    assert 'name="viewport"' in html
    assert "<table" not in html.split('id="proposal"')[1]  # cards, not a wide table
