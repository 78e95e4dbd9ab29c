"""The search documents and their labels: a rebuild of the index changes what a
search answers without touching a product, so it bumps the catalogue version too."""

from django.db import migrations

from storefront.pagecache.tracking import track_tables_sql, untrack_tables_sql

TRACKED_TABLES = ("catalog_search_searchdocument", "catalog_search_searchlabel")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog_search", "0002_product_name_index"),
        ("storefront_pagecache", "0002_bump_once_per_statement"),
    ]

    operations = [
        migrations.RunSQL(track_tables_sql(TRACKED_TABLES), untrack_tables_sql(TRACKED_TABLES))
    ]
