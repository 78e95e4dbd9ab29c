"""Pickup at a fair stop through Saleor 2.10's real checkout API."""
# ruff: noqa: F811  (pytest fixtures imported from the cooperatives scene)

from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from saleor.checkout.models import Checkout

from marketplace.fairs.models import ApplicationStatus
from marketplace.fairs.pickup.models import CheckoutPickup, PickupOrder, PickupStatus
from tests.cooperatives.orders_helpers import honey, oil, olive, thyme_honey  # noqa: F401

from .pickup_helpers import (
    COMPLETE,
    OPTIONS,
    PICKUP_SET,
    checkout_of,
    make_stop,
    pay_cash,
    pickup_order_via_api,
    stop_id,
)

pytestmark = pytest.mark.django_db


def test_a_checkout_whose_cooperatives_all_exhibit_is_offered_the_stop(graphql, olive, oil):
    # given
    stop = make_stop(exhibitors=[olive])
    _checkout_id, token = checkout_of(graphql, [(oil, 1)])

    # when
    options = graphql(OPTIONS, {"token": token})["data"]["checkoutPickupOptions"]

    # then
    assert options == [
        {
            "stopId": stop_id(stop),
            "title": "Tournée du terroir — Sefrou",
            "venue": "Place du marché, Sefrou",
            "startsAt": options[0]["startsAt"],
            "available": True,
            "reason": "",
        }
    ]


def test_a_checkout_with_an_absent_cooperative_is_told_which_items_are_not_sold_there(
    graphql, olive, oil, thyme_honey
):
    # given
    make_stop(exhibitors=[olive])
    _checkout_id, token = checkout_of(graphql, [(oil, 1), (thyme_honey, 2)])

    # when
    options = graphql(OPTIONS, {"token": token})["data"]["checkoutPickupOptions"]

    # then
    with translation.override("fr"):  # the API's language without Accept-Language
        reason = _("Not sold at this stop: %(items)s.") % {"items": "Miel Assal"}
    assert [(o["available"], o["reason"]) for o in options] == [(False, reason)]
    assert "Miel Assal" in reason


def test_choosing_a_stop_sets_free_pickup_at_its_venue(graphql, olive, oil):
    # given
    stop = make_stop(exhibitors=[olive])
    checkout_id, token = checkout_of(graphql, [(oil, 1)])

    # when
    answer = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})

    # then
    chosen = answer["data"]["checkoutPickupSet"]
    assert chosen["pickupErrors"] == []
    assert chosen["checkout"]["shippingAddress"] == {
        "streetAddress1": "Place du marché, Sefrou", "city": "SEFROU"
    }
    assert chosen["checkout"]["totalPrice"]["gross"]["amount"] == float(oil.price_amount)
    assert CheckoutPickup.objects.get(checkout_id=token).stop == stop


def test_a_stop_where_a_cooperative_is_absent_is_refused_and_nothing_changes(
    graphql, olive, oil, thyme_honey
):
    # given
    stop = make_stop(exhibitors=[olive])
    checkout_id, token = checkout_of(graphql, [(oil, 1), (thyme_honey, 1)])
    before = Checkout.objects.values("shipping_method_id", "shipping_address_id").get(token=token)

    # when
    answer = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})

    # then
    errors = answer["data"]["checkoutPickupSet"]["pickupErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("stopId", "ITEMS_NOT_AVAILABLE")]
    assert "Miel Assal" in errors[0]["message"]
    assert Checkout.objects.values("shipping_method_id", "shipping_address_id").get(
        token=token
    ) == before
    assert not CheckoutPickup.objects.exists()


def test_pickup_closes_at_the_cut_off_before_the_stop_opens(graphql, olive, oil):
    # given: the stop opens in 20 hours, its cut-off is 24 hours before
    stop = make_stop(exhibitors=[olive], starts_in=timedelta(hours=20))
    checkout_id, token = checkout_of(graphql, [(oil, 1)])

    # when
    options = graphql(OPTIONS, {"token": token})["data"]["checkoutPickupOptions"]
    answer = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})

    # then
    assert [o["available"] for o in options] == [False]
    errors = answer["data"]["checkoutPickupSet"]["pickupErrors"]
    assert [e["code"] for e in errors] == ["CUTOFF_PASSED"]
    assert not CheckoutPickup.objects.exists()


def test_stops_without_pickup_unpublished_or_over_are_not_offered(graphql, olive, oil):
    # given
    make_stop(exhibitors=[olive], pickup=False)
    make_stop(exhibitors=[olive], status="planned")
    make_stop(exhibitors=[olive], starts_in=timedelta(days=-2))
    hidden = make_stop(exhibitors=[olive], commune="Taza", province="taza")
    hidden.fair.status = "draft"
    hidden.fair.save()
    checkout_id, token = checkout_of(graphql, [(oil, 1)])

    # when
    options = graphql(OPTIONS, {"token": token})["data"]["checkoutPickupOptions"]
    answer = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(hidden)})

    # then
    assert options == []
    errors = answer["data"]["checkoutPickupSet"]["pickupErrors"]
    assert [e["code"] for e in errors] == ["PICKUP_NOT_OFFERED"]


def test_an_order_placed_with_pickup_is_tied_to_the_stop(graphql, olive, oil):
    # given
    stop = make_stop(exhibitors=[olive])

    # when
    order = pickup_order_via_api(graphql, [(oil, 2)], stop)

    # then
    pickup = PickupOrder.objects.get(order=order)
    assert pickup.stop == stop
    assert pickup.status == PickupStatus.AWAITING
    assert order.shipping_price_gross_amount == 0
    assert order.shipping_address.street_address_1 == "Place du marché, Sefrou"
    assert order.lines.get().quantity == 2


def test_an_order_delivered_home_is_not_tied_to_any_stop(graphql, olive, oil):
    # given: the shopper chose the stop, then went back to home delivery
    from tests.cooperatives.orders_helpers import checkout_order

    stop = make_stop(exhibitors=[olive])

    # when
    order = checkout_order(graphql, [(oil, 1)])

    # then
    assert order.shipping_method_name == "Livraison à domicile"
    assert not PickupOrder.objects.filter(stop=stop).exists()


def test_completion_is_refused_when_a_cooperative_withdrew_after_the_choice(
    graphql, olive, oil
):
    # given
    stop = make_stop(exhibitors=[olive])
    checkout_id, token = checkout_of(graphql, [(oil, 1)])
    graphql(PICKUP_SET, {"checkout": checkout_id, "stop": stop_id(stop)})
    pay_cash(graphql, checkout_id, token)
    stop.applications.update(status=ApplicationStatus.WITHDRAWN)

    # when
    completed = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert completed["order"] is None
    assert [(e["field"], e["code"]) for e in completed["checkoutErrors"]] == [
        ("shippingMethod", "INVALID_SHIPPING_METHOD")
    ]
    assert oil.name in completed["checkoutErrors"][0]["message"]
    assert Checkout.objects.filter(token=token).exists()
    assert not PickupOrder.objects.exists()


def test_the_pickup_method_without_a_stop_cannot_complete(graphql, olive, oil):
    # given: a 2.10 client picks the pickup method from availableShippingMethods
    stop = make_stop(exhibitors=[olive])
    first_id, _first = checkout_of(graphql, [(oil, 1)], email="first@example.ma")
    graphql(PICKUP_SET, {"checkout": first_id, "stop": stop_id(stop)})  # the method now exists
    checkout_id, token = checkout_of(graphql, [(oil, 1)])
    methods = graphql(
        """query($token: UUID!) { checkout(token: $token) {
             availableShippingMethods { id name price { amount } } } }""",
        {"token": token},
    )["data"]["checkout"]["availableShippingMethods"]
    pickup = next(m for m in methods if m["price"]["amount"] == 0)
    graphql(
        """mutation($id: ID!, $method: ID!) {
             checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {
               checkoutErrors { code } } }""",
        {"id": checkout_id, "method": pickup["id"]},
    )
    pay_cash(graphql, checkout_id, token)

    # when
    completed = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert completed["order"] is None
    assert [e["code"] for e in completed["checkoutErrors"]] == ["INVALID_SHIPPING_METHOD"]
    assert not PickupOrder.objects.exists()


def test_an_unknown_checkout_or_stop_id_is_a_clear_error(graphql, olive, oil):
    # given
    stop = make_stop(exhibitors=[olive])
    checkout_id, _token = checkout_of(graphql, [(oil, 1)])

    # when
    bad_checkout = graphql(PICKUP_SET, {"checkout": "Q2hlY2tvdXQ6bm9wZQ==", "stop": stop_id(stop)})
    bad_stop = graphql(PICKUP_SET, {"checkout": checkout_id, "stop": "RmFpclN0b3A6OTk5OTk="})

    # then
    assert [
        (e["field"], e["code"]) for e in bad_checkout["data"]["checkoutPickupSet"]["pickupErrors"]
    ] == [("checkoutId", "NOT_FOUND")]
    assert [
        (e["field"], e["code"]) for e in bad_stop["data"]["checkoutPickupSet"]["pickupErrors"]
    ] == [("stopId", "PICKUP_NOT_OFFERED")]
