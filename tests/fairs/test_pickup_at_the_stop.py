"""At the stop: each cooperative's pickup list (page and PDF) and recording handovers."""
# ruff: noqa: F811  (pytest fixtures imported from the cooperatives scene)

import io

import pytest
from django.urls import reverse
from graphql_relay import to_global_id
from pypdf import PdfReader

from marketplace.fairs.pickup.models import PickupHandover, PickupOrder, PickupStatus
from tests.cooperatives.orders_helpers import ACTORS, honey, oil, olive, thyme_honey  # noqa: F401
from tests.fixtures.cooperatives import make_user

from .pickup_helpers import make_stop, pickup_order_via_api

pytestmark = pytest.mark.django_db

COLLECT = """
mutation($order: ID!, $cooperative: ID) {
  pickupOrderCollect(orderId: $order, cooperative: $cooperative) {
    pickupOrder { status } pickupErrors { field code message } } }
"""


@pytest.fixture
def fair_staff(db):
    return make_user("fairs-staff@example.com", is_staff=True, permissions=["fairs.manage_fairs"])


@pytest.fixture
def everyone(actors, fair_staff):
    return {**actors, "fair_staff": fair_staff}


@pytest.fixture
def scene(graphql, olive, honey, oil, thyme_honey):
    """A stop where both cooperatives exhibit; an order of each kind to collect there."""
    stop = make_stop(exhibitors=[olive, honey])
    oil_only = pickup_order_via_api(graphql, [(oil, 2)], stop, email="amal@example.ma")
    both = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)
    return stop, oil_only, both


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_completed_order_appears_on_the_cooperatives_pickup_list_pdf(
    client, owner, olive, scene
):
    # given
    stop, oil_only, both = scene
    client.force_login(owner)

    # when
    kwargs = {"stop_pk": stop.pk, "slug": olive.slug}
    response = client.get(reverse("fairs_pickup:cooperative-list-pdf", kwargs=kwargs))

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert str(oil_only.pk) in text and str(both.pk) in text
    assert "2 × Huile Zitoun" in text
    assert "Miel Assal" not in text  # the other cooperative's item is on its own list
    assert "Salma" in text  # the shopper's name, called out at the stand


def test_the_page_lists_only_the_cooperatives_own_lines(client, other_member, honey, scene):
    # given
    stop, oil_only, both = scene
    client.force_login(other_member)

    # when
    page = client.get(
        reverse("fairs_pickup:cooperative-list", kwargs={"stop_pk": stop.pk, "slug": honey.slug})
    ).content.decode()

    # then
    assert f'data-order="{both.pk}"' in page
    assert f'data-order="{oil_only.pk}"' not in page
    assert "3 × Miel Assal" in page
    assert "Huile Zitoun" not in page


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("other_cooperative_member", False),
        ("member", True),
        ("staff_without_permission", False),
        ("reviewer", False),
        ("fair_staff", True),
    ],
)
def test_who_may_read_a_cooperatives_pickup_list(client, everyone, olive, scene, actor, allowed):
    # given: other_cooperative_member acts for an approved cooperative absent from this stop
    stop, _oil_only, _both = scene
    if everyone[actor] is not None:
        client.force_login(everyone[actor])
    kwargs = {"stop_pk": stop.pk, "slug": olive.slug}

    # when
    page = client.get(reverse("fairs_pickup:cooperative-list", kwargs=kwargs))
    pdf = client.get(reverse("fairs_pickup:cooperative-list-pdf", kwargs=kwargs))

    # then
    expected = 200 if allowed else (302 if actor == "anonymous" else 403)
    assert (page.status_code, pdf.status_code) == (expected, expected)


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("member", False),
        ("staff_without_permission", False),
        ("fair_staff", True),
    ],
)
def test_only_fair_staff_read_every_list_of_a_stop(client, everyone, scene, actor, allowed):
    # given
    stop, _oil_only, _both = scene
    if everyone[actor] is not None:
        client.force_login(everyone[actor])

    # when
    response = client.get(reverse("fairs_pickup:stop-lists", kwargs={"stop_pk": stop.pk}))

    # then
    expected = 200 if allowed else (302 if actor == "anonymous" else 403)
    assert response.status_code == expected


def test_an_order_is_collected_once_every_cooperative_handed_over(
    graphql, user_token, owner, other_member, olive, honey, scene
):
    # given
    _stop, _oil_only, both = scene
    order_id = to_global_id("Order", both.pk)

    # when
    first = graphql(
        COLLECT,
        {"order": order_id, "cooperative": to_global_id("Cooperative", olive.pk)},
        token=user_token(owner),
    )["data"]["pickupOrderCollect"]
    between = PickupOrder.objects.get(order=both).status
    second = graphql(
        COLLECT,
        {"order": order_id, "cooperative": to_global_id("Cooperative", honey.pk)},
        token=user_token(other_member),
    )["data"]["pickupOrderCollect"]

    # then
    assert first == {"pickupOrder": {"status": "AWAITING"}, "pickupErrors": []}
    assert between == PickupStatus.AWAITING
    assert second == {"pickupOrder": {"status": "COLLECTED"}, "pickupErrors": []}
    pickup = PickupOrder.objects.get(order=both)
    assert pickup.status_changed_by == other_member
    assert set(pickup.handovers.values_list("cooperative_id", "handed_over_by")) == {
        (olive.pk, owner.pk),
        (honey.pk, other_member.pk),
    }


@pytest.mark.parametrize("actor", [*ACTORS, "fair_staff"])
def test_who_may_record_a_cooperatives_handover(
    graphql, user_token, everyone, olive, scene, actor
):
    # given
    _stop, oil_only, _both = scene
    variables = {
        "order": to_global_id("Order", oil_only.pk),
        "cooperative": to_global_id("Cooperative", olive.pk),
    }

    # when
    answer = graphql(COLLECT, variables, token=user_token(everyone[actor]))

    # then
    if actor in ("member", "fair_staff"):
        assert answer["data"]["pickupOrderCollect"]["pickupOrder"] == {"status": "COLLECTED"}
    else:
        assert answer["data"]["pickupOrderCollect"] is None
        assert answer["errors"]
        assert PickupOrder.objects.get(order=oil_only).status == PickupStatus.AWAITING
        assert not PickupHandover.objects.exists()


@pytest.mark.parametrize(("actor", "allowed"), [("member", False), ("fair_staff", True)])
def test_only_fair_staff_mark_a_whole_order_collected(
    graphql, user_token, everyone, scene, actor, allowed
):
    # given
    _stop, _oil_only, both = scene

    # when
    answer = graphql(
        COLLECT, {"order": to_global_id("Order", both.pk)}, token=user_token(everyone[actor])
    )

    # then
    collected = PickupOrder.objects.get(order=both).status == PickupStatus.COLLECTED
    assert collected is allowed
    assert PickupHandover.objects.filter(pickup_order__order=both).count() == (2 if allowed else 0)
    if not allowed:
        assert answer["errors"]


def test_a_cooperative_cannot_hand_over_an_order_holding_nothing_of_its_own(
    graphql, user_token, other_member, honey, scene
):
    # given
    _stop, oil_only, _both = scene

    # when
    answer = graphql(
        COLLECT,
        {
            "order": to_global_id("Order", oil_only.pk),
            "cooperative": to_global_id("Cooperative", honey.pk),
        },
        token=user_token(other_member),
    )["data"]["pickupOrderCollect"]

    # then
    assert [(e["field"], e["code"]) for e in answer["pickupErrors"]] == [
        ("cooperative", "PERMISSION_DENIED")
    ]
    assert PickupOrder.objects.get(order=oil_only).status == PickupStatus.AWAITING
    assert not PickupHandover.objects.exists()


def test_the_handover_button_records_it_from_the_page(client, owner, olive, scene):
    # given
    stop, oil_only, _both = scene
    client.force_login(owner)
    list_url = reverse(
        "fairs_pickup:cooperative-list", kwargs={"stop_pk": stop.pk, "slug": olive.slug}
    )

    # when
    response = client.post(
        reverse("fairs_pickup:collect", kwargs={"order_pk": oil_only.pk}),
        {"cooperative": olive.slug, "next": list_url},
    )

    # then
    assert response.status_code == 302 and response["Location"] == list_url
    assert PickupOrder.objects.get(order=oil_only).status == PickupStatus.COLLECTED
    page = client.get(list_url).content.decode()
    assert 'data-status="collected"' in page


@pytest.mark.parametrize("orders", [3, 30])
def test_the_stops_pickup_lists_cost_the_same_queries_for_3_or_30_orders(
    client, django_assert_num_queries, fair_staff, olive, honey, oil, thyme_honey, orders
):
    # given
    from saleor.warehouse.models import Stock

    from tests.cooperatives.orders_helpers import place_order

    Stock.objects.update(quantity=100)
    stop = make_stop(exhibitors=[olive, honey])
    for _ in range(orders):
        order = place_order([(oil, 1), (thyme_honey, 1)])
        PickupOrder.objects.create(order=order, stop=stop)
    client.force_login(fair_staff)
    url = reverse("fairs_pickup:stop-lists", kwargs={"stop_pk": stop.pk})
    client.get(url)  # sessions, permissions and templates warmed

    # when / then
    with django_assert_num_queries(8):
        page = client.get(url)
    assert page.content.decode().count('class="pickup-entry"') == 2 * orders
