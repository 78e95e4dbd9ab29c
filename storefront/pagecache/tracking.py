"""SQL that makes a table's changes bump the catalogue version (see migration 0001).

Another app whose rows change what shoppers see (labels, fairs…) tracks its
tables from its own migration: ``RunSQL(track_tables_sql(["labels_certification"]),
untrack_tables_sql([...]))``, depending on ``("storefront_pagecache", "0001_catalogue_version")``.
"""


def _trigger(table):
    name = f"{table}_bumps_catalogue_version"
    if len(name) >= 63:
        # PostgreSQL cuts names at 63 bytes: the _truncate trigger would get the same one.
        name = f"{table}_bumps_version"
    return name


def track_tables_sql(tables):
    statements = []
    for table in tables:
        statements.append(
            f"CREATE CONSTRAINT TRIGGER {_trigger(table)}"
            f" AFTER INSERT OR UPDATE OR DELETE ON {table}"
            " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
            " EXECUTE FUNCTION storefront_bump_catalogue_version();"
        )
        statements.append(
            f"CREATE TRIGGER {_trigger(table)}_truncate AFTER TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION storefront_bump_catalogue_version();"
        )
    return "\n".join(statements)


def untrack_tables_sql(tables):
    return "\n".join(
        f"DROP TRIGGER IF EXISTS {_trigger(table)} ON {table};"
        f" DROP TRIGGER IF EXISTS {_trigger(table)}_truncate ON {table};"
        for table in tables
    )


def bump_catalogue_version(**_signal):
    """Retire every cached page part, for a change no tracked table sees (the
    Elasticsearch index, written after commit: a page rendered in between must
    not outlive it)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO storefront_catalogue_version (id, value)"
            " VALUES (1, nextval('storefront_catalogue_version_seq'))"
            " ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value"
        )
