import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from saleor.order.actions import mark_order_as_paid
from saleor.order.models import Fulfillment

from marketplace.cooperatives.models import (
    CommissionPolicy,
    LedgerEntry,
    PayoutBatch,
    PayoutBatchStatus,
)
from marketplace.cooperatives.services.ledger import payout_batch_close
from marketplace.cooperatives.services.orders import cooperative_order_fulfil

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

COOPERATIVE_PAGE_VIEWERS = {"member", "reviewer"}


def as_actor(client, user):
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def assert_refused(response, actor):
    if actor == "anonymous":
        assert response.status_code == 302
        assert reverse("storefront:login") in response["Location"]
    else:
        assert response.status_code == 403


# ----- cooperative pages -----------------------------------------------------------------------

@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", ["cooperative-orders", "cooperative-order-detail",
                                  "cooperative-ledger"])
def test_cooperative_pages_permission_matrix(client, actors, actor, page, olive, order, oil,
                                             thyme_honey):
    # given
    kwargs = {"slug": olive.slug}
    if page == "cooperative-order-detail":
        kwargs["order_pk"] = order.pk
    # when
    response = as_actor(client, actors[actor]).get(reverse(f"backoffice:{page}", kwargs=kwargs))
    # then
    if actor in COOPERATIVE_PAGE_VIEWERS:
        assert response.status_code == 200
        if page != "cooperative-ledger":
            content = response.content.decode()
            assert sku(oil) in content or str(oil.name) in content
            assert sku(thyme_honey) not in content and thyme_honey.name not in content
    else:
        assert_refused(response, actor)


def test_orders_page_lists_only_own_lines(client, owner, other_member, olive, honey, order,
                                          oil, thyme_honey):
    # when
    olive_page = as_actor(client, owner).get(
        reverse("backoffice:cooperative-orders", kwargs={"slug": olive.slug})
    ).content.decode()
    client.logout()
    honey_page = as_actor(client, other_member).get(
        reverse("backoffice:cooperative-orders", kwargs={"slug": honey.slug})
    ).content.decode()
    # then
    assert oil.name in olive_page and thyme_honey.name not in olive_page
    assert thyme_honey.name in honey_page and oil.name not in honey_page


def test_order_of_another_cooperative_only_is_not_found(client, owner, olive, thyme_honey):
    # given an order with no line of olive
    foreign = place_order([(thyme_honey, 1)])
    # when
    response = as_actor(client, owner).get(
        reverse("backoffice:cooperative-order-detail",
                kwargs={"slug": olive.slug, "order_pk": foreign.pk})
    )
    # then
    assert response.status_code == 404


def _orders_page_queries(client, olive):
    url = reverse("backoffice:cooperative-orders", kwargs={"slug": olive.slug})
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode().count("data-order=")


def test_orders_page_query_count_is_constant(client, owner, olive, honey,
                                             django_assert_max_num_queries):
    # given
    oil, thyme_honey = product_of(olive, quantity=100), product_of(honey, quantity=100)
    for _ in range(3):
        place_order([(oil, 1), (thyme_honey, 1)])
    as_actor(client, owner)
    few_queries, few = _orders_page_queries(client, olive)
    for _ in range(27):
        place_order([(oil, 1), (thyme_honey, 1)])
    # when / then (a page holds 20 orders)
    with django_assert_max_num_queries(few_queries):
        _, many = _orders_page_queries(client, olive)
    assert (few, many) == (3, 20)


@pytest.mark.parametrize("actor", ACTORS)
def test_fulfil_form_permission_matrix(client, actors, actor, olive, honey, order, oil,
                                       thyme_honey):
    # given
    line = order.lines.get(variant__product=oil)
    url = reverse("backoffice:cooperative-order-detail",
                  kwargs={"slug": olive.slug, "order_pk": order.pk})
    before = order_snapshot(order)
    # when
    response = as_actor(client, actors[actor]).post(url, {f"line-{line.pk}": "2"})
    # then
    if actor == "member":
        assert response.status_code == 302
        assert Fulfillment.objects.filter(order=order).count() == 1
        assert stock_quantity(oil, olive.warehouse) == 8
        assert stock_quantity(thyme_honey, honey.warehouse) == 10
    else:
        assert_refused(response, actor)
        assert order_snapshot(order) == before


def test_fulfil_form_ignores_a_smuggled_line_of_another_cooperative(
    client, owner, olive, order, oil, thyme_honey
):
    # given
    foreign = order.lines.get(variant__product=thyme_honey)
    url = reverse("backoffice:cooperative-order-detail",
                  kwargs={"slug": olive.slug, "order_pk": order.pk})
    before = order_snapshot(order)
    # when
    response = as_actor(client, owner).post(url, {f"line-{foreign.pk}": "1"})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors
    assert order_snapshot(order) == before


def test_fulfil_form_refuses_more_than_left(client, owner, olive, order, oil):
    # given
    line = order.lines.get(variant__product=oil)
    url = reverse("backoffice:cooperative-order-detail",
                  kwargs={"slug": olive.slug, "order_pk": order.pk})
    before = order_snapshot(order)
    # when
    response = as_actor(client, owner).post(url, {f"line-{line.pk}": "3"})
    # then
    assert response.status_code == 200
    assert f"line-{line.pk}" in response.context["form"].errors
    assert order_snapshot(order) == before


def test_ledger_page_shows_entries_and_balance(client, owner, olive, order, reviewer):
    # given
    mark_order_as_paid(order, reviewer)
    # when
    response = as_actor(client, owner).get(
        reverse("backoffice:cooperative-ledger", kwargs={"slug": olive.slug})
    )
    # then
    content = response.content.decode()
    assert 'data-kind="sale"' in content
    assert "180" in content
    assert response.context["rate_form"] is None


@pytest.mark.parametrize("actor", ACTORS)
def test_cooperative_commission_form_permission_matrix(client, actors, actor, olive):
    # when
    response = as_actor(client, actors[actor]).post(
        reverse("backoffice:cooperative-commission", kwargs={"slug": olive.slug}),
        {"rate": "0.05"},
    )
    # then
    olive.refresh_from_db()
    if actor == "reviewer":
        assert response.status_code == 302
        assert str(olive.commission_rate) == "0.0500"
    else:
        assert_refused(response, actor)
        assert olive.commission_rate is None


# ----- council pages ---------------------------------------------------------------------------

@pytest.fixture
def batch(order, reviewer):
    mark_order_as_paid(order, reviewer)
    return payout_batch_close(user=reviewer)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("page", ["payouts", "payout-batch-detail", "payout-batch-csv"])
def test_council_pages_permission_matrix(client, actors, actor, page, batch, olive):
    # given
    kwargs = {} if page == "payouts" else {"reference": batch.reference}
    # when
    response = as_actor(client, actors[actor]).get(reverse(f"backoffice:{page}", kwargs=kwargs))
    # then
    if actor == "reviewer":
        assert response.status_code == 200
        if page == "payout-batch-csv":
            assert response["Content-Type"].startswith("text/csv")
            assert olive.rib in response.content.decode()
        else:
            assert batch.reference in response.content.decode()
    else:
        assert_refused(response, actor)


@pytest.mark.parametrize("actor", ACTORS)
def test_close_button_permission_matrix(client, actors, actor, order, reviewer):
    # given
    mark_order_as_paid(order, reviewer)
    before = ledger_snapshot()
    # when
    response = as_actor(client, actors[actor]).post(reverse("backoffice:payouts-close"))
    # then
    if actor == "reviewer":
        batch = PayoutBatch.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "backoffice:payout-batch-detail", kwargs={"reference": batch.reference}
        )
        assert not LedgerEntry.objects.filter(payout_batch__isnull=True).exists()
    else:
        assert_refused(response, actor)
        assert ledger_snapshot() == before


def test_close_with_nothing_owed_shows_the_error(client, reviewer):
    # when
    response = as_actor(client, reviewer).post(reverse("backoffice:payouts-close"))
    # then
    assert response.status_code == 200
    assert response.context["close_errors"]
    assert not PayoutBatch.objects.exists()


@pytest.mark.parametrize("actor", ACTORS)
def test_mark_paid_button_permission_matrix(client, actors, actor, batch):
    # given
    before = ledger_snapshot()
    # when
    response = as_actor(client, actors[actor]).post(
        reverse("backoffice:payout-batch-mark-paid", kwargs={"reference": batch.reference})
    )
    # then
    batch.refresh_from_db()
    if actor == "reviewer":
        assert response.status_code == 302
        assert batch.status == PayoutBatchStatus.PAID
    else:
        assert_refused(response, actor)
        assert ledger_snapshot() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_commission_policy_form_permission_matrix(client, actors, actor):
    # when
    response = as_actor(client, actors[actor]).post(
        reverse("backoffice:payouts-commission-policy"), {"rate": "0.125"}
    )
    # then
    if actor == "reviewer":
        assert response.status_code == 302
        assert str(CommissionPolicy.current().default_rate) == "0.1250"
    else:
        assert_refused(response, actor)
        assert str(CommissionPolicy.current().default_rate) == "0.1000"


def test_commission_policy_form_refuses_out_of_range(client, reviewer):
    # when
    response = as_actor(client, reviewer).post(
        reverse("backoffice:payouts-commission-policy"), {"rate": "2"}
    )
    # then
    assert response.status_code == 200
    assert "rate" in response.context["policy_form"].errors
    assert str(CommissionPolicy.current().default_rate) == "0.1000"


def test_pages_render_in_arabic(client, reviewer, batch, olive):
    # when
    with translation.override("ar"):
        url = reverse("backoffice:payout-batch-detail", kwargs={"reference": batch.reference})
    response = as_actor(client, reviewer).get(url)
    # then
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# ----- shopper page ----------------------------------------------------------------------------

@pytest.mark.parametrize("actor", ACTORS)
def test_shopper_page_shows_per_cooperative_status(client, actors, actor, olive, honey, order,
                                                   oil, owner):
    # given olive ships its line
    cooperative_order_fulfil(cooperative=olive, user=owner, order=order,
                             lines={order.lines.get(variant__product=oil): 2},
                             notify_customer=False)
    # when anyone holding the secret link opens it
    response = as_actor(client, actors[actor]).get(
        reverse("storefront:order-detail", kwargs={"token": order.token})
    )
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-cooperative="{olive.slug}" data-status="fulfilled"' in content
    assert f'data-cooperative="{honey.slug}" data-status="unfulfilled"' in content
    assert response["Referrer-Policy"] == "no-referrer"


def test_shopper_page_with_unknown_token_is_not_found(client, order):
    # when
    unknown = "00000000-0000-4000-8000-000000000000"
    response = client.get(reverse("storefront:order-detail", kwargs={"token": unknown}))
    # then
    assert response.status_code == 404


def test_cancelled_order_offers_no_shipment_form(client, owner, olive, order, reviewer):
    # given
    from saleor.order.actions import cancel_order

    cancel_order(order, reviewer)
    # when
    response = as_actor(client, owner).get(
        reverse("backoffice:cooperative-order-detail",
                kwargs={"slug": olive.slug, "order_pk": order.pk})
    )
    # then
    assert response.status_code == 200
    assert response.context["form"] is None
    assert 'data-order-status="canceled"' in response.content.decode()
