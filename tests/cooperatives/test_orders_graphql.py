from decimal import Decimal

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.order.actions import mark_order_as_paid
from saleor.order.models import Fulfillment

from marketplace.cooperatives.models import (
    CommissionPolicy,
    LedgerEntry,
    PayoutBatch,
    PayoutBatchStatus,
)
from marketplace.cooperatives.services.ledger import payout_batch_close

from .orders_helpers import (  # noqa: F401
    ACTORS,
    ledger_snapshot,
    order_snapshot,
    place_order,
    product_of,
    seller,
    sku,
    stock_quantity,
    with_plugin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

ORDERS = """
query Orders($cooperative: ID!, $first: Int, $after: String) {
  cooperativeOrders(cooperative: $cooperative, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id number fulfilmentStatus orderStatus userEmail
      total { amount currency }
      lines { id productSku quantity quantityFulfilled }
    } }
  }
}
"""

FULFIL = """
mutation Fulfil($cooperative: ID!, $order: ID!, $lines: [CooperativeOrderFulfillLineInput!]!) {
  cooperativeOrderFulfill(cooperative: $cooperative, order: $order, lines: $lines,
                          notifyCustomer: false) {
    order { fulfilmentStatus lines { productSku quantityFulfilled } }
    fulfillments { id }
    cooperativeErrors { field code message }
  }
}
"""

LEDGER = """
query Ledger($cooperative: ID!) {
  cooperativeLedger(cooperative: $cooperative) {
    commissionRate
    unbatched { amount currency }
    entries(first: 20) { edges { node {
      kind orderNumber gross { amount } commission { amount } net { amount }
    } } }
  }
}
"""

BATCHES = """
{ payoutBatches(first: 20) { edges { node {
    id reference status total { amount } lines { rib amount { amount } entries } csv
} } } }
"""

POLICY = """
mutation Policy($rate: Decimal!) {
  commissionPolicyUpdate(defaultRate: $rate) {
    commissionPolicy { defaultRate }
    cooperativeErrors { field code }
  }
}
"""

COOPERATIVE_RATE = """
mutation Rate($id: ID!, $rate: Decimal) {
  cooperativeCommissionUpdate(id: $id, rate: $rate) {
    commissionRate
    cooperativeErrors { field code }
  }
}
"""

CLOSE = """
mutation { payoutBatchClose { payoutBatch { id reference status } cooperativeErrors { code } } }
"""

MARK_PAID = """
mutation Paid($id: ID!) {
  payoutBatchMarkPaid(id: $id) { payoutBatch { status paidByEmail } cooperativeErrors { code } }
}
"""

SHOPPER = """
query Shopper($token: UUID!) {
  orderCooperativeFulfilments(token: $token) {
    cooperative { slug } status lines { productSku quantityFulfilled }
  }
}
"""


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def denied(result):
    errors = result.get("errors") or []
    return bool(errors) and errors[0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.parametrize("actor", ACTORS)
def test_cooperative_orders_permission_matrix(
    actors, actor, graphql, user_token, olive, order, oil, thyme_honey
):
    # when
    result = graphql(ORDERS, {"cooperative": gid("Cooperative", olive.pk)},
                     token=user_token(actors[actor]))
    # then
    if actor in ("member", "reviewer"):
        nodes = [edge["node"] for edge in result["data"]["cooperativeOrders"]["edges"]]
        assert [node["id"] for node in nodes] == [gid("Order", order.pk)]
        assert [line["productSku"] for line in nodes[0]["lines"]] == [sku(oil)]
        assert nodes[0]["total"] == {"amount": 200.0, "currency": "MAD"}
        assert nodes[0]["fulfilmentStatus"] == "UNFULFILLED"
    else:
        assert denied(result)
        assert result["data"]["cooperativeOrders"] is None


def test_each_member_sees_only_its_own_lines(
    graphql, user_token, olive, honey, order, oil, thyme_honey, other_member
):
    # when
    result = graphql(ORDERS, {"cooperative": gid("Cooperative", honey.pk)},
                     token=user_token(other_member))
    # then
    lines = result["data"]["cooperativeOrders"]["edges"][0]["node"]["lines"]
    assert [line["productSku"] for line in lines] == [sku(thyme_honey)]
    assert sku(oil) not in str(result)


def test_cooperative_orders_paginate(graphql, user_token, olive, owner, oil):
    # given
    for _ in range(3):
        place_order([(oil, 1)])
    # when
    first = graphql(ORDERS, {"cooperative": gid("Cooperative", olive.pk), "first": 2},
                    token=user_token(owner))["data"]["cooperativeOrders"]
    rest = graphql(
        ORDERS,
        {"cooperative": gid("Cooperative", olive.pk), "first": 2,
         "after": first["pageInfo"]["endCursor"]},
        token=user_token(owner),
    )["data"]["cooperativeOrders"]
    # then
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    assert len(first["edges"]) == 2 and len(rest["edges"]) == 1
    assert rest["pageInfo"]["hasNextPage"] is False


def _count_queries(graphql, token, cooperative):
    with CaptureQueriesContext(connection) as context:
        result = graphql(ORDERS, {"cooperative": gid("Cooperative", cooperative.pk), "first": 50},
                         token=token)
    assert "errors" not in result
    return len(context.captured_queries), len(result["data"]["cooperativeOrders"]["edges"])


def test_cooperative_orders_query_count_is_constant(
    graphql, user_token, olive, honey, owner, django_assert_max_num_queries
):
    # given
    oil, thyme_honey = product_of(olive, quantity=100), product_of(honey, quantity=100)
    for _ in range(3):
        place_order([(oil, 1), (thyme_honey, 1)])
    token = user_token(owner)
    few_queries, few = _count_queries(graphql, token, olive)
    for _ in range(27):
        place_order([(oil, 1), (thyme_honey, 1)])
    # when / then
    with django_assert_max_num_queries(few_queries):
        _, many = _count_queries(graphql, token, olive)
    assert (few, many) == (3, 30)


@pytest.mark.parametrize("actor", ACTORS)
def test_fulfil_mutation_permission_matrix(
    actors, actor, graphql, user_token, olive, honey, order, oil, thyme_honey
):
    # given
    before = order_snapshot(order)
    line = order.lines.get(variant__product=oil)
    # when
    result = graphql(
        FULFIL,
        {"cooperative": gid("Cooperative", olive.pk), "order": gid("Order", order.pk),
         "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 2}]},
        token=user_token(actors[actor]),
    )
    # then
    if actor == "member":
        data = result["data"]["cooperativeOrderFulfill"]
        assert data["cooperativeErrors"] == []
        assert data["order"]["fulfilmentStatus"] == "FULFILLED"
        assert stock_quantity(oil, olive.warehouse) == 8
        assert stock_quantity(thyme_honey, honey.warehouse) == 10
    else:
        assert denied(result)
        assert order_snapshot(order) == before


def test_member_cannot_fulfil_the_other_cooperatives_line(
    graphql, user_token, olive, order, thyme_honey, owner
):
    # given
    before = order_snapshot(order)
    foreign = order.lines.get(variant__product=thyme_honey)
    # when
    result = graphql(
        FULFIL,
        {"cooperative": gid("Cooperative", olive.pk), "order": gid("Order", order.pk),
         "lines": [{"orderLineId": gid("OrderLine", foreign.pk), "quantity": 1}]},
        token=user_token(owner),
    )
    # then
    errors = result["data"]["cooperativeOrderFulfill"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [
        ("lines", "PRODUCT_NOT_OWNED")
    ]
    assert order_snapshot(order) == before
    assert Fulfillment.objects.count() == 0


def test_fulfil_more_than_ordered_is_refused(graphql, user_token, olive, order, oil, owner):
    # given
    before = order_snapshot(order)
    line = order.lines.get(variant__product=oil)
    # when
    result = graphql(
        FULFIL,
        {"cooperative": gid("Cooperative", olive.pk), "order": gid("Order", order.pk),
         "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 3}]},
        token=user_token(owner),
    )
    # then
    errors = result["data"]["cooperativeOrderFulfill"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["INVALID_QUANTITY"]
    assert order_snapshot(order) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_ledger_query_permission_matrix(
    actors, actor, graphql, user_token, olive, order, reviewer
):
    # given
    mark_order_as_paid(order, reviewer)
    # when
    result = graphql(LEDGER, {"cooperative": gid("Cooperative", olive.pk)},
                     token=user_token(actors[actor]))
    # then
    if actor in ("member", "reviewer"):
        ledger = result["data"]["cooperativeLedger"]
        assert ledger["commissionRate"] == 0.1
        assert ledger["unbatched"] == {"amount": 180.0, "currency": "MAD"}
        assert [edge["node"] for edge in ledger["entries"]["edges"]] == [{
            "kind": "SALE", "orderNumber": str(order.pk), "gross": {"amount": 200.0},
            "commission": {"amount": 20.0}, "net": {"amount": 180.0},
        }]
    else:
        assert denied(result)


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_batches_query_permission_matrix(
    actors, actor, graphql, user_token, olive, order, reviewer
):
    # given
    mark_order_as_paid(order, reviewer)
    batch = payout_batch_close(user=reviewer)
    # when
    result = graphql(BATCHES, token=user_token(actors[actor]))
    # then
    if actor == "reviewer":
        batches = [edge["node"] for edge in result["data"]["payoutBatches"]["edges"]]
        assert [item["reference"] for item in batches] == [batch.reference]
        assert {line["rib"] for line in batches[0]["lines"]} == {
            olive.rib, order.lines.exclude(cooperative_link__cooperative=olive).get()
            .cooperative_link.cooperative.rib,
        }
        assert olive.rib in batches[0]["csv"]
        assert batches[0]["total"] == {"amount": 225.0}
    else:
        assert denied(result)


@pytest.mark.parametrize("actor", ACTORS)
def test_commission_policy_update_permission_matrix(actors, actor, graphql, user_token):
    # when
    result = graphql(POLICY, {"rate": "0.15"}, token=user_token(actors[actor]))
    # then
    if actor == "reviewer":
        assert result["data"]["commissionPolicyUpdate"]["commissionPolicy"] == {
            "defaultRate": 0.15
        }
        assert CommissionPolicy.current().default_rate == Decimal("0.15")
    else:
        assert denied(result)
        assert CommissionPolicy.current().default_rate == Decimal("0.1")


def test_commission_policy_update_rejects_out_of_range(graphql, user_token, reviewer):
    # when
    result = graphql(POLICY, {"rate": "1.5"}, token=user_token(reviewer))
    # then
    assert result["data"]["commissionPolicyUpdate"]["cooperativeErrors"] == [
        {"field": "defaultRate", "code": "INVALID"}
    ]
    assert CommissionPolicy.current().default_rate == Decimal("0.1")


@pytest.mark.parametrize("actor", ACTORS)
def test_cooperative_commission_update_permission_matrix(
    actors, actor, graphql, user_token, olive
):
    # when
    result = graphql(COOPERATIVE_RATE, {"id": gid("Cooperative", olive.pk), "rate": "0.05"},
                     token=user_token(actors[actor]))
    # then
    olive.refresh_from_db()
    if actor == "reviewer":
        assert result["data"]["cooperativeCommissionUpdate"]["commissionRate"] == 0.05
        assert olive.commission_rate == Decimal("0.05")
    else:
        assert denied(result)
        assert olive.commission_rate is None


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_batch_close_permission_matrix(
    actors, actor, graphql, user_token, order, reviewer
):
    # given
    mark_order_as_paid(order, reviewer)
    before = ledger_snapshot()
    # when
    result = graphql(CLOSE, token=user_token(actors[actor]))
    # then
    if actor == "reviewer":
        batch = result["data"]["payoutBatchClose"]["payoutBatch"]
        assert batch["status"] == "CLOSED"
        assert LedgerEntry.objects.filter(payout_batch__isnull=True).count() == 0
    else:
        assert denied(result)
        assert ledger_snapshot() == before


def test_payout_batch_close_with_nothing_owed_reports_the_code(graphql, user_token, reviewer):
    # when
    result = graphql(CLOSE, token=user_token(reviewer))
    # then
    assert result["data"]["payoutBatchClose"]["cooperativeErrors"] == [
        {"code": "NOTHING_TO_PAY"}
    ]
    assert not PayoutBatch.objects.exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_payout_batch_mark_paid_permission_matrix(
    actors, actor, graphql, user_token, order, reviewer
):
    # given
    mark_order_as_paid(order, reviewer)
    batch = payout_batch_close(user=reviewer)
    before = ledger_snapshot()
    # when
    result = graphql(MARK_PAID, {"id": gid("PayoutBatch", batch.pk)},
                     token=user_token(actors[actor]))
    # then
    batch.refresh_from_db()
    if actor == "reviewer":
        assert result["data"]["payoutBatchMarkPaid"]["payoutBatch"] == {
            "status": "PAID", "paidByEmail": reviewer.email,
        }
        assert batch.status == PayoutBatchStatus.PAID
    else:
        assert denied(result)
        assert ledger_snapshot() == before


def test_shopper_sees_per_cooperative_status_by_token(
    graphql, olive, honey, order, oil, owner
):
    # given olive ships its line
    from marketplace.cooperatives.services.orders import cooperative_order_fulfil

    cooperative_order_fulfil(cooperative=olive, user=owner, order=order,
                             lines={order.lines.get(variant__product=oil): 2},
                             notify_customer=False)
    # when
    result = graphql(SHOPPER, {"token": order.token})
    # then
    groups = {group["cooperative"]["slug"]: group["status"]
              for group in result["data"]["orderCooperativeFulfilments"]}
    assert groups == {olive.slug: "FULFILLED", honey.slug: "UNFULFILLED"}


def test_unknown_token_gives_nothing(graphql, order):
    # when
    result = graphql(SHOPPER, {"token": "00000000-0000-4000-8000-000000000000"})
    # then
    assert result["data"]["orderCooperativeFulfilments"] is None


def test_fulfil_unknown_order_reports_not_found(graphql, user_token, olive, order, oil, owner):
    # given
    before = order_snapshot(order)
    line = order.lines.get(variant__product=oil)
    # when
    result = graphql(
        FULFIL,
        {"cooperative": gid("Cooperative", olive.pk), "order": gid("Order", order.pk + 1000),
         "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 1}]},
        token=user_token(owner),
    )
    # then
    errors = result["data"]["cooperativeOrderFulfill"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [("order", "NOT_FOUND")]
    assert order_snapshot(order) == before
