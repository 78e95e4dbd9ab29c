"""A second checkoutComplete before the shopper's bank answered must not place a paid order."""

import json

import pytest
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment import ChargeStatus

from .conftest import CARD_3DS, authenticate_3ds, intent

pytestmark = pytest.mark.django_db


def test_completing_again_before_3d_secure_places_nothing_and_takes_nothing(
    stripe_keys, card_checkout, pay_by_card, complete
):
    # given: the bank's 3-D Secure step is still open in the shopper's browser
    checkout = card_checkout()
    pay_by_card(checkout, CARD_3DS)
    data = json.loads(complete(checkout)["confirmationData"])

    # when: a double click or a client that does not wait completes again
    result = complete(checkout)

    # then
    assert result["order"] is None
    [error] = result["checkoutErrors"]
    assert error["code"] == "PAYMENT_ERROR"
    assert error["message"].startswith("Votre banque n'a pas encore confirmé ce paiement")
    assert not Order.objects.exists()
    payment = Checkout.objects.get(pk=checkout.pk).get_last_active_payment()
    assert payment.captured_amount == 0
    assert payment.charge_status == ChargeStatus.NOT_CHARGED
    assert intent(data["paymentIntentId"]).status == "requires_action"


def test_after_an_early_completion_the_authenticated_payment_still_places_the_order(
    stripe_keys, localstripe_url, card_checkout, pay_by_card, complete
):
    # given
    checkout = card_checkout()
    pay_by_card(checkout, CARD_3DS)
    data = json.loads(complete(checkout)["confirmationData"])
    assert complete(checkout)["order"] is None

    # when
    authenticate_3ds(localstripe_url, data["clientSecret"])
    result = complete(checkout)

    # then
    assert result["checkoutErrors"] == []
    assert result["order"]["paymentStatus"] == "FULLY_CHARGED"
    assert Order.objects.get().payments.get().captured_amount == 150
