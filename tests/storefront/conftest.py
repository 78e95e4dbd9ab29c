"""Two cooperatives of the region, one product each: the shopper's usual scene."""

import pytest

from tests.cooperatives.orders_helpers import product_of, seller
from tests.fixtures.cooperatives import make_user


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
