"""Long lists come a page at a time: the review queue page, and the GraphQL lists."""

from decimal import Decimal

import graphene
import pytest
from django.urls import reverse
from django.utils import timezone
from saleor.order.models import Order

from marketplace.cooperatives.models import (
    CooperativeStatus,
    LedgerEntry,
    LedgerEntryKind,
    PayoutBatch,
)
from marketplace.cooperatives.views import orders as orders_views
from marketplace.cooperatives.views import review as review_views
from tests.fixtures.cooperatives import make_cooperative

from .review_helpers import make_submitted

pytestmark = pytest.mark.django_db


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def listed_slugs(response):
    return [cooperative.slug for cooperative in response.context["cooperatives"]]


def test_the_review_queue_page_comes_in_pages_that_keep_the_filters(
    client, reviewer, monkeypatch
):
    # given
    monkeypatch.setattr(review_views, "QUEUE_PAGE_SIZE", 2)
    in_taza = [make_submitted(days_ago=10 - index, province="taza") for index in range(3)]
    make_submitted(days_ago=30, province="ifrane")
    client.force_login(reviewer, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("backoffice:cooperative-review-queue")

    # when
    first = client.get(url, {"province": "taza"})
    second = client.get(url, {"province": "taza", "page": 2})

    # then
    assert listed_slugs(first) == [in_taza[0].slug, in_taza[1].slug]
    assert listed_slugs(second) == [in_taza[2].slug]
    assert 'href="?province=taza&amp;page=2"' in first.content.decode()
    assert 'href="?province=taza&amp;page=1"' in second.content.decode()


QUEUE = """
query($first: Int, $after: String) {
  cooperativeReviewQueue(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { slug } }
  }
}
"""

BATCHES = """
query($first: Int, $after: String) {
  payoutBatches(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { reference } }
  }
}
"""

LEDGER = """
query($cooperative: ID!, $first: Int, $after: String) {
  cooperativeLedger(cooperative: $cooperative) {
    entries(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { orderNumber } }
    }
  }
}
"""


def read_two_pages(graphql, token, query, field_path, variables=None):
    def connection(body):
        for key in field_path:
            body = body[key]
        return body

    first = connection(graphql(query, {**(variables or {}), "first": 2}, token=token))
    after = first["pageInfo"]["endCursor"]
    second = connection(
        graphql(query, {**(variables or {}), "first": 2, "after": after}, token=token)
    )
    return first, second


def nodes(connection, key):
    return [edge["node"][key] for edge in connection["edges"]]


def test_the_review_queue_query_pages_with_first_and_after(graphql, user_token, reviewer):
    # given
    queued = [make_submitted(days_ago=10 - index) for index in range(3)]

    # when
    first, second = read_two_pages(
        graphql, user_token(reviewer), QUEUE, ["data", "cooperativeReviewQueue"]
    )

    # then
    assert first["totalCount"] == second["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    assert nodes(first, "slug") + nodes(second, "slug") == [c.slug for c in queued]
    assert second["pageInfo"]["hasNextPage"] is False


def sale(order, cooperative, batch=None):
    return LedgerEntry.objects.create(
        order=order,
        cooperative=cooperative,
        kind=LedgerEntryKind.SALE,
        gross=Decimal("100"),
        commission_rate=Decimal("0.1"),
        commission=Decimal("10"),
        net=Decimal("90"),
        payout_batch=batch,
    )


def test_payout_batches_page_with_first_and_after(graphql, user_token, reviewer):
    # given
    order = Order.objects.create(user_email="shopper@example.com", currency="MAD")
    references = []
    for index in range(3):
        batch = PayoutBatch.objects.create(
            reference=f"PAY-PAGE-{index}",
            closed_by=reviewer,
            closed_at=timezone.now() - timezone.timedelta(days=index),
        )
        sale(order, make_cooperative(status=CooperativeStatus.APPROVED), batch)
        references.append(batch.reference)

    # when
    first, second = read_two_pages(
        graphql, user_token(reviewer), BATCHES, ["data", "payoutBatches"]
    )

    # then
    assert first["totalCount"] == 3
    assert nodes(first, "reference") + nodes(second, "reference") == references
    assert second["pageInfo"]["hasNextPage"] is False


def test_ledger_entries_page_with_first_and_after(graphql, user_token, owner):
    # given
    cooperative = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED)
    orders = [Order.objects.create(user_email="s@example.com", currency="MAD") for _ in range(3)]
    for order in orders:
        sale(order, cooperative)

    # when
    first, second = read_two_pages(
        graphql,
        user_token(owner),
        LEDGER,
        ["data", "cooperativeLedger", "entries"],
        {"cooperative": gid("Cooperative", cooperative.pk)},
    )

    # then
    assert first["totalCount"] == 3
    assert len(nodes(first, "orderNumber")) == 2
    assert sorted(nodes(first, "orderNumber") + nodes(second, "orderNumber")) == sorted(
        str(order.pk) for order in orders
    )


def test_the_payouts_page_lists_batches_a_page_at_a_time(client, reviewer, monkeypatch):
    # given
    monkeypatch.setattr(orders_views, "PAGE_SIZE", 2)
    order = Order.objects.create(user_email="shopper@example.com", currency="MAD")
    for index in range(3):
        batch = PayoutBatch.objects.create(
            reference=f"PAY-LIST-{index}",
            closed_by=reviewer,
            closed_at=timezone.now() - timezone.timedelta(days=index),
        )
        sale(order, make_cooperative(status=CooperativeStatus.APPROVED), batch)
    client.force_login(reviewer, backend="django.contrib.auth.backends.ModelBackend")

    # when
    first = client.get(reverse("backoffice:payouts"))
    second = client.get(reverse("backoffice:payouts"), {"page": 2})

    # then
    assert [batch.reference for batch in first.context["batches"]] == ["PAY-LIST-0", "PAY-LIST-1"]
    assert [batch.reference for batch in second.context["batches"]] == ["PAY-LIST-2"]
    assert 'href="?page=2"' in first.content.decode()
