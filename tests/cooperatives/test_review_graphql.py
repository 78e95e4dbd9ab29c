import json

import graphene
import pytest
from django.core import mail
from saleor.warehouse.models import Warehouse

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import CooperativeStatus, CooperativeTransition
from tests.fixtures.cooperatives import make_cooperative

from .review_helpers import make_shipping_zones, make_submitted, snapshot

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]

REVIEW = """
mutation Review($id: ID!, $decision: CooperativeReviewDecision!, $reason: String,
                $fieldComments: JSONString) {
  cooperativeReview(id: $id, decision: $decision, reason: $reason,
                    fieldComments: $fieldComments) {
    cooperative { id status transitions { fromStatus toStatus reason fieldComments actorEmail } }
    cooperativeErrors { field code message }
  }
}
"""

SUSPEND = """
mutation Suspend($id: ID!, $reason: String!) {
  cooperativeSuspend(id: $id, reason: $reason) {
    cooperative { id status }
    cooperativeErrors { field code message }
  }
}
"""

REINSTATE = """
mutation Reinstate($id: ID!, $reason: String) {
  cooperativeReinstate(id: $id, reason: $reason) {
    cooperative { id status }
    cooperativeErrors { field code message }
  }
}
"""

CHECKS = """
query Checks($id: ID!) {
  cooperativeReviewChecks(id: $id) { code passed message }
}
"""


def node_id(cooperative):
    return graphene.Node.to_global_id("Cooperative", cooperative.pk)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def submitted(owner):
    return make_submitted(owner=owner)


# Each mutation: (document, result key, status it acts on, variables but the id, status after).
MUTATIONS = {
    "approve": (REVIEW, "cooperativeReview", CooperativeStatus.SUBMITTED,
                {"decision": "APPROVE"}, CooperativeStatus.APPROVED),
    "reject": (REVIEW, "cooperativeReview", CooperativeStatus.SUBMITTED,
               {"decision": "REJECT", "reason": "Hors ESS"}, CooperativeStatus.REJECTED),
    "request_changes": (REVIEW, "cooperativeReview", CooperativeStatus.SUBMITTED,
                        {"decision": "REQUEST_CHANGES",
                         "fieldComments": json.dumps({"rib": "Clé fausse"})},
                        CooperativeStatus.CHANGES_REQUESTED),
    "suspend": (SUSPEND, "cooperativeSuspend", CooperativeStatus.APPROVED,
                {"reason": "Fraude"}, CooperativeStatus.SUSPENDED),
    "reinstate": (REINSTATE, "cooperativeReinstate", CooperativeStatus.SUSPENDED,
                  {}, CooperativeStatus.APPROVED),
}


@pytest.mark.parametrize("actor_name", ACTORS)
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_review_mutations_permission_matrix(
    graphql, user_token, actors, owner, run_on_commit, actor_name, mutation
):
    # given
    document, key, status, variables, status_after = MUTATIONS[mutation]
    cooperative = make_submitted(owner=owner, status=status)
    before = snapshot(cooperative)

    # when
    with run_on_commit():
        response = graphql(
            document,
            {"id": node_id(cooperative), **variables},
            token=user_token(actors[actor_name]),
        )

    # then
    if actor_name == "reviewer":
        assert response["data"][key]["cooperativeErrors"] == []
        assert response["data"][key]["cooperative"]["status"] == status_after.name
        assert snapshot(cooperative)["transitions"] == before["transitions"] + 1
        assert [message.to for message in mail.outbox] == [[owner.email]]
    else:
        assert response["errors"]
        assert response["data"][key] is None
        assert snapshot(cooperative) == before
        assert mail.outbox == []


def test_review_returns_the_recorded_transition_with_comments(
    graphql, user_token, submitted, reviewer
):
    # when
    response = graphql(
        REVIEW,
        {
            "id": node_id(submitted),
            "decision": "REQUEST_CHANGES",
            "reason": "Deux points",
            "fieldComments": json.dumps({"ice": "Illisible", "document:bank_rib": "Ancien"}),
        },
        token=user_token(reviewer),
    )

    # then
    result = response["data"]["cooperativeReview"]
    assert result["cooperativeErrors"] == []
    assert result["cooperative"]["transitions"] == [
        {
            "fromStatus": "SUBMITTED",
            "toStatus": "CHANGES_REQUESTED",
            "reason": "Deux points",
            "fieldComments": json.dumps({"ice": "Illisible", "document:bank_rib": "Ancien"}),
            "actorEmail": reviewer.email,
        }
    ]


def test_approve_over_graphql_creates_the_warehouse(graphql, user_token, submitted, reviewer):
    # given
    make_shipping_zones()

    # when
    response = graphql(
        REVIEW, {"id": node_id(submitted), "decision": "APPROVE"}, token=user_token(reviewer)
    )

    # then
    assert response["data"]["cooperativeReview"]["cooperativeErrors"] == []
    submitted.refresh_from_db()
    assert submitted.warehouse == Warehouse.objects.get()


@pytest.mark.parametrize(
    "variables,field,code",
    [
        ({"decision": "REJECT"}, "reason", CooperativeErrorCode.REQUIRED),
        ({"decision": "REJECT", "reason": "  "}, "reason", CooperativeErrorCode.REQUIRED),
        ({"decision": "REQUEST_CHANGES"}, "reason", CooperativeErrorCode.REQUIRED),
        (
            {"decision": "REQUEST_CHANGES", "fieldComments": json.dumps({"bogus": "x"})},
            "fieldComments",
            CooperativeErrorCode.INVALID,
        ),
        (
            {"decision": "REQUEST_CHANGES", "fieldComments": json.dumps(["ice"])},
            "fieldComments",
            CooperativeErrorCode.INVALID,
        ),
    ],
)
def test_review_bad_input_returns_error_codes_and_changes_nothing(
    graphql, user_token, submitted, reviewer, run_on_commit, variables, field, code
):
    # given
    before = snapshot(submitted)

    # when
    with run_on_commit():
        response = graphql(REVIEW, {"id": node_id(submitted), **variables},
                           token=user_token(reviewer))

    # then
    result = response["data"]["cooperativeReview"]
    assert result["cooperative"] is None
    assert [(e["field"], e["code"]) for e in result["cooperativeErrors"]] == [
        (field, code.name)
    ]
    assert snapshot(submitted) == before
    assert mail.outbox == []


def test_approving_twice_returns_invalid_transition(graphql, user_token, submitted, reviewer):
    # given
    graphql(REVIEW, {"id": node_id(submitted), "decision": "APPROVE"}, token=user_token(reviewer))
    before = snapshot(submitted)

    # when
    response = graphql(
        REVIEW, {"id": node_id(submitted), "decision": "APPROVE"}, token=user_token(reviewer)
    )

    # then
    errors = response["data"]["cooperativeReview"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("status", "INVALID_TRANSITION")]
    assert snapshot(submitted) == before
    assert before["warehouses"] == 1


def test_suspend_requires_a_reason(graphql, user_token, approved_cooperative, reviewer):
    # given
    before = snapshot(approved_cooperative)

    # when
    response = graphql(
        SUSPEND, {"id": node_id(approved_cooperative), "reason": ""}, token=user_token(reviewer)
    )

    # then
    errors = response["data"]["cooperativeSuspend"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("reason", "REQUIRED")]
    assert snapshot(approved_cooperative) == before


def test_review_of_an_unknown_cooperative_is_not_found(graphql, user_token, reviewer):
    # when
    response = graphql(
        REVIEW,
        {"id": graphene.Node.to_global_id("Cooperative", 999999), "decision": "APPROVE"},
        token=user_token(reviewer),
    )

    # then
    errors = response["data"]["cooperativeReview"]["cooperativeErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]


@pytest.mark.parametrize("actor_name", ACTORS)
def test_review_checks_query_is_for_reviewers_only(
    graphql, user_token, actors, submitted, actor_name
):
    # when
    response = graphql(CHECKS, {"id": node_id(submitted)}, token=user_token(actors[actor_name]))

    # then
    if actor_name == "reviewer":
        checks = response["data"]["cooperativeReviewChecks"]
        assert {check["code"] for check in checks} >= {"ice_valid", "rib_valid", "ice_unique"}
        assert all(check["passed"] for check in checks)
        assert all(check["message"] for check in checks)
    else:
        assert response["errors"]
        assert response["data"]["cooperativeReviewChecks"] is None


def test_review_checks_query_flags_a_duplicate_register_number(graphql, user_token, reviewer):
    # given
    make_cooperative(status=CooperativeStatus.APPROVED, register_number="RC/778")
    cooperative = make_submitted(register_number="rc 778")

    # when
    response = graphql(CHECKS, {"id": node_id(cooperative)}, token=user_token(reviewer))

    # then
    checks = {c["code"]: c["passed"] for c in response["data"]["cooperativeReviewChecks"]}
    assert checks["register_number_unique"] is False
    assert CooperativeTransition.objects.count() == 0


QUEUE = """
query Queue($status: CooperativeStatus, $province: String) {
  cooperativeReviewQueue(first: 100, status: $status, province: $province) {
    edges { node { id slug name status province submittedAt } }
  }
}
"""


def queue_slugs(response):
    return [edge["node"]["slug"] for edge in response["data"]["cooperativeReviewQueue"]["edges"]]


@pytest.mark.parametrize("actor_name", ACTORS)
def test_review_queue_query_is_for_reviewers_only(
    graphql, user_token, actors, submitted, actor_name
):
    # when
    response = graphql(QUEUE, token=user_token(actors[actor_name]))

    # then
    if actor_name == "reviewer":
        assert queue_slugs(response) == [submitted.slug]
    else:
        assert response["errors"]
        assert response["data"]["cooperativeReviewQueue"] is None


def test_review_queue_query_orders_oldest_submission_first_and_filters(
    graphql, user_token, reviewer
):
    # given
    recent = make_submitted(days_ago=2, province="taza")
    oldest = make_submitted(days_ago=20, province="ifrane")
    sent_back = make_cooperative(status=CooperativeStatus.CHANGES_REQUESTED, province="taza")
    approved = make_cooperative(status=CooperativeStatus.APPROVED, province="taza")
    token = user_token(reviewer)

    # when
    everything = graphql(QUEUE, token=token)
    in_taza = graphql(QUEUE, {"province": "taza"}, token=token)
    only_approved = graphql(QUEUE, {"status": "APPROVED"}, token=token)

    # then
    assert queue_slugs(everything) == [oldest.slug, recent.slug, sent_back.slug]
    assert queue_slugs(in_taza) == [recent.slug, sent_back.slug]
    assert queue_slugs(only_approved) == [approved.slug]


def test_review_queue_query_count_is_the_same_for_3_and_30_cooperatives(
    graphql, user_token, reviewer, django_assert_max_num_queries
):
    # given
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = user_token(reviewer)
    for index in range(3):
        make_submitted(days_ago=index + 1)
    with CaptureQueriesContext(connection) as for_3:
        assert len(queue_slugs(graphql(QUEUE, token=token))) == 3
    for index in range(27):
        make_submitted(days_ago=index + 10)

    # when / then
    with django_assert_max_num_queries(len(for_3.captured_queries)):
        assert len(queue_slugs(graphql(QUEUE, token=token))) == 30
