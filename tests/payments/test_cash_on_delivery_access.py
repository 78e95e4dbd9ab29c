"""Who may record cash or a refused parcel, through the API and the back-office pages."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from marketplace.cooperatives.services.orders import cooperative_order_fulfil
from tests.cooperatives.orders_helpers import ACTORS, place_order, product_of

from .cash_helpers import cod_checkout, everything, payment_state, with_cash_payment
from .test_cash_on_delivery import CASH, REFUSE, gid, record_cash, refuse, ship_all

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

ALLOWED = {"member", "reviewer"}


@pytest.fixture
def shipped(graphql, olive, honey, owner, other_member, oil, thyme_honey):
    """A cash-on-delivery order whose two parcels are both shipped, nothing paid yet."""
    order, _gateways, _total = cod_checkout(graphql, [(oil, 2), (thyme_honey, 1)])
    ship_all(olive, owner, order)
    ship_all(honey, other_member, order)
    return order


def denied(result):
    errors = result.get("errors") or []
    return bool(errors) and errors[0]["extensions"]["exception"]["code"] == "PermissionDenied"


@pytest.mark.parametrize("actor", ACTORS)
def test_cash_record_mutation_permission_matrix(
    actors, actor, graphql, user_token, olive, shipped
):
    # given
    before = everything(shipped)

    # when
    result = record_cash(graphql, user_token(actors[actor]), olive, shipped)

    # then
    if actor in ALLOWED:
        assert result["data"]["cooperativeCashRecord"]["cooperativeErrors"] == []
        assert payment_state(shipped)["captured"] == Decimal("224.00")
    else:
        assert denied(result)
        assert result["data"]["cooperativeCashRecord"] is None
        assert everything(shipped) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_parcel_refuse_mutation_permission_matrix(
    actors, actor, graphql, user_token, olive, shipped
):
    # given
    before = everything(shipped)

    # when
    result = refuse(graphql, user_token(actors[actor]), olive, shipped)

    # then
    if actor in ALLOWED:
        assert result["data"]["cooperativeParcelRefuse"]["cooperativeErrors"] == []
        assert payment_state(shipped)["total"] == Decimal("56.00")
    else:
        assert denied(result)
        assert everything(shipped) == before


@pytest.mark.parametrize("mutation", [CASH, REFUSE])
def test_a_member_acts_only_for_its_own_cooperatives_parcel(
    graphql, user_token, owner, honey, shipped, mutation
):
    # given: owner acts for olive, not for honey
    before = everything(shipped)

    # when
    result = graphql(
        mutation,
        {"cooperative": gid("Cooperative", honey.pk), "order": gid("Order", shipped.pk)},
        token=user_token(owner),
    )

    # then
    assert denied(result)
    assert everything(shipped) == before


def test_a_cooperative_records_cash_only_for_an_order_holding_its_lines(
    graphql, user_token, olive, honey, owner, other_member, thyme_honey
):
    # given: an order of honey's products only
    order, _gateways, _total = cod_checkout(graphql, [(thyme_honey, 1)])
    ship_all(honey, other_member, order)
    before = everything(order)

    # when
    result = record_cash(graphql, user_token(owner), olive, order)

    # then
    errors = result["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["PRODUCT_NOT_OWNED"]
    assert everything(order) == before


def _as(client, user):
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _assert_refused(response, actor):
    if actor == "anonymous":
        assert response.status_code == 302
        assert reverse("storefront:login") in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
def test_cash_received_page_action_permission_matrix(client, actors, actor, olive, shipped):
    # given
    before = everything(shipped)
    url = reverse(
        "backoffice:cooperative-order-cash-received",
        kwargs={"slug": olive.slug, "order_pk": shipped.pk},
    )

    # when
    response = _as(client, actors[actor]).post(url, {"amount": "224.00"})

    # then
    if actor in ALLOWED:
        assert response.status_code == 302
        assert payment_state(shipped)["captured"] == Decimal("224.00")
    else:
        _assert_refused(response, actor)
        assert everything(shipped) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_parcel_refused_page_action_permission_matrix(
    client, actors, actor, olive, oil, shipped
):
    # given
    before = everything(shipped)
    url = reverse(
        "backoffice:cooperative-order-parcel-refused",
        kwargs={"slug": olive.slug, "order_pk": shipped.pk},
    )

    # when
    response = _as(client, actors[actor]).post(url)

    # then
    if actor in ALLOWED:
        assert response.status_code == 302
        assert payment_state(shipped)["total"] == Decimal("56.00")
    else:
        _assert_refused(response, actor)
        assert everything(shipped) == before


def test_the_order_page_records_cash_once_on_a_double_click(client, owner, olive, shipped):
    # given
    url = reverse(
        "backoffice:cooperative-order-cash-received",
        kwargs={"slug": olive.slug, "order_pk": shipped.pk},
    )
    _as(client, owner)

    # when
    client.post(url, {"amount": "224.00"})
    response = client.post(url, {"amount": "224.00"}, follow=True)

    # then
    assert payment_state(shipped)["transactions"] == [
        ("auth", Decimal("280.00")), ("capture", Decimal("224.00"))
    ]
    assert 'data-cash-status="paid"' in response.content.decode()


def test_a_stale_amount_on_the_page_is_refused_with_its_reason(client, owner, olive, shipped):
    # given
    before = everything(shipped)
    with translation.override("en"):
        url = reverse(
            "backoffice:cooperative-order-cash-received",
            kwargs={"slug": olive.slug, "order_pk": shipped.pk},
        )

    # when
    response = _as(client, owner).post(url, {"amount": "230.00"}, follow=True)

    # then
    assert "This parcel is to be paid 224.00 MAD, not 230.00." in response.content.decode()
    assert everything(shipped) == before


@pytest.mark.parametrize(
    ("prefix", "cash_button", "refuse_button"),
    [
        ("", "Espèces reçues : 224,00 MAD", "Colis refusé à la porte"),
        ("/ar", "تم استلام المبلغ نقدًا: 224,00 MAD", "رُفض الطرد عند الباب"),
    ],
)
def test_the_order_page_offers_both_outcomes_in_french_and_arabic(
    client, owner, reviewer, olive, shipped, prefix, cash_button, refuse_button
):
    # given
    path = reverse(
        "backoffice:cooperative-order-detail", kwargs={"slug": olive.slug, "order_pk": shipped.pk}
    )
    path = prefix + path.removeprefix("/ar").removeprefix("/en")

    for user in (owner, reviewer):
        # when
        page = _as(client, user).get(path).content.decode()

        # then
        assert cash_button in page
        assert refuse_button in page
        assert 'data-cash-status="to_collect"' in page


def test_an_unshipped_parcel_offers_no_cash_action(client, graphql, owner, olive, oil):
    # given
    order, _gateways, _total = cod_checkout(graphql, [(oil, 1)])

    # when
    page = _as(client, owner).get(
        reverse("backoffice:cooperative-order-detail",
                kwargs={"slug": olive.slug, "order_pk": order.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()

    # then
    assert 'data-cash-status="to_collect"' in page
    assert "cash-received" not in page


ORDERS = """
query($cooperative: ID!) {
  cooperativeOrders(cooperative: $cooperative, first: 50) { edges { node {
    id total { amount } cashOnDelivery { status amount { amount } recordedAt }
  } } }
}
"""


def _cash_orders(olive, honey, count):
    oil, honey_jar = product_of(olive, quantity=100), product_of(honey, quantity=100)
    return [
        with_cash_payment(place_order([(oil, 1), (honey_jar, 1)])) for _ in range(count)
    ]


def _api_queries(graphql, token, olive):
    with CaptureQueriesContext(connection) as context:
        result = graphql(ORDERS, {"cooperative": gid("Cooperative", olive.pk)}, token=token)
    nodes = [edge["node"] for edge in result["data"]["cooperativeOrders"]["edges"]]
    assert all(node["cashOnDelivery"]["status"] == "TO_COLLECT" for node in nodes)
    return len(context.captured_queries), len(nodes)


def test_cooperative_orders_with_cash_state_hold_their_query_count(
    graphql, user_token, owner, olive, honey, django_assert_max_num_queries
):
    # given
    _cash_orders(olive, honey, 3)
    token = user_token(owner)
    few_queries, few = _api_queries(graphql, token, olive)
    _cash_orders(olive, honey, 27)

    # when / then
    with django_assert_max_num_queries(few_queries):
        _, many = _api_queries(graphql, token, olive)
    assert (few, many) == (3, 30)


def _page_queries(client, olive):
    url = reverse("backoffice:cooperative-orders", kwargs={"slug": olive.slug})
    with CaptureQueriesContext(connection) as context:
        page = client.get(url).content.decode()
    return len(context.captured_queries), page.count('data-cash-status="to_collect"')


def test_the_orders_page_with_cash_state_holds_its_query_count(
    client, owner, olive, honey, django_assert_max_num_queries
):
    # given
    _cash_orders(olive, honey, 3)
    _as(client, owner)
    few_queries, few = _page_queries(client, olive)
    _cash_orders(olive, honey, 27)

    # when / then (a page holds 20 orders)
    with django_assert_max_num_queries(few_queries):
        _, many = _page_queries(client, olive)
    assert (few, many) == (3, 20)


def test_a_cash_order_placed_outside_checkout_is_split_and_shows_its_share(
    graphql, user_token, owner, olive, honey
):
    # given
    [order] = _cash_orders(olive, honey, 1)
    cooperative_order_fulfil(
        cooperative=olive, user=owner, order=order,
        lines={line: line.quantity for line in order.lines.filter(
            cooperative_link__cooperative=olive)},
        notify_customer=False,
    )

    # when
    result = record_cash(graphql, user_token(owner), olive, order)

    # then
    share = result["data"]["cooperativeCashRecord"]["cashOnDelivery"]["amount"]["amount"]
    assert Decimal(str(share)) == Decimal("120.00")
