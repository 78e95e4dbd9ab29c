"""Marking a stop as held: staff only, once it has closed; refusals change nothing."""

import pytest
from django.urls import reverse
from graphene import Node
from graphql_jwt.shortcuts import get_token

from marketplace.fairs.models import FairEvent, FairStop

from .helpers import make_stop

pytestmark = pytest.mark.django_db

MUTATION = """
mutation Done($id: ID!) {
  fairStopComplete(id: $id) { fairStop { status } fairErrors { field code } }
}
"""


@pytest.fixture
def closed_stop(tour):
    return make_stop(tour, starts_in_days=-3, hours=8, status="published")


def complete(graphql, stop, user):
    return graphql(
        MUTATION,
        {"id": Node.to_global_id("FairStop", stop.pk)},
        token=get_token(user) if user else None,
    )


def test_staff_mark_a_closed_stop_as_held(graphql, planner, closed_stop):
    # when
    answer = complete(graphql, closed_stop, planner)["data"]["fairStopComplete"]

    # then
    assert answer == {"fairStop": {"status": "DONE"}, "fairErrors": []}
    assert FairStop.objects.get(pk=closed_stop.pk).status == "done"
    assert FairEvent.objects.filter(stop=closed_stop, to_status="done").count() == 1


def test_a_stop_that_has_not_closed_cannot_be_marked_held(graphql, planner, tour):
    # given
    upcoming = make_stop(tour, status="published")

    # when
    answer = complete(graphql, upcoming, planner)["data"]["fairStopComplete"]

    # then
    assert answer["fairStop"] is None
    assert answer["fairErrors"][0]["code"] == "INVALID_TRANSITION"
    assert FairStop.objects.get(pk=upcoming.pk).status == "published"
    assert not FairEvent.objects.filter(stop=upcoming, to_status="done").exists()


@pytest.mark.parametrize(
    "actor", ["anonymous", "customer", "member", "staff_without_permission"]
)
def test_only_fair_staff_may_mark_a_stop_held(graphql, client, fair_actors, closed_stop, actor):
    # given
    user = fair_actors[actor]

    # when
    answer = complete(graphql, closed_stop, user)
    if user is not None:
        client.force_login(user)
    page = client.post(reverse("fairs-backoffice:stop-done", kwargs={"pk": closed_stop.pk}))

    # then
    assert answer.get("errors")
    assert page.status_code in (302, 403)
    assert FairStop.objects.get(pk=closed_stop.pk).status == "published"


def test_the_stop_page_offers_and_performs_the_action(client, planner, closed_stop):
    # given
    client.force_login(planner)
    url = reverse("fairs-backoffice:stop", kwargs={"pk": closed_stop.pk})

    # when
    shown = client.get(url)
    done = client.post(reverse("fairs-backoffice:stop-done", kwargs={"pk": closed_stop.pk}))

    # then
    assert 'data-action="done"' in shown.content.decode()
    assert done.status_code == 302
    assert FairStop.objects.get(pk=closed_stop.pk).status == "done"
