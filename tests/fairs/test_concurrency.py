"""Stands under contention: many cooperatives apply and two staff accept at the same moment.

Every request goes through the real /graphql/ URL from its own thread, with
its own Django test client and its own PostgreSQL connection, all released
together by a barrier.
"""

import json
import threading

import graphene
import pytest
from django.db import connection
from django.test import Client
from graphql_jwt.shortcuts import get_token

from marketplace.fairs.models import ApplicationStatus, FairApplication
from tests.fixtures.cooperatives import make_user

from .conftest import approved_cooperative_with_owner
from .helpers import link, make_fair, make_stop

pytestmark = pytest.mark.django_db(transaction=True)

APPLY = """
mutation($stop: ID!, $cooperative: ID!, $products: [ID!]!) {
  fairApplicationCreate(stop: $stop, cooperative: $cooperative, products: $products) {
    fairApplication { id }
    fairErrors { code }
  }
}
"""

DECIDE = """
mutation($id: ID!) {
  fairApplicationDecide(id: $id, decision: ACCEPT) {
    fairApplication { status }
    fairErrors { code }
  }
}
"""


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def at_once(calls):
    """POST every (token, query, variables) from its own thread, all released together."""
    responses = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def call(index, token, query, variables):
        try:
            client = Client()
            body = json.dumps({"query": query, "variables": variables})
            start.wait()
            responses[index] = client.post(
                "/graphql/",
                body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"JWT {token}",
            ).json()
        finally:
            connection.close()

    threads = [threading.Thread(target=call, args=(i, *c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return responses


def planners():
    return [
        make_user(f"planner-{n}@example.com", is_staff=True, permissions=["fairs.manage_fairs"])
        for n in (1, 2)
    ]


@pytest.mark.parametrize("attempt", [1, 2])  # a race: replay it
def test_twelve_applicants_and_two_staff_accepting_at_once_fill_five_stands_exactly(
    attempt, product_factory
):
    # given
    stop = make_stop(make_fair(status="published"), capacity=5)
    applicants = []
    for number in range(12):
        cooperative, owner = approved_cooperative_with_owner(f"coop-{attempt}-{number}@example.ma")
        product = link(product_factory(), cooperative)
        applicants.append((cooperative, owner, product))

    # when: everyone applies at once
    applied = at_once(
        [
            (
                get_token(owner),
                APPLY,
                {
                    "stop": gid("FairStop", stop.pk),
                    "cooperative": gid("Cooperative", cooperative.pk),
                    "products": [gid("Product", product.pk)],
                },
            )
            for cooperative, owner, product in applicants
        ]
    )
    # and both staff accept every application at the same moment
    staff_tokens = [get_token(user) for user in planners()]
    ids = [body["data"]["fairApplicationCreate"]["fairApplication"]["id"] for body in applied]
    decided = at_once([(token, DECIDE, {"id": id}) for id in ids for token in staff_tokens])

    # then
    assert all(body["data"]["fairApplicationCreate"]["fairErrors"] == [] for body in applied)
    results = [body["data"]["fairApplicationDecide"] for body in decided]
    accepted_answers = [r for r in results if r["fairErrors"] == []]
    codes = {error["code"] for r in results for error in r["fairErrors"]}
    assert codes <= {"CAPACITY_REACHED", "INVALID_TRANSITION"}
    assert FairApplication.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 5
    assert len(accepted_answers) == 5
    assert FairApplication.objects.filter(status=ApplicationStatus.PENDING).count() == 7


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_two_staff_accepting_one_cooperative_at_overlapping_stops_book_it_once(attempt):
    # given
    fair = make_fair(status="published")
    first = make_stop(fair, commune="Sefrou")
    second = make_stop(fair, commune="Bhalil", starts_at=first.starts_at)
    cooperative, _owner = approved_cooperative_with_owner(f"busy-{attempt}@example.ma")
    applications = [
        FairApplication.objects.create(stop=stop, cooperative=cooperative)
        for stop in (first, second)
    ]
    tokens = [get_token(user) for user in planners()]

    # when
    decided = at_once(
        [
            (token, DECIDE, {"id": gid("FairApplication", application.pk)})
            for token, application in zip(tokens, applications, strict=True)
        ]
    )

    # then
    results = [body["data"]["fairApplicationDecide"] for body in decided]
    assert sorted(error["code"] for r in results for error in r["fairErrors"]) == [
        "OVERLAPPING_STOP"
    ]
    assert FairApplication.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 1
