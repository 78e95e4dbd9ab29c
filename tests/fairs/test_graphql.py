import graphene
import pytest

from marketplace.fairs.models import ApplicationStatus, Fair, FairApplication, FairStop

from .helpers import days_from_now, make_application, make_fair, make_stop

pytestmark = pytest.mark.django_db


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


FAIR_CREATE = """
mutation($input: FairInput!) {
  fairCreate(input: $input) { fair { slug status name } fairErrors { field code message } }
}
"""

STOP_CREATE = """
mutation($fair: ID!, $input: FairStopInput!) {
  fairStopCreate(fair: $fair, input: $input) {
    fairStop { id commune status standCapacity }
    fairErrors { field code }
  }
}
"""

APPLY = """
mutation($stop: ID!, $cooperative: ID!, $products: [ID!]!, $needs: String) {
  fairApplicationCreate(
    stop: $stop, cooperative: $cooperative, products: $products, needs: $needs
  ) {
    fairApplication { id status needs }
    fairErrors { field code }
  }
}
"""

DECIDE = """
mutation($id: ID!, $decision: FairApplicationDecision!) {
  fairApplicationDecide(id: $id, decision: $decision) {
    fairApplication { status }
    fairErrors { field code }
  }
}
"""

STOP_QUERY = """
query($id: ID!) {
  fairStop(id: $id) {
    commune mapUrl internalNotes standsFree
    exhibitors { name }
    applications { needs }
  }
}
"""


def fair_input(**fields):
    return {
        "slug": "foire-meknes-2026",
        "kind": "ONE_OFF",
        "nameFr": "Foire régionale de Meknès",
        "nameAr": "المعرض الجهوي بمكناس",
        "seasonStart": "2026-12-10",
        "seasonEnd": "2026-12-20",
        **fields,
    }


def test_staff_who_plan_fairs_create_a_draft_fair(graphql, user_token, planner):
    # when
    body = graphql(FAIR_CREATE, {"input": fair_input()}, token=user_token(planner))

    # then
    result = body["data"]["fairCreate"]
    assert result["fairErrors"] == []
    assert result["fair"] == {
        "slug": "foire-meknes-2026",
        "status": "DRAFT",
        "name": "Foire régionale de Meknès",
    }


@pytest.mark.parametrize(
    "actor",
    ["anonymous", "customer", "member", "other_cooperative_member", "staff_without_permission"],
)
def test_only_staff_who_plan_fairs_may_create_one(graphql, user_token, fair_actors, actor):
    # when
    body = graphql(FAIR_CREATE, {"input": fair_input()}, token=user_token(fair_actors[actor]))

    # then
    assert body["data"]["fairCreate"] is None
    assert body["errors"][0]["message"] == "You do not have permission to perform this action"
    assert not Fair.objects.exists()


def test_season_ending_before_it_starts_is_a_coded_error(graphql, user_token, planner):
    # when
    body = graphql(
        FAIR_CREATE, {"input": fair_input(seasonEnd="2026-12-01")}, token=user_token(planner)
    )

    # then
    errors = body["data"]["fairCreate"]["fairErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [
        ("seasonEnd", "INVALID_DATES")
    ]
    assert not Fair.objects.exists()


def test_stop_closing_before_it_opens_is_refused(graphql, user_token, planner, tour):
    # given
    starts = days_from_now(20)
    stop_input = {
        "province": "TAZA",
        "commune": "Taza",
        "venue": "Place de l'Indépendance",
        "latitude": 34.21,
        "longitude": -4.01,
        "startsAt": starts.isoformat(),
        "endsAt": starts.replace(hour=7).isoformat(),
        "standCapacity": 50,
        "applicationDeadline": days_from_now(10).isoformat(),
    }

    # when
    body = graphql(
        STOP_CREATE, {"fair": gid("Fair", tour.pk), "input": stop_input}, token=user_token(planner)
    )

    # then
    assert body["data"]["fairStopCreate"]["fairErrors"] == [
        {"field": "endsAt", "code": "INVALID_DATES"}
    ]
    assert not FairStop.objects.exists()


def test_member_applies_through_the_api(
    graphql, user_token, owner, approved_cooperative, oil, stop
):
    # when
    body = graphql(
        APPLY,
        {
            "stop": gid("FairStop", stop.pk),
            "cooperative": gid("Cooperative", approved_cooperative.pk),
            "products": [gid("Product", oil.pk)],
            "needs": "Électricité",
        },
        token=user_token(owner),
    )

    # then
    result = body["data"]["fairApplicationCreate"]
    assert result["fairErrors"] == []
    assert result["fairApplication"]["status"] == "PENDING"
    assert FairApplication.objects.get().needs == "Électricité"


@pytest.mark.parametrize("actor", ["anonymous", "customer", "other_cooperative_member", "planner"])
def test_nobody_else_applies_for_a_cooperative(
    graphql, user_token, fair_actors, actor, approved_cooperative, oil, stop
):
    # when
    body = graphql(
        APPLY,
        {
            "stop": gid("FairStop", stop.pk),
            "cooperative": gid("Cooperative", approved_cooperative.pk),
            "products": [gid("Product", oil.pk)],
        },
        token=user_token(fair_actors[actor]),
    )

    # then
    assert body["data"]["fairApplicationCreate"] is None
    assert body["errors"]
    assert not FairApplication.objects.exists()


def test_accepting_past_capacity_answers_capacity_reached(
    graphql, user_token, planner, tour, approved_cooperative, other_cooperative
):
    # given
    stop = make_stop(tour, capacity=1)
    make_application(stop, other_cooperative, status="accepted")
    application = make_application(stop, approved_cooperative)

    # when
    body = graphql(
        DECIDE,
        {"id": gid("FairApplication", application.pk), "decision": "ACCEPT"},
        token=user_token(planner),
    )

    # then
    assert body["data"]["fairApplicationDecide"]["fairErrors"] == [
        {"field": "decision", "code": "CAPACITY_REACHED"}
    ]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_public_reads_a_published_stop_without_needs_or_notes(graphql, tour, approved_cooperative):
    # given
    stop = make_stop(tour, status="published", internal_notes="Clé chez le caïd", capacity=5)
    make_application(stop, approved_cooperative, status="accepted", needs="Une prise")

    # when
    body = graphql(STOP_QUERY, {"id": gid("FairStop", stop.pk)})

    # then
    data = body["data"]["fairStop"]
    assert data["internalNotes"] is None
    assert data["applications"] == []
    assert data["exhibitors"] == [{"name": approved_cooperative.name_fr}]
    assert data["standsFree"] == 4
    assert "openstreetmap.org/?mlat=33.830000&mlon=-4.830000" in data["mapUrl"]


def test_planned_stop_and_draft_fair_are_not_public(graphql):
    # given
    draft = make_fair(status="draft")
    stop = make_stop(draft, status="published")
    planned = make_stop(make_fair(status="published"))

    # when
    bodies = [graphql(STOP_QUERY, {"id": gid("FairStop", s.pk)}) for s in (stop, planned)]
    fair = graphql("query($slug: String!) { fair(slug: $slug) { slug } }", {"slug": draft.slug})

    # then
    assert [body["data"]["fairStop"] for body in bodies] == [None, None]
    assert fair["data"]["fair"] is None


def test_fair_stops_filter_by_province_and_dates(graphql):
    # given
    fair = make_fair(status="published")
    taza = make_stop(fair, status="published", province="taza", commune="Taza", starts_in_days=10)
    make_stop(fair, status="published", province="ifrane", commune="Ifrane", starts_in_days=10)
    make_stop(fair, status="published", province="taza", commune="Tahla", starts_in_days=60)
    day = taza.starts_at.date().isoformat()

    # when
    body = graphql(
        """query($filter: FairStopFilterInput) {
          fairStops(first: 10, filter: $filter) { totalCount edges { node { commune } } }
        }""",
        {"filter": {"province": "TAZA", "dateFrom": day, "dateTo": day}},
    )

    # then
    assert body["data"]["fairStops"]["totalCount"] == 1
    assert body["data"]["fairStops"]["edges"] == [{"node": {"commune": "Taza"}}]
