"""Storefront scenes: the page cache, the search suite's catalogue, two sellers."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.cooperatives.orders_helpers import product_of, seller
from tests.fixtures.cooperatives import make_user


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
            " WHERE tgname LIKE '%%_bumps_%%version' AND tgconstraint <> 0"
        )
        names = cursor.fetchone()[0]
        cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
    yield
    cache.clear()


# The search suite's small regional catalogue (two approved cooperatives, one suspended).
from tests.search.conftest import catalogue, categories, cooperatives, shop  # noqa: E402,F401


@pytest.fixture
def olive_coop(db):
    return seller(owner=make_user("olive-owner@example.ma"), name_fr="Zitoun Sefrou")


@pytest.fixture
def honey_coop(db):
    return seller(owner=make_user("honey-owner@example.ma"), name_fr="Assal Imouzzer")


@pytest.fixture
def oil(olive_coop):
    return product_of(olive_coop, price="100.00", name="Huile Zitoun", quantity=5)


@pytest.fixture
def honey(honey_coop):
    return product_of(honey_coop, price="50.00", name="Miel Assal", quantity=5)
