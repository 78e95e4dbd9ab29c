"""The catalogue version: a number PostgreSQL bumps at the commit of any write
to what shoppers see (products, stock, prices, cooperatives, labels, fairs…).

Anything kept for anonymous shoppers (the storefront's page parts, the API's
catalogue answers) is kept under it, so it can never outlive its data. The
table and its triggers come from the ``storefront_pagecache`` migrations
(storefront/pagecache/tracking.py says how an app tracks its tables).
"""

from django.db import connection


def catalogue_version():
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM storefront_catalogue_version WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
