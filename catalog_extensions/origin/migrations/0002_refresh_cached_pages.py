"""Changes to these rows change the storefront's cached pages: bump its catalogue version."""

from django.db import migrations

from storefront.pagecache.tracking import track_tables_sql, untrack_tables_sql

TRACKED_TABLES = ('origin_productorigin',)


class Migration(migrations.Migration):

    dependencies = [
        ("origin", "0001_initial"),
        ("storefront_pagecache", "0002_bump_once_per_statement"),
    ]

    operations = [
        migrations.RunSQL(track_tables_sql(TRACKED_TABLES), untrack_tables_sql(TRACKED_TABLES))
    ]
