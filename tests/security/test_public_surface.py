"""The public contract of /graphql/, and the federation hole that it closed.

Saleor 2.10 builds its schema with graphene-federation, whose ``_entities``
resolved any ``User`` (by id or e-mail) or ``Address`` for anyone, with the
user's addresses, phones, orders and order tokens. Our schema is built without
federation; these tests replay that attack and pin every root field and type a
caller without a token reaches, so that a new one is a reviewed change.
"""

import pytest
from graphene import Node

from tests.cooperatives.orders_helpers import make_address, place_order, product_of, seller
from tests.fixtures.cooperatives import make_user

from .public_surface_allowlist import OPEN_MUTATIONS, OPEN_QUERIES, REACHABLE_TYPES
from .surface import probe_root_fields, root_fields, types_reachable_from

pytestmark = pytest.mark.django_db

REVIEW = (
    "{what} changed for callers without a token: {change}. Review what each one "
    "serves to anyone (try it anonymously against real rows), then update "
    "tests/security/public_surface_allowlist.py with the reason it is safe."
)

ENTITIES_ATTACK = """
  query($r: [_Any]) { _entities(representations: $r) {
    ... on User { email firstName lastName addresses { streetAddress1 phone }
      orders(first: 5) { edges { node { number token shippingAddress { phone } } } } }
    ... on Address { streetAddress1 phone }
  } }
"""


@pytest.fixture
def victim(owner):
    user = make_user("salma.bennani@example.ma")
    user.first_name, user.last_name = "Salma", "Bennani"
    user.save()
    address = make_address(phone="+212661234567", street_address_1="7 derb Sidi Ahmed")
    user.addresses.add(address)
    place_order([(product_of(seller(owner=owner)), 1)], user=user)
    return user


@pytest.mark.parametrize(
    "representation",
    [
        pytest.param(lambda user: {"__typename": "User", "email": user.email}, id="user-by-email"),
        pytest.param(
            lambda user: {"__typename": "User", "id": Node.to_global_id("User", user.pk)},
            id="user-by-id",
        ),
        pytest.param(
            lambda user: {
                "__typename": "Address",
                "id": Node.to_global_id("Address", user.addresses.get().pk),
            },
            id="address-by-id",
        ),
    ],
)
def test_federation_entities_reveal_nothing(graphql, victim, representation):
    # when
    content = graphql(ENTITIES_ATTACK, {"r": [representation(victim)]})

    # then
    assert "data" not in content
    refusal = " ".join(error["message"] for error in content["errors"])
    assert '"_Any"' in refusal or '"_entities"' in refusal
    body = str(content)
    for secret in (victim.email, "Bennani", "+212661234567", "derb Sidi Ahmed"):
        assert secret not in body
    assert str(victim.orders.get().token) not in body


def test_federation_service_field_is_not_served(graphql):
    # when
    content = graphql("{ _service { sdl } }")

    # then
    assert "data" not in content
    assert 'Cannot query field "_service"' in content["errors"][0]["message"]


def test_schema_has_no_federation_types():
    # given
    printed = str(root_fields("query").keys()) + " ".join(
        REACHABLE_TYPES | types_reachable_from("query", root_fields("query"))
    )

    # then
    for federation_name in ("_entities", "_service", "_Entity", "_Any", "_Service"):
        assert federation_name not in printed


@pytest.fixture(scope="module")
def anonymous_outcome(django_db_setup, django_db_blocker):
    """Every root field called once without a token (refused or open), inside a rollback."""
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock():
        with transaction.atomic():
            client = Client()
            outcome = {
                "query": probe_root_fields(client, "query"),
                "mutation": probe_root_fields(client, "mutation"),
            }
            transaction.set_rollback(True)
    return outcome


def _open(outcome):
    return {name for name, answer in outcome.items() if answer == "open"}


@pytest.mark.parametrize(
    ("operation", "reviewed"), [("query", OPEN_QUERIES), ("mutation", OPEN_MUTATIONS)]
)
def test_root_fields_open_to_anonymous_callers_are_the_reviewed_ones(
    anonymous_outcome, operation, reviewed
):
    # given
    open_fields = _open(anonymous_outcome[operation])

    # then
    new = sorted(open_fields - set(reviewed))
    closed = sorted(set(reviewed) - open_fields)
    assert not new, REVIEW.format(what=f"Open {operation} fields", change=f"new: {new}")
    assert not closed, REVIEW.format(
        what=f"Open {operation} fields", change=f"now refused or removed: {closed}"
    )


def test_types_reachable_by_anonymous_callers_are_the_reviewed_ones():
    # given
    reachable = types_reachable_from("query", OPEN_QUERIES) | types_reachable_from(
        "mutation", OPEN_MUTATIONS
    )

    # then
    new = sorted(reachable - REACHABLE_TYPES)
    gone = sorted(REACHABLE_TYPES - reachable)
    assert not new, REVIEW.format(what="Reachable types", change=f"new: {new}")
    assert not gone, REVIEW.format(what="Reachable types", change=f"no longer reachable: {gone}")


def test_back_office_root_fields_refuse_anonymous_callers(anonymous_outcome):
    # given
    back_office = {
        "query": ["user", "customers", "staffUsers", "orders", "checkouts", "homepageEvents",
                  "webhooks", "apps", "warehouses", "giftCards", "translations", "payoutBatches",
                  "cooperativeReviewQueue", "plugins", "permissionGroups", "stocks"],
        "mutation": ["productCreate", "staffCreate", "webhookCreate", "appCreate",
                     "orderCancel", "cooperativeReview", "payoutBatchClose"],
    }

    # then
    for operation, names in back_office.items():
        for name in names:
            assert anonymous_outcome[operation][name] == "refused", f"{operation} {name}"
