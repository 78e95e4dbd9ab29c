"""Saleor 2.10's own settings, for the bench's raw Saleor server.

Only the database engine differs: Django 3.0's PostgreSQL backend refuses
psycopg2 2.9's UTC offset on every timestamp (marketplace/db/base.py), so
Saleor alone cannot read a date on our lock without it.
"""

from saleor.settings import *  # noqa: F403

DATABASES["default"]["ENGINE"] = "marketplace.db"  # noqa: F405
