import pytest
from django.core.cache import cache
from django.db import connection


@pytest.fixture
def page_cache(settings, db):
    """The page cache on, with the catalogue version moving inside the test's transaction.

    In production the version moves when a write commits; a test's transaction
    never commits, so its triggers are made to fire at once instead.
    """
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 600
    cache.clear()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(quote_ident(tgname), ', ') FROM pg_trigger"
            " WHERE tgname LIKE '%%_bumps_catalogue_version' AND tgconstraint <> 0"
        )
        names = cursor.fetchone()[0]
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
    yield
    cache.clear()


# The search suite's small regional catalogue (two approved cooperatives, one suspended).
from tests.search.conftest import catalogue, categories, cooperatives, shop  # noqa: E402,F401
