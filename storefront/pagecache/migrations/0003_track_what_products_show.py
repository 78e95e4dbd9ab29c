"""More tables whose rows show in catalogue answers: bump the catalogue version on their changes too.

A product's page and its API answer also show its type, attributes and
their values, collections, variant images, the shop's settings (prices
shown with or without taxes), the tax plugins' configuration, and where its
stock ships (availability by country). Cached answers now also rely on the
version (marketplace/core/graphql/answers.py), so an edit to any of these
retires them at commit like a product edit does.
"""

from django.db import migrations

from storefront.pagecache.tracking import track_tables_sql, untrack_tables_sql

TRACKED_TABLES = (
    "product_producttype",
    "product_attribute",
    "product_attributetranslation",
    "product_attributevalue",
    "product_attributevaluetranslation",
    "product_attributeproduct",
    "product_attributevariant",
    "product_assignedproductattribute",
    "product_assignedproductattribute_values",
    "product_assignedvariantattribute",
    "product_assignedvariantattribute_values",
    "product_collection",
    "product_collectiontranslation",
    "product_variantimage",
    "site_sitesettings",
    "site_sitesettingstranslation",
    "plugins_pluginconfiguration",
    "warehouse_warehouse",
    "warehouse_warehouse_shipping_zones",
    "shipping_shippingzone",
)


class Migration(migrations.Migration):

    dependencies = [
        ("storefront_pagecache", "0002_bump_once_per_statement"),
        ("product", "0117_auto_20200423_0737"),
        ("site", "0025_auto_20191024_0552"),
        ("plugins", "0003_auto_20200429_0142"),
        ("shipping", "0017_django_price_2"),
        ("warehouse", "0009_remove_invalid_allocation"),
    ]

    operations = [
        migrations.RunSQL(track_tables_sql(TRACKED_TABLES), untrack_tables_sql(TRACKED_TABLES))
    ]
