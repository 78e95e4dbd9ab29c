"""Bump the catalogue version once per statement, not once per row.

The triggers are per row and deferred to commit: a bulk import of 10,000
products fired 60,000 updates of the one version row in a single
transaction, each walking the row's growing chain of versions, and the
commit took minutes. A transaction-local marker (transaction and statement)
lets the first row of a statement bump and the others return at once; at
commit all deferred triggers share the COMMIT statement, so a transaction
bumps once.
"""

from django.db import migrations

ONCE_PER_STATEMENT = """
CREATE OR REPLACE FUNCTION storefront_bump_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    marker text := txid_current()::text || '@' || statement_timestamp()::text;
BEGIN
    IF current_setting('storefront.catalogue_bumped', true) = marker THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('storefront.catalogue_bumped', marker, true);
    INSERT INTO storefront_catalogue_version (id, value)
        VALUES (1, nextval('storefront_catalogue_version_seq'))
        ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END;
$$;
"""

EVERY_ROW = """
CREATE OR REPLACE FUNCTION storefront_bump_catalogue_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO storefront_catalogue_version (id, value)
        VALUES (1, nextval('storefront_catalogue_version_seq'))
        ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value;
    RETURN NULL;
END;
$$;
"""


class Migration(migrations.Migration):

    dependencies = [("storefront_pagecache", "0001_catalogue_version")]

    operations = [migrations.RunSQL(ONCE_PER_STATEMENT, EVERY_ROW)]
