"""PostgreSQL backend: Django 3.0's, tolerant of psycopg2 2.9's UTC offset.

psycopg2 2.9 hands ``cursor.tzinfo_factory`` a ``timedelta`` where Django
3.0's ``utc_tzinfo_factory`` compares the offset with ``0`` and raises
"database connection isn't set to UTC" (fixed in Django 3.2.5, never in the
3.0 that Saleor 2.10 requires). This factory accepts both forms.
"""

import datetime

from django.conf import settings
from django.db.backends.postgresql import base
from django.utils.timezone import utc

UTC_OFFSETS = (0, datetime.timedelta(0))


def utc_tzinfo_factory(offset):
    if offset not in UTC_OFFSETS:
        raise AssertionError("database connection isn't set to UTC")
    return utc


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        cursor = super().create_cursor(name=name)
        cursor.tzinfo_factory = utc_tzinfo_factory if settings.USE_TZ else None
        return cursor
