"""PostgreSQL session settings for the length of a block.

Set and reset on the raw connection, so that they stay out of Django's query
log (and the query counts the tests pin). A SET inside a transaction that
fails is undone with it, so a failing reset is no loss.
"""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def session_setting(name, value):
    """``SET name = value`` for the block, then ``RESET name``; nothing off PostgreSQL."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(f"SET {name} = %s", [value])
    try:
        yield
    finally:
        try:
            with raw.cursor() as cursor:
                cursor.execute(f"RESET {name}")
        except Exception:  # noqa: BLE001 - an aborted transaction reverts the SET itself
            pass
