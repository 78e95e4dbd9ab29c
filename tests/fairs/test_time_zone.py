"""One source of time-zone data: libc, pytz (Django) and zoneinfo read the same IANA release.

Morocco left UTC+1 on 2026-09-20 at 01:00 UTC in the IANA data of the locked
`tzdata` 2026.6 (and pytz 2026.6); Debian's older system files still say
UTC+1. Saleor's `published()` uses libc's `date.today()`, Django converts
with pytz, our calendar with zoneinfo: all three must agree.
"""

import calendar
import datetime
import time
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from .helpers import local, make_fair, make_stop

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
CHANGE = datetime.datetime(2026, 9, 20, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "instant, offset_hours",
    [(CHANGE - datetime.timedelta(hours=1), 1), (CHANGE + datetime.timedelta(hours=1), 0)],
)
def test_libc_django_and_zoneinfo_agree_on_moroccos_offset(instant, offset_hours):
    # when
    libc = time.localtime(calendar.timegm(instant.utctimetuple())).tm_gmtoff
    django = timezone.localtime(instant).utcoffset()
    zone = instant.astimezone(zoneinfo.ZoneInfo("Africa/Casablanca")).utcoffset()

    # then
    assert libc == offset_hours * 3600
    assert django == zone == datetime.timedelta(hours=offset_hours)


def test_saleors_local_date_is_djangos_local_date_late_in_the_evening():
    # given: 23:30 UTC, which is already the next day under UTC+1
    instant = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=UTC)

    # when
    libc_day = time.localtime(calendar.timegm(instant.utctimetuple())).tm_mday

    # then
    assert libc_day == timezone.localtime(instant).day == 30


def straddling_stop():
    fair = make_fair(
        status="published",
        slug="tournee-automne-2026",
        season=(datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)),
    )
    return make_stop(
        fair,
        status="published",
        commune="Missour",
        province="boulemane",
        starts_at=local(2026, 9, 19, 10),
        hours=(24 + 8),
    )


def test_stop_straddling_the_change_keeps_its_wall_clock_times():
    # when
    stop = straddling_stop()

    # then: 10:00 at UTC+1, 18:00 the next day at UTC+0
    assert stop.starts_at.astimezone(UTC) == datetime.datetime(2026, 9, 19, 9, tzinfo=UTC)
    assert stop.ends_at.astimezone(UTC) == datetime.datetime(2026, 9, 20, 17, tzinfo=UTC)
    assert timezone.localtime(stop.ends_at).hour == 17


def test_calendar_of_a_straddling_stop_parses_with_local_times(client):
    # given
    stop = make_stop(
        straddling_stop().fair,
        status="published",
        commune="Guercif",
        province="taza",
        starts_at=local(2026, 9, 19, 10),
        ends_at=local(2026, 9, 20, 18),
    )

    # when
    response = client.get(f"/fairs/{stop.fair.slug}/calendar.ics")

    # then
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    event = next(e for e in parsed.walk("VEVENT") if "Guercif" in str(e["SUMMARY"]))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, end.hour) == (10, 18)
    assert str(event["DTSTART"].params["TZID"]) == "Africa/Casablanca"
    assert start.astimezone(UTC) == datetime.datetime(2026, 9, 19, 9, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime.datetime(2026, 9, 20, 18, tzinfo=UTC)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Africa/Casablanca"]


def test_the_locked_tzdata_and_pytz_are_the_same_iana_release():
    # given
    import pytz
    import tzdata

    # then: upgrading one without the other would split the source again
    assert tzdata.IANA_VERSION == pytz.OLSON_VERSION


def offsets_by_hour(convert, start, end):
    """The UTC offset every six hours from ``start`` to ``end`` (UTC datetimes)."""
    offsets, instant = [], start
    while instant < end:
        offsets.append(convert(instant))
        instant += datetime.timedelta(hours=6)
    return offsets


def test_pytz_and_the_locked_tzdata_hold_the_same_moroccan_rules_until_2040():
    # given
    start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    end = datetime.datetime(2040, 1, 1, tzinfo=UTC)
    casablanca = zoneinfo.ZoneInfo("Africa/Casablanca")

    # when
    django = offsets_by_hour(lambda i: timezone.localtime(i).utcoffset(), start, end)
    zone = offsets_by_hour(lambda i: i.astimezone(casablanca).utcoffset(), start, end)
    libc = offsets_by_hour(
        lambda i: datetime.timedelta(
            seconds=time.localtime(calendar.timegm(i.utctimetuple())).tm_gmtoff
        ),
        start,
        end,
    )

    # then
    assert django == zone == libc
