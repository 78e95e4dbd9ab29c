"""Lists that read private fields or per-row totals hold their query count from 3 to 30 rows."""

from decimal import Decimal

import pytest
from django.utils import timezone
from saleor.order.models import Order

from marketplace.cooperatives.models import (
    CooperativeStatus,
    CooperativeTransition,
    Document,
    LedgerEntry,
    LedgerEntryKind,
    PayoutBatch,
)
from tests.fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = "slug rib members { email } transitions { toStatus } documents { kind }"

MEMBER_LIST = f"""
query {{ cooperatives(first: 50) {{ totalCount edges {{ node {{ {PRIVATE_FIELDS} }} }} }} }}
"""

REVIEW_QUEUE = f"""
query {{ cooperativeReviewQueue(first: 50) {{
  totalCount edges {{ node {{ {PRIVATE_FIELDS} }} }}
}} }}
"""

PAYOUT_BATCHES = """
query { payoutBatches(first: 50) {
  totalCount edges { node { reference total { amount } lines { rib amount { amount } } csv } }
} }
"""


def with_private_lists(cooperative, reviewer):
    Document.objects.create(
        cooperative=cooperative,
        kind="statutes",
        file="documents/statutes.pdf",
        original_name="statutes.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=reviewer,
    )
    CooperativeTransition.objects.create(
        cooperative=cooperative,
        from_status=CooperativeStatus.DRAFT,
        to_status=cooperative.status,
        actor=reviewer,
    )
    return cooperative


def nodes(body, field):
    return [edge["node"] for edge in body["data"][field]["edges"]]


@pytest.mark.parametrize("count", [3, 30])
def test_a_member_reads_its_cooperatives_private_fields_at_a_constant_query_count(
    graphql, user_token, owner, reviewer, django_assert_max_num_queries, count
):
    # given
    for _ in range(count):
        with_private_lists(make_cooperative(owner=owner, status=CooperativeStatus.APPROVED), owner)
    make_cooperative(owner=reviewer, status=CooperativeStatus.APPROVED)
    token = user_token(owner)

    # when
    with django_assert_max_num_queries(9):
        body = graphql(MEMBER_LIST, token=token)

    # then
    listed = nodes(body, "cooperatives")
    assert body["data"]["cooperatives"]["totalCount"] == count + 1
    own = [node for node in listed if node["members"] is not None]
    assert len(own) == count
    assert all(node["rib"] and node["documents"] and node["transitions"] for node in own)
    assert [node["rib"] for node in listed if node["members"] is None] == [None]


@pytest.mark.parametrize("count", [3, 30])
def test_the_review_queue_with_private_fields_holds_its_query_count(
    graphql, user_token, reviewer, django_assert_max_num_queries, count
):
    # given
    for index in range(count):
        owner = make_user(f"queue-{count}-{index}@example.com")
        with_private_lists(
            make_cooperative(
                owner=owner,
                status=CooperativeStatus.SUBMITTED,
                submitted_at=timezone.now() - timezone.timedelta(days=index + 1),
            ),
            reviewer,
        )
    token = user_token(reviewer)

    # when
    with django_assert_max_num_queries(9):
        body = graphql(REVIEW_QUEUE, token=token)

    # then
    listed = nodes(body, "cooperativeReviewQueue")
    assert body["data"]["cooperativeReviewQueue"]["totalCount"] == count
    assert len(listed) == count
    assert all(len(node["members"]) == 1 and node["documents"] for node in listed)


@pytest.mark.parametrize("count", [3, 30])
def test_payout_batches_with_lines_and_csv_hold_their_query_count(
    graphql, user_token, reviewer, django_assert_max_num_queries, count
):
    # given
    order = Order.objects.create(user_email="shopper@example.com", currency="MAD")
    for index in range(count):
        batch = PayoutBatch.objects.create(
            reference=f"PAY-TEST-{index:03d}", closed_by=reviewer, closed_at=timezone.now()
        )
        for _ in range(2):
            LedgerEntry.objects.create(
                order=order,
                cooperative=make_cooperative(status=CooperativeStatus.APPROVED),
                kind=LedgerEntryKind.SALE,
                gross=Decimal("100"),
                commission_rate=Decimal("0.1"),
                commission=Decimal("10"),
                net=Decimal("90"),
                payout_batch=batch,
            )
    token = user_token(reviewer)

    # when
    with django_assert_max_num_queries(7):
        body = graphql(PAYOUT_BATCHES, token=token)

    # then
    listed = nodes(body, "payoutBatches")
    assert body["data"]["payoutBatches"]["totalCount"] == count
    assert len(listed) == count
    assert all(len(node["lines"]) == 2 and node["total"] == {"amount": 180.0} for node in listed)
    assert all(node["lines"][0]["rib"] in node["csv"] for node in listed)
