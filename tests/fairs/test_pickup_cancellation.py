"""A cancelled stop: every pickup order ends in a defined state and every shopper is told."""
# ruff: noqa: F811  (pytest fixtures imported from the cooperatives scene)

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from saleor.order import OrderStatus
from saleor.payment import ChargeStatus
from saleor.warehouse.models import Allocation

from marketplace.fairs.pickup.models import PickupOrder, PickupStatus
from marketplace.fairs.pickup.services import pickup_choices_expire
from marketplace.fairs.services import stop_cancel
from tests.cooperatives.orders_helpers import oil, olive  # noqa: F401

from .pickup_helpers import make_stop, pickup_order_via_api

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Salma",
    "last_name": "Bennani",
    "street_address_1": "12 rue Talaa Kebira",
    "postal_code": "30000",
    "city": "Fès",
    "phone": "+212612345678",
    "choice": "delivery",
}


@pytest.fixture
def scene(graphql, olive, oil):
    stop = make_stop(exhibitors=[olive])
    cash = pickup_order_via_api(graphql, [(oil, 1)], stop, email="cash@example.ma")
    card = pickup_order_via_api(graphql, [(oil, 2)], stop, email="card@example.ma", card=True)
    card.language_code = "ar"
    card.save(update_fields=["language_code"])
    collected = pickup_order_via_api(graphql, [(oil, 1)], stop, email="early@example.ma")
    PickupOrder.objects.filter(order=collected).update(status=PickupStatus.COLLECTED)
    return stop, cash, card, collected


@pytest.fixture
def cancelled(scene, planner, django_capture_on_commit_callbacks):
    stop = scene[0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stop_cancel(stop=stop, actor=planner, reason="Tempête annoncée")
    return scene


def pickup_of(order):
    return PickupOrder.objects.get(order=order)


def test_cancelling_a_stop_asks_every_shopper_to_choose_and_keeps_collected_orders(cancelled):
    # given
    _stop, cash, card, collected = cancelled

    # then
    assert pickup_of(cash).status == PickupStatus.CHOICE_PENDING
    assert pickup_of(card).status == PickupStatus.CHOICE_PENDING
    assert pickup_of(collected).status == PickupStatus.COLLECTED
    assert pickup_of(cash).shopper_notified_at is not None
    assert pickup_of(card).shopper_notified_at is not None
    shoppers = {"cash@example.ma", "card@example.ma"}
    to_shoppers = {m.to[0]: m for m in mail.outbox if m.to[0] in shoppers}
    assert set(to_shoppers) == {"cash@example.ma", "card@example.ma"}
    assert "early@example.ma" not in {m.to[0] for m in mail.outbox}
    assert str(cash.token) in to_shoppers["cash@example.ma"].body
    assert f"/ar/pickup/orders/{card.token}/" in to_shoppers["card@example.ma"].body


def test_each_shopper_is_written_to_in_the_orders_language(cancelled):
    # given
    _stop, cash, card, _collected = cancelled
    by_address = {m.to[0]: m for m in mail.outbox}

    # then
    with translation.override("ar"):
        arabic = translation.gettext("Choose what we do with your order: deliver it to your home "
                                     "(no extra fee) or refund it (cash on delivery: nothing was "
                                     "taken).")
    with translation.override("fr"):
        french = translation.gettext("Choose what we do with your order: deliver it to your home "
                                     "(no extra fee) or refund it (cash on delivery: nothing was "
                                     "taken).")
    assert arabic != french
    assert arabic in by_address["card@example.ma"].body
    assert french in by_address["cash@example.ma"].body


def test_a_cash_shopper_who_chooses_a_refund_has_the_order_cancelled_and_stock_freed(
    client, cancelled
):
    # given
    _stop, cash, _card, _collected = cancelled
    url = reverse("fairs_pickup:choose", kwargs={"token": cash.token})
    assert Allocation.objects.filter(order_line__order=cash).exists()

    # when
    response = client.post(url, {"choice": "refund"})

    # then
    assert response.status_code == 302
    cash.refresh_from_db()
    assert pickup_of(cash).status == PickupStatus.REFUNDED
    assert cash.status == OrderStatus.CANCELED
    assert not Allocation.objects.filter(order_line__order=cash, quantity_allocated__gt=0).exists()
    assert 'data-pickup-status="refunded"' in client.get(url).content.decode()


def test_a_card_shopper_who_chooses_a_refund_gets_the_money_back(client, cancelled):
    # given
    _stop, _cash, card, _collected = cancelled
    payment = card.payments.get()
    assert payment.charge_status == ChargeStatus.FULLY_CHARGED

    # when
    client.post(reverse("fairs_pickup:choose", kwargs={"token": card.token}), {"choice": "refund"})

    # then
    payment.refresh_from_db()
    card.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_REFUNDED
    assert card.status == OrderStatus.CANCELED
    assert pickup_of(card).status == PickupStatus.REFUNDED


def test_a_shopper_who_chooses_home_delivery_has_the_order_shipped_to_the_address(
    client, cancelled
):
    # given
    _stop, cash, _card, _collected = cancelled

    # when
    response = client.post(reverse("fairs_pickup:choose", kwargs={"token": cash.token}), ADDRESS)

    # then
    assert response.status_code == 302
    cash.refresh_from_db()
    assert pickup_of(cash).status == PickupStatus.MOVED_TO_DELIVERY
    assert cash.status == OrderStatus.UNFULFILLED
    assert cash.shipping_address.street_address_1 == "12 rue Talaa Kebira"
    assert cash.shipping_address.postal_code == "30000"
    assert cash.shipping_price_gross_amount == 0
    assert cash.shipping_method_name == "Livraison à domicile (escale de foire annulée)"


def test_an_incomplete_address_is_refused_and_nothing_changes(client, cancelled):
    # given
    _stop, cash, _card, _collected = cancelled
    before = cash.shipping_address_id

    # when
    response = client.post(
        reverse("fairs_pickup:choose", kwargs={"token": cash.token}),
        {**ADDRESS, "street_address_1": ""},
    )

    # then
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    cash.refresh_from_db()
    assert cash.shipping_address_id == before
    assert pickup_of(cash).status == PickupStatus.CHOICE_PENDING


def test_a_choice_is_made_once(client, cancelled):
    # given
    _stop, cash, _card, _collected = cancelled
    url = reverse("fairs_pickup:choose", kwargs={"token": cash.token})
    client.post(url, ADDRESS)

    # when
    client.post(url, {"choice": "refund"})

    # then
    cash.refresh_from_db()
    assert pickup_of(cash).status == PickupStatus.MOVED_TO_DELIVERY
    assert cash.status == OrderStatus.UNFULFILLED


def test_no_choice_is_offered_while_the_stop_still_holds(client, scene):
    # given
    _stop, cash, _card, _collected = scene
    url = reverse("fairs_pickup:choose", kwargs={"token": cash.token})

    # when
    client.post(url, {"choice": "refund"})
    page = client.get(url).content.decode()

    # then
    cash.refresh_from_db()
    assert cash.status == OrderStatus.UNFULFILLED
    assert pickup_of(cash).status == PickupStatus.AWAITING
    assert 'name="choice"' not in page


def test_shoppers_who_never_choose_are_refunded_after_the_delay(cancelled):
    # given
    _stop, cash, card, _collected = cancelled

    # when
    early = pickup_choices_expire(timezone.now() + timedelta(days=6))
    late = pickup_choices_expire(timezone.now() + timedelta(days=8))

    # then
    assert early == []
    assert sorted(late) == sorted([pickup_of(cash).pk, pickup_of(card).pk])
    assert card.payments.get().charge_status == ChargeStatus.FULLY_REFUNDED
    assert pickup_of(cash).status == PickupStatus.REFUNDED


def test_the_expiry_runs_as_a_scheduled_task(settings, cancelled):
    # given
    from marketplace.fairs.pickup.tasks import expire_pickup_choices

    _stop, cash, _card, _collected = cancelled
    PickupOrder.objects.update(status_changed_at=timezone.now() - timedelta(days=8))
    schedule = settings.CELERY_BEAT_SCHEDULE["expire-pickup-choices"]

    # when
    expire_pickup_choices.delay()

    # then
    assert schedule["task"] == expire_pickup_choices.name
    assert pickup_of(cash).status == PickupStatus.REFUNDED
