"""Money and stock of an order collected at a fair stop: the hand-over is the fulfilment.

A cooperative's hand-over at its stand fulfils its part (stock leaves once,
as for a shipment), records the cash paid there, or has the card authorised
at checkout captured; a pickup order can never be shipped instead.
"""
# ruff: noqa: F811  (pytest fixtures imported from the cooperatives scene)

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from graphql_relay import to_global_id
from saleor.order import OrderStatus
from saleor.order.models import Fulfillment
from saleor.payment import ChargeStatus
from saleor.warehouse.models import Allocation

from marketplace.cooperatives.models import LedgerEntry, LedgerEntryKind
from marketplace.fairs.pickup.models import PickupHandover, PickupOrder, PickupStatus
from marketplace.payments.cash.models import CashOnDeliveryParcel, ParcelOutcome
from tests.cooperatives.orders_helpers import (  # noqa: F401
    honey,
    oil,
    olive,
    order_snapshot,
    stock_quantity,
    thyme_honey,
)
from tests.fixtures.cooperatives import make_user
from tests.payments.conftest import CARD_OK, card, intent

from .pickup_helpers import make_stop, pickup_order_via_api
from .test_concurrency import at_once

pytestmark = pytest.mark.django_db

STRIPE = "marketplace.payments.stripe"

COLLECT = """
mutation($order: ID!, $cooperative: ID) {
  pickupOrderCollect(orderId: $order, cooperative: $cooperative) {
    pickupOrder { status } pickupErrors { field code message } } }
"""

FULFIL = """
mutation($cooperative: ID!, $order: ID!, $lines: [CooperativeOrderFulfillLineInput!]!) {
  cooperativeOrderFulfill(cooperative: $cooperative, order: $order, lines: $lines,
                          notifyCustomer: false) {
    fulfillments { id }
    cooperativeErrors { field code message }
  }
}
"""


@pytest.fixture
def fair_staff(db):
    return make_user("fairs-staff@example.com", is_staff=True, permissions=["fairs.manage_fairs"])


@pytest.fixture
def stop(olive, honey):
    return make_stop(exhibitors=[olive, honey])


def hand_over(graphql, token, order, cooperative=None):
    variables = {"order": to_global_id("Order", order.pk)}
    if cooperative is not None:
        variables["cooperative"] = to_global_id("Cooperative", cooperative.pk)
    return graphql(COLLECT, variables, token=token)["data"]["pickupOrderCollect"]


def sales(order):
    return sorted(
        LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.SALE).values_list(
            "cooperative_id", "gross"
        )
    )


def test_handing_over_a_cash_order_records_the_cash_the_sale_and_the_fulfilment(
    graphql, user_token, owner, olive, oil, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)
    payment = order.payments.get()
    assert payment.charge_status == ChargeStatus.NOT_CHARGED

    # when
    answer = hand_over(graphql, user_token(owner), order, olive)

    # then
    assert answer == {"pickupOrder": {"status": "COLLECTED"}, "pickupErrors": []}
    payment.refresh_from_db()
    assert payment.captured_amount == Decimal("200.00")
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    parcel = CashOnDeliveryParcel.objects.get(order=order)
    assert (parcel.cooperative, parcel.outcome, parcel.amount) == (
        olive, ParcelOutcome.PAID, Decimal("200.00")
    )
    assert sales(order) == [(olive.pk, Decimal("200.00"))]
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.is_fully_paid()
    assert [line.quantity_fulfilled for line in order.lines.all()] == [2]


def test_two_cooperatives_hand_over_and_the_order_is_fully_paid_and_fulfilled(
    graphql, user_token, owner, other_member, olive, honey, oil, thyme_honey, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)
    payment = order.payments.get()

    # when
    first = hand_over(graphql, user_token(owner), order, olive)
    order.refresh_from_db()
    payment.refresh_from_db()
    between = (order.status, payment.captured_amount)
    second = hand_over(graphql, user_token(other_member), order, honey)

    # then
    assert first["pickupErrors"] == [] and second["pickupErrors"] == []
    assert between == (OrderStatus.PARTIALLY_FULFILLED, Decimal("100.00"))
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.captured_amount == Decimal("250.00")
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert order.status == OrderStatus.FULFILLED
    assert order.is_fully_paid()
    assert PickupOrder.objects.get(order=order).status == PickupStatus.COLLECTED
    assert sales(order) == sorted([(olive.pk, Decimal("100.00")), (honey.pk, Decimal("150.00"))])


def test_a_repeated_hand_over_fulfils_once_and_records_the_cash_once(
    graphql, user_token, owner, olive, oil, thyme_honey, stop
):
    # given: the other cooperative has not handed over yet, so the order still awaits
    order = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)
    hand_over(graphql, user_token(owner), order, olive)
    before = order_snapshot(order)

    # when
    again = hand_over(graphql, user_token(owner), order, olive)

    # then
    assert again == {"pickupOrder": {"status": "AWAITING"}, "pickupErrors": []}
    assert order_snapshot(order) == before
    assert Fulfillment.objects.filter(order=order).count() == 1
    assert CashOnDeliveryParcel.objects.filter(order=order).count() == 1
    assert order.payments.get().captured_amount == Decimal("100.00")
    assert PickupHandover.objects.filter(pickup_order__order=order).count() == 1


def test_a_hand_over_repeated_after_the_order_is_collected_changes_nothing(
    graphql, user_token, owner, olive, oil, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)
    hand_over(graphql, user_token(owner), order, olive)
    before = order_snapshot(order)

    # when
    again = hand_over(graphql, user_token(owner), order, olive)

    # then
    assert again == {"pickupOrder": {"status": "COLLECTED"}, "pickupErrors": []}
    assert order_snapshot(order) == before
    assert CashOnDeliveryParcel.objects.filter(order=order).count() == 1
    assert order.payments.get().captured_amount == Decimal("200.00")
    assert LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.SALE).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_cooperatives_handing_over_at_once_and_twice_each_record_each_part_once(
    graphql, user_token, owner, other_member, olive, honey, oil, thyme_honey, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)
    order_id = to_global_id("Order", order.pk)
    calls = [
        (user_token(member), COLLECT,
         {"order": order_id, "cooperative": to_global_id("Cooperative", cooperative.pk)})
        for member, cooperative in [(owner, olive), (other_member, honey)] * 2
    ]

    # when
    answers = at_once(calls)

    # then
    assert all(
        answer["data"]["pickupOrderCollect"]["pickupErrors"] == [] for answer in answers
    ), answers
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert Fulfillment.objects.filter(order=order).count() == 2
    assert order.payments.get().captured_amount == Decimal("250.00")
    assert CashOnDeliveryParcel.objects.filter(order=order).count() == 2
    assert PickupOrder.objects.get(order=order).status == PickupStatus.COLLECTED
    assert stock_quantity(oil, olive.warehouse) == 9
    assert stock_quantity(thyme_honey, honey.warehouse) == 7


def test_staff_marking_the_whole_order_collected_fulfils_and_records_every_part(
    graphql, user_token, fair_staff, olive, honey, oil, thyme_honey, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)

    # when
    answer = hand_over(graphql, user_token(fair_staff), order)

    # then
    assert answer == {"pickupOrder": {"status": "COLLECTED"}, "pickupErrors": []}
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.payments.get().captured_amount == Decimal("250.00")
    assert set(CashOnDeliveryParcel.objects.filter(order=order).values_list(
        "cooperative_id", "outcome"
    )) == {(olive.pk, ParcelOutcome.PAID), (honey.pk, ParcelOutcome.PAID)}


def test_the_sold_units_leave_stock_once_as_for_a_shipped_order(
    graphql, user_token, owner, olive, oil, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)
    assert stock_quantity(oil, olive.warehouse) == 10
    assert sum(Allocation.objects.filter(order_line__order=order).values_list(
        "quantity_allocated", flat=True
    )) == 2

    # when
    hand_over(graphql, user_token(owner), order, olive)
    hand_over(graphql, user_token(owner), order, olive)  # a double click

    # then
    assert stock_quantity(oil, olive.warehouse) == 8
    assert sum(Allocation.objects.filter(order_line__order=order).values_list(
        "quantity_allocated", flat=True
    )) == 0


def test_a_pickup_order_cannot_be_shipped_through_the_api(
    graphql, user_token, owner, olive, oil, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)
    before = order_snapshot(order)
    line = order.lines.get()

    # when
    answer = graphql(
        FULFIL,
        {
            "cooperative": to_global_id("Cooperative", olive.pk),
            "order": to_global_id("Order", order.pk),
            "lines": [{"orderLineId": to_global_id("OrderLine", line.pk), "quantity": 2}],
        },
        token=user_token(owner),
    )["data"]["cooperativeOrderFulfill"]

    # then
    assert answer["fulfillments"] is None or answer["fulfillments"] == []
    assert [(e["field"], e["code"]) for e in answer["cooperativeErrors"]] == [
        ("order", "PICKUP_ORDER")
    ]
    with translation.override("fr"):
        assert answer["cooperativeErrors"][0]["message"] == gettext(
            "This order is collected at a fair stop: hand it over at your stand, do not ship it."
        )
    assert order_snapshot(order) == before
    assert PickupOrder.objects.get(order=order).status == PickupStatus.AWAITING


def test_the_cooperative_page_asks_no_cash_recording_for_pickup_and_shows_it_paid_after(
    client, graphql, user_token, owner, olive, oil, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)
    client.force_login(owner)
    url = reverse(
        "backoffice:cooperative-order-detail", kwargs={"slug": olive.slug, "order_pk": order.pk}
    )
    cash_form = reverse(
        "backoffice:cooperative-order-cash-received",
        kwargs={"slug": olive.slug, "order_pk": order.pk},
    )
    with translation.override("fr"):
        prompt = gettext(
            "Once all your items of this order are shipped and delivered, record the cash "
            "received or a refused parcel here."
        )
    before = client.get(url).content.decode()

    # when
    hand_over(graphql, user_token(owner), order, olive)
    after = client.get(url).content.decode()

    # then
    assert 'data-cash-status="to_collect"' in before
    assert prompt not in before.replace("&#x27;", "'")
    assert cash_form not in before
    assert 'class="cash-at-handover"' in before
    assert 'data-cash-status="paid"' in after
    assert 'class="cash-at-handover"' not in after and cash_form not in after


def test_a_card_authorised_for_a_pickup_order_is_captured_at_the_hand_over(
    graphql, user_token, owner, olive, oil, stop, stripe_keys,
    django_capture_on_commit_callbacks,
):
    # given
    stripe_keys.STRIPE_AUTO_CAPTURE = False
    order = _card_pickup_order(graphql, oil, stop)
    payment = order.payments.get()
    intent_id = payment.transactions.filter(token__startswith="pi_").last().token
    assert intent(intent_id).status == "requires_capture"
    assert payment.charge_status == ChargeStatus.NOT_CHARGED

    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = hand_over(graphql, user_token(owner), order, olive)

    # then
    assert answer == {"pickupOrder": {"status": "COLLECTED"}, "pickupErrors": []}
    captured = intent(intent_id)
    assert captured.status == "succeeded"
    assert captured.amount == 20000
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED
    assert payment.captured_amount == Decimal("200.00")
    assert not CashOnDeliveryParcel.objects.filter(order=order).exists()
    assert sales(order) == [(olive.pk, Decimal("200.00"))]


def _card_pickup_order(graphql, product, stop):
    from saleor.order.models import Order

    from .pickup_helpers import COMPLETE, PICKUP_SET, checkout_of, pay_cash, stop_id

    checkout_id, token = checkout_of(graphql, [(product, 2)])
    chosen = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})
    assert chosen["data"]["checkoutPickupSet"]["pickupErrors"] == []
    pay_cash(graphql, checkout_id, token, gateway=STRIPE, payment_token=card(CARD_OK))
    completed = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]
    assert completed["checkoutErrors"] == []
    return Order.objects.get(token=completed["order"]["token"])


def test_the_shopper_sees_a_handed_over_part_paid_and_the_rest_still_to_pay(
    client, graphql, user_token, owner, olive, honey, oil, thyme_honey, stop
):
    # given
    order = pickup_order_via_api(graphql, [(oil, 1), (thyme_honey, 3)], stop)

    # when
    hand_over(graphql, user_token(owner), order, olive)
    page = client.get(f"/en/orders/{order.token}/").content.decode()

    # then
    olive_part = page.split(f'data-cooperative="{olive.slug}"')[1].split("</section>")[0]
    honey_part = page.split(f'data-cooperative="{honey.slug}"')[1].split("</section>")[0]
    assert 'data-cash-status="paid"' in olive_part
    assert 'data-part="collected"' in olive_part
    assert 'data-cash-status="to_collect"' in honey_part
    assert 'data-cash-to-collect="150.00"' in page
    assert "shipped" not in olive_part
