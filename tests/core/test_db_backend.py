import datetime

import pytest
from django.db import connection
from django.utils import timezone

from marketplace.db.base import utc_tzinfo_factory


@pytest.mark.parametrize("offset", [0, datetime.timedelta(0)])
def test_utc_offsets_from_either_psycopg2_generation_are_accepted(offset):
    assert utc_tzinfo_factory(offset) is timezone.utc


def test_a_non_utc_offset_is_refused():
    with pytest.raises(AssertionError):
        utc_tzinfo_factory(datetime.timedelta(hours=1))


@pytest.mark.django_db
def test_datetimes_read_back_from_postgresql_are_aware_utc():
    # when
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        (value,) = cursor.fetchone()

    # then
    assert value.utcoffset() == datetime.timedelta(0)
