"""A catalogue version that PostgreSQL bumps whenever what shoppers see may change.

The storefront caches anonymous pages under this version. The triggers fire
for every writer (our services, Saleor's mutations and dashboard, bulk
imports, a shell), so a cached page can never outlive the data it shows.
They are deferred to commit and write a committed value only: a reader
either sees the old version (and the old data) or the new one (and the new
data). The value comes from a sequence, so it never goes back, even when a
transaction rolls back or the tables are emptied.
"""

from django.db import migrations

from storefront.pagecache.tracking import track_tables_sql, untrack_tables_sql

TRACKED_TABLES = (
    "product_product",
    "product_producttranslation",
    "product_productvariant",
    "product_productvarianttranslation",
    "product_productimage",
    "product_category",
    "product_categorytranslation",
    "product_collectionproduct",
    "warehouse_stock",
    "warehouse_allocation",
    "discount_sale",
    "discount_sale_products",
    "discount_sale_categories",
    "discount_sale_collections",
    "cooperatives_cooperative",
    "cooperatives_cooperativeproduct",
)

CREATE = """
CREATE SEQUENCE storefront_catalogue_version_seq;
CREATE TABLE storefront_catalogue_version (id integer PRIMARY KEY, value bigint NOT NULL);
CREATE FUNCTION storefront_bump_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO storefront_catalogue_version (id, value)
        VALUES (1, nextval('storefront_catalogue_version_seq'))
        ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END;
$$;
"""

DROP = """
DROP TABLE IF EXISTS storefront_catalogue_version;
DROP SEQUENCE IF EXISTS storefront_catalogue_version_seq;
DROP FUNCTION IF EXISTS storefront_bump_catalogue_version() CASCADE;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("product", "0117_auto_20200423_0737"),
        ("warehouse", "0009_remove_invalid_allocation"),
        ("discount", "0019_auto_20200217_0350"),
        ("cooperatives", "0004_ledger_entry_per_refund"),
    ]

    operations = [
        migrations.RunSQL(CREATE, DROP),
        migrations.RunSQL(track_tables_sql(TRACKED_TABLES), untrack_tables_sql(TRACKED_TABLES)),
    ]
