"""Permission matrix: every fairs mutation and back-office page, for every actor.

Refused actions change nothing: the rows (and their history) are compared
before and after.
"""

import graphene
import pytest

from marketplace.fairs.models import Fair, FairApplication, FairEvent, FairStop

from .helpers import days_from_now, make_application, make_stop

pytestmark = pytest.mark.django_db

REFUSED_STAFF = [
    "anonymous",
    "customer",
    "member",
    "other_cooperative_member",
    "staff_without_permission",
]


def gid(type_name, pk):
    return graphene.Node.to_global_id(type_name, pk)


def snapshot():
    return (
        list(Fair.objects.order_by("pk").values()),
        list(FairStop.objects.order_by("pk").values()),
        list(FairApplication.objects.order_by("pk").values()),
        FairEvent.objects.count(),
    )


@pytest.fixture
def scene(tour, approved_cooperative, oil):
    stop = make_stop(tour, status="published", capacity=2)
    application = make_application(stop, approved_cooperative, [oil])
    return {"fair": tour, "stop": stop, "application": application, "product": oil}


STAFF_MUTATIONS = {
    "fairCreate": (
        'fairCreate(input: {slug: "x", kind: TOUR, nameFr: "x", nameAr: "x", '
        'seasonStart: "2026-12-01", seasonEnd: "2026-12-31"})',
        lambda s: {},
    ),
    "fairUpdate": (
        'fairUpdate(id: $id, input: {nameFr: "Changed"})',
        lambda s: gid("Fair", s["fair"].pk),
    ),
    "fairPublish": ("fairPublish(id: $id)", lambda s: gid("Fair", s["fair"].pk)),
    "fairArchive": ("fairArchive(id: $id)", lambda s: gid("Fair", s["fair"].pk)),
    "fairStopCreate": (
        'fairStopCreate(fair: $id, input: {province: TAZA, commune: "Taza", venue: "x", '
        'latitude: 34.2, longitude: -4.0, startsAt: "2026-12-20T09:00:00+00:00", '
        'endsAt: "2026-12-20T17:00:00+00:00", standCapacity: 5, '
        'applicationDeadline: "2026-12-10T09:00:00+00:00"})',
        lambda s: gid("Fair", s["fair"].pk),
    ),
    "fairStopUpdate": (
        "fairStopUpdate(id: $id, input: {standCapacity: 9})",
        lambda s: gid("FairStop", s["stop"].pk),
    ),
    "fairStopPublish": ("fairStopPublish(id: $id)", lambda s: gid("FairStop", s["stop"].pk)),
    "fairStopCancel": (
        'fairStopCancel(id: $id, reason: "rain")',
        lambda s: gid("FairStop", s["stop"].pk),
    ),
    "fairApplicationDecide": (
        "fairApplicationDecide(id: $id, decision: ACCEPT)",
        lambda s: gid("FairApplication", s["application"].pk),
    ),
    "fairCollectionUpdate": (
        "fairCollectionUpdate(stop: $id, addProducts: [])",
        lambda s: gid("FairStop", s["stop"].pk),
    ),
}


def staff_document(name):
    call, _ = STAFF_MUTATIONS[name]
    variable = "($id: ID!)" if "$id" in call else ""
    return f"mutation{variable} {{ {call} {{ fairErrors {{ code }} }} }}"


@pytest.mark.parametrize("actor", REFUSED_STAFF)
@pytest.mark.parametrize("mutation", sorted(STAFF_MUTATIONS))
def test_staff_mutations_are_refused_to_everyone_but_fair_planners(
    graphql, user_token, fair_actors, scene, actor, mutation
):
    # given
    before = snapshot()
    target = STAFF_MUTATIONS[mutation][1](scene)

    # when
    body = graphql(
        staff_document(mutation),
        {"id": target} if target else {},
        token=user_token(fair_actors[actor]),
    )

    # then
    assert body["data"][mutation] is None
    assert body["errors"][0]["message"] == "You do not have permission to perform this action"
    assert snapshot() == before


@pytest.mark.parametrize("mutation", sorted(STAFF_MUTATIONS))
def test_fair_planners_reach_every_staff_mutation(graphql, user_token, planner, scene, mutation):
    # given
    target = STAFF_MUTATIONS[mutation][1](scene)

    # when
    body = graphql(
        staff_document(mutation), {"id": target} if target else {}, token=user_token(planner)
    )

    # then: no permission error (a business error may still answer, coded)
    assert "errors" not in body
    assert body["data"][mutation] is not None


WITHDRAW = """
mutation($id: ID!) {
  fairApplicationWithdraw(id: $id) { fairApplication { status } fairErrors { code } }
}
"""


@pytest.mark.parametrize(
    "actor",
    ["anonymous", "customer", "other_cooperative_member", "staff_without_permission", "planner"],
)
def test_only_the_cooperatives_members_withdraw_its_application(
    graphql, user_token, fair_actors, scene, actor
):
    # given
    before = snapshot()

    # when
    body = graphql(
        WITHDRAW,
        {"id": gid("FairApplication", scene["application"].pk)},
        token=user_token(fair_actors[actor]),
    )

    # then
    refused = body.get("errors") or body["data"]["fairApplicationWithdraw"]["fairErrors"]
    assert refused
    assert snapshot() == before


def test_member_withdraws_its_application(graphql, user_token, owner, scene):
    # when
    body = graphql(
        WITHDRAW, {"id": gid("FairApplication", scene["application"].pk)}, token=user_token(owner)
    )

    # then
    assert body["data"]["fairApplicationWithdraw"]["fairApplication"]["status"] == "WITHDRAWN"


def staff_pages(scene):
    fair, stop = scene["fair"], scene["stop"]
    return [
        "/backoffice/fairs/",
        "/backoffice/fairs/new/",
        f"/backoffice/fairs/{fair.slug}/",
        f"/backoffice/fairs/{fair.slug}/stops/new/",
        f"/backoffice/fairs/stops/{stop.pk}/",
        f"/backoffice/fairs/stops/{stop.pk}/report/",
        f"/backoffice/fairs/stops/{stop.pk}/report.csv",
        f"/backoffice/fairs/{fair.slug}/report/",
        f"/backoffice/fairs/{fair.slug}/report.csv",
    ]


def staff_posts(scene):
    fair, stop, application = scene["fair"], scene["stop"], scene["application"]
    return [
        (f"/backoffice/fairs/{fair.slug}/archive/", {}),
        (f"/backoffice/fairs/stops/{stop.pk}/cancel/", {"reason": "rain"}),
        (f"/backoffice/fairs/stops/{stop.pk}/publish/", {}),
        (f"/backoffice/fairs/applications/{application.pk}/decide/", {"decision": "accept"}),
        (f"/backoffice/fairs/stops/{stop.pk}/collection/", {"products": []}),
        (f"/backoffice/fairs/{fair.slug}/", {"name_fr": "Changed"}),
    ]


@pytest.mark.parametrize(
    "actor", ["customer", "member", "other_cooperative_member", "staff_without_permission"]
)
def test_staff_pages_are_forbidden_to_others(client, fair_actors, scene, actor):
    # given
    client.force_login(fair_actors[actor])
    before = snapshot()

    # when
    statuses = [client.get(url).status_code for url in staff_pages(scene)]
    posted = [client.post(url, data).status_code for url, data in staff_posts(scene)]

    # then
    assert set(statuses) == {403}
    assert set(posted) == {403}
    assert snapshot() == before


def test_staff_pages_send_anonymous_visitors_to_log_in(client, scene):
    # when
    responses = [client.get(url) for url in staff_pages(scene)]

    # then
    assert {response.status_code for response in responses} == {302}
    assert all("/accounts/login/" in response["Location"] for response in responses)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_fair_planners_open_every_staff_page(client, planner, scene, language):
    # given
    client.force_login(planner)
    prefix = "" if language == "fr" else f"/{language}"

    # when
    statuses = [client.get(prefix + url).status_code for url in staff_pages(scene)]

    # then
    assert set(statuses) == {200}


def cooperative_pages(scene, cooperative):
    return [
        f"/backoffice/fairs/cooperatives/{cooperative.slug}/",
        f"/backoffice/fairs/cooperatives/{cooperative.slug}/stops/{scene['stop'].pk}/apply/",
    ]


@pytest.mark.parametrize(
    "actor", ["customer", "other_cooperative_member", "staff_without_permission", "planner"]
)
def test_cooperative_pages_are_forbidden_to_non_members(
    client, fair_actors, scene, approved_cooperative, actor
):
    # given
    client.force_login(fair_actors[actor])
    before = snapshot()

    # when
    statuses = [
        client.get(url).status_code for url in cooperative_pages(scene, approved_cooperative)
    ]
    posted = client.post(
        f"/backoffice/fairs/cooperatives/{approved_cooperative.slug}/applications/"
        f"{scene['application'].pk}/withdraw/"
    ).status_code

    # then
    assert set(statuses) == {403}
    assert posted == 403
    assert snapshot() == before


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_members_open_their_cooperatives_fair_pages(
    client, owner, scene, approved_cooperative, language
):
    # given
    client.force_login(owner)
    prefix = "" if language == "fr" else f"/{language}"

    # when
    statuses = [
        client.get(prefix + url).status_code
        for url in cooperative_pages(scene, approved_cooperative)
    ]

    # then
    assert statuses == [200, 200]


def test_member_applies_and_withdraws_through_the_pages(
    client, owner, tour, approved_cooperative, oil
):
    # given
    stop = make_stop(tour, starts_in_days=30)
    client.force_login(owner)
    base = f"/backoffice/fairs/cooperatives/{approved_cooperative.slug}/"

    # when
    applied = client.post(
        f"{base}stops/{stop.pk}/apply/", {"products": [oil.pk], "needs": "Ombre"}
    )
    application = FairApplication.objects.get()
    withdrawn = client.post(f"{base}applications/{application.pk}/withdraw/")

    # then
    assert applied.status_code == withdrawn.status_code == 302
    application.refresh_from_db()
    assert application.needs == "Ombre"
    assert application.status == "withdrawn"
    assert application.withdrawn_at is not None


def test_apply_page_shows_a_passed_deadline_beside_the_form(
    client, owner, tour, approved_cooperative, oil
):
    # given
    stop = make_stop(tour, starts_at=days_from_now(2), status="published")
    client.force_login(owner)

    # when
    response = client.post(
        f"/en/backoffice/fairs/cooperatives/{approved_cooperative.slug}/stops/{stop.pk}/apply/",
        {"products": [oil.pk]},
    )

    # then
    assert response.status_code == 200
    assert "Applications for this stop closed on" in response.content.decode()
    assert not FairApplication.objects.exists()
