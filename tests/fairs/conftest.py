import pytest

from tests.fixtures.cooperatives import make_cooperative, make_user

from .helpers import link, make_fair, make_stop


@pytest.fixture
def planner(db):
    """Council staff who plan fairs (manage_fairs)."""
    return make_user("planner@example.com", is_staff=True, permissions=["fairs.manage_fairs"])


@pytest.fixture
def tour(db):
    return make_fair(status="published")


@pytest.fixture
def stop(tour):
    return make_stop(tour)


@pytest.fixture
def oil(product_factory, approved_cooperative):
    return link(product_factory(name="Huile d'olive"), approved_cooperative)


@pytest.fixture
def other_oil(product_factory, other_cooperative):
    return link(product_factory(name="Huile de Taounate"), other_cooperative)


@pytest.fixture
def fair_actors(
    customer, other_member, owner, staff_without_permission, planner, other_cooperative
):
    """The permission matrix's actors for fairs (None is anonymous)."""
    return {
        "anonymous": None,
        "customer": customer,
        "other_cooperative_member": other_member,
        "member": owner,
        "staff_without_permission": staff_without_permission,
        "planner": planner,
    }


def approved_cooperative_with_owner(email, **fields):
    owner = make_user(email)
    return make_cooperative(owner=owner, status="approved", **fields), owner
