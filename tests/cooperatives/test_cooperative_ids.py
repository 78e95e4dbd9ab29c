"""Every field taking a cooperative's ID fails alike when the ID names no cooperative."""

import graphene
import pytest
from django.utils import translation

from marketplace.cooperatives.models import Cooperative

from .orders_helpers import order_snapshot, with_plugin  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

QUERIES = {
    "cooperativeProducts": "query($c: ID!) { cooperativeProducts(cooperative: $c, first: 5) "
    "{ totalCount } }",
    "cooperativeOrders": "query($c: ID!) { cooperativeOrders(cooperative: $c, first: 5) "
    "{ totalCount } }",
    "cooperativeLedger": "query($c: ID!) { cooperativeLedger(cooperative: $c) "
    "{ paid { amount } } }",
}

FULFIL = """
mutation($c: ID!, $o: ID!, $l: ID!) {
  cooperativeOrderFulfill(cooperative: $c, order: $o, lines: [{orderLineId: $l, quantity: 1}],
                          notifyCustomer: false) {
    cooperativeErrors { field code message }
  }
}
"""


def unknown_ids():
    last = Cooperative.objects.order_by("-pk").values_list("pk", flat=True).first()
    missing_pk = (last or 0) + 1
    return {
        "malformed": "not-an-id",
        "another type": graphene.Node.to_global_id("Product", 1),
        "no such cooperative": graphene.Node.to_global_id("Cooperative", missing_pk),
    }


@pytest.mark.parametrize("field", QUERIES)
@pytest.mark.parametrize("kind", ["malformed", "another type", "no such cooperative"])
def test_a_query_with_an_id_naming_no_cooperative_says_so(
    graphql, user_token, reviewer, olive, field, kind
):
    # given
    global_id = unknown_ids()[kind]

    # when
    result = graphql(QUERIES[field], {"c": global_id}, token=user_token(reviewer))

    # then
    assert result["data"][field] is None
    with translation.override("fr"):  # /graphql/ answers in the site's default language
        expected = translation.gettext("No cooperative matches this ID: %(id)s.")
    assert [error["message"] for error in result["errors"]] == [expected % {"id": global_id}]


@pytest.mark.parametrize("kind", ["malformed", "another type", "no such cooperative"])
def test_fulfilling_for_an_id_naming_no_cooperative_is_not_found_and_ships_nothing(
    graphql, user_token, owner, olive, order, kind
):
    # given
    line = order.lines.first()
    before = order_snapshot(order)

    # when
    result = graphql(
        FULFIL,
        {
            "c": unknown_ids()[kind],
            "o": graphene.Node.to_global_id("Order", order.pk),
            "l": graphene.Node.to_global_id("OrderLine", line.pk),
        },
        token=user_token(owner),
    )

    # then
    errors = result["data"]["cooperativeOrderFulfill"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [("cooperative", "NOT_FOUND")]
    assert order_snapshot(order) == before
