"""Cash on delivery from checkout to the cash each cooperative brings back."""

import json
from decimal import Decimal

import graphene
import pytest
from django.core.exceptions import ValidationError
from saleor.payment import ChargeStatus
from saleor.warehouse.models import Allocation

from marketplace.cooperatives.models import LedgerEntry, LedgerEntryKind
from marketplace.cooperatives.selectors.orders import cooperative_amount_due
from marketplace.cooperatives.services.orders import cooperative_order_fulfil
from marketplace.payments.cash.models import CashOnDeliveryParcel, ParcelOutcome
from tests.cooperatives.orders_helpers import stock_quantity

from .cash_helpers import COD, cod_checkout, everything, payment_state

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

CASH = """
mutation Cash($cooperative: ID!, $order: ID!, $amount: Decimal) {
  cooperativeCashRecord(cooperative: $cooperative, order: $order, amount: $amount) {
    order { id fulfilmentStatus cashOnDelivery { status amount { amount currency } } }
    cashOnDelivery { status amount { amount } recordedAt }
    cooperativeErrors { field code message }
  }
}
"""

REFUSE = """
mutation Refuse($cooperative: ID!, $order: ID!) {
  cooperativeParcelRefuse(cooperative: $cooperative, order: $order) {
    order { orderStatus fulfilmentStatus }
    cashOnDelivery { status amount { amount } }
    cooperativeErrors { field code message }
  }
}
"""


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def ship_all(cooperative, user, order):
    lines = {line: line.quantity_unfulfilled
             for line in order.lines.filter(cooperative_link__cooperative=cooperative)}
    cooperative_order_fulfil(
        cooperative=cooperative, user=user, order=order, lines=lines, notify_customer=False
    )


FULFIL = """
mutation Fulfil($cooperative: ID!, $order: ID!, $lines: [CooperativeOrderFulfillLineInput!]!) {
  cooperativeOrderFulfill(cooperative: $cooperative, order: $order, lines: $lines,
                          notifyCustomer: false) {
    order { fulfilmentStatus cashOnDelivery { status } }
    cooperativeErrors { field code }
  }
}
"""


def ship_all_through_the_api(graphql, token, cooperative, order):
    lines = [
        {"orderLineId": gid("OrderLine", line.pk), "quantity": line.quantity}
        for line in order.lines.filter(cooperative_link__cooperative=cooperative)
    ]
    result = graphql(
        FULFIL,
        {"cooperative": gid("Cooperative", cooperative.pk), "order": gid("Order", order.pk),
         "lines": lines},
        token=token,
    )["data"]["cooperativeOrderFulfill"]
    assert result == {
        "order": {"fulfilmentStatus": "FULFILLED", "cashOnDelivery": {"status": "TO_COLLECT"}},
        "cooperativeErrors": [],
    }


def record_cash(graphql, token, cooperative, order, amount=None):
    variables = {
        "cooperative": gid("Cooperative", cooperative.pk), "order": gid("Order", order.pk)
    }
    if amount is not None:
        variables["amount"] = amount
    return graphql(CASH, variables, token=token)


def refuse(graphql, token, cooperative, order):
    return graphql(
        REFUSE,
        {"cooperative": gid("Cooperative", cooperative.pk), "order": gid("Order", order.pk)},
        token=token,
    )


@pytest.fixture
def cod_order(graphql, oil, thyme_honey):
    """2 × oil (olive, 100.00) and 1 × honey (honey, 50.00), delivery 30.00: 280.00 in cash."""
    order, _gateways, _total = cod_checkout(graphql, [(oil, 2), (thyme_honey, 1)])
    return order


def test_a_210_client_is_offered_cash_on_delivery(graphql, oil):
    # when
    _order, gateways, _total = cod_checkout(graphql, [(oil, 1)])

    # then
    assert {"id": COD, "name": "Paiement à la livraison"} in gateways  # French by default


def test_a_cash_on_delivery_order_is_placed_unpaid_with_nothing_captured(
    client, graphql, oil, thyme_honey
):
    # when
    order, _gateways, total = cod_checkout(graphql, [(oil, 2), (thyme_honey, 1)])

    # then
    assert Decimal(str(total)) == Decimal("280.00")
    assert order.completed == {
        "token": str(order.token), "paymentStatus": "NOT_CHARGED", "isPaid": False
    }
    assert payment_state(order) == {
        "charge_status": ChargeStatus.NOT_CHARGED,
        "captured": Decimal("0"),
        "total": Decimal("280.00"),
        "is_active": True,
        "transactions": [("auth", Decimal("280.00"))],
    }
    assert not order.is_fully_paid()
    assert LedgerEntry.objects.count() == 0
    page = client.get(f"/en/orders/{order.token}/").content.decode()
    assert "To be paid in cash on delivery: 280.00 MAD" in page


def test_each_cooperative_records_its_cash_then_the_order_is_paid_with_one_sale_each(
    client, graphql, user_token, olive, honey, owner, other_member, cod_order
):
    # given: the delivery fee is shared pro rata to each cooperative's goods (200 : 50)
    assert cooperative_amount_due(cod_order, olive) == Decimal("224.00")
    assert cooperative_amount_due(cod_order, honey) == Decimal("56.00")
    ship_all_through_the_api(graphql, user_token(owner), olive, cod_order)

    # when: olive's parcel is paid
    first = record_cash(graphql, user_token(owner), olive, cod_order, "224.00")

    # then
    data = first["data"]["cooperativeCashRecord"]
    assert data["cooperativeErrors"] == []
    assert data["cashOnDelivery"]["status"] == "PAID"
    assert data["order"]["cashOnDelivery"]["amount"] == {"amount": 224.0, "currency": "MAD"}
    assert payment_state(cod_order)["charge_status"] == ChargeStatus.PARTIALLY_CHARGED
    assert payment_state(cod_order)["captured"] == Decimal("224.00")
    cod_order.refresh_from_db()
    assert not cod_order.is_fully_paid()
    page = client.get(f"/en/orders/{cod_order.token}/").content.decode()
    assert "To be paid in cash on delivery: 56.00 MAD" in page

    # when: honey ships and its parcel is paid
    ship_all_through_the_api(graphql, user_token(other_member), honey, cod_order)
    second = record_cash(graphql, user_token(other_member), honey, cod_order)

    # then
    assert second["data"]["cooperativeCashRecord"]["cooperativeErrors"] == []
    state = payment_state(cod_order)
    assert state["charge_status"] == ChargeStatus.FULLY_CHARGED
    assert state["transactions"] == [
        ("auth", Decimal("280.00")), ("capture", Decimal("56.00")), ("capture", Decimal("224.00"))
    ]
    cod_order.refresh_from_db()
    assert cod_order.is_fully_paid()
    sales = LedgerEntry.objects.filter(order=cod_order).order_by("cooperative_id")
    assert [(entry.cooperative_id, entry.kind, entry.gross) for entry in sales] == [
        (olive.pk, LedgerEntryKind.SALE, Decimal("200.00")),
        (honey.pk, LedgerEntryKind.SALE, Decimal("50.00")),
    ]
    page = client.get(f"/en/orders/{cod_order.token}/").content.decode()
    assert "Nothing left to pay in cash on delivery." in page


def test_no_sale_is_recorded_when_a_cash_order_is_only_shipped(
    olive, honey, owner, other_member, cod_order
):
    # when
    ship_all(olive, owner, cod_order)
    ship_all(honey, other_member, cod_order)

    # then: delivered is not paid; the cash is recorded per cooperative
    cod_order.refresh_from_db()
    assert cod_order.status == "fulfilled"
    assert LedgerEntry.objects.count() == 0


def test_recording_the_cash_twice_captures_once(
    graphql, user_token, olive, owner, reviewer, cod_order
):
    # given
    ship_all(olive, owner, cod_order)
    record_cash(graphql, user_token(owner), olive, cod_order)

    # when: a double click, then staff retrying
    again = record_cash(graphql, user_token(owner), olive, cod_order)
    staff = record_cash(graphql, user_token(reviewer), olive, cod_order, "224.00")

    # then
    assert again["data"]["cooperativeCashRecord"]["cooperativeErrors"] == []
    assert staff["data"]["cooperativeCashRecord"]["cooperativeErrors"] == []
    assert payment_state(cod_order)["transactions"] == [
        ("auth", Decimal("280.00")), ("capture", Decimal("224.00"))
    ]
    assert LedgerEntry.objects.filter(order=cod_order).count() == 1
    assert CashOnDeliveryParcel.objects.filter(order=cod_order).count() == 1


def test_a_wrong_amount_is_refused_and_changes_nothing(
    graphql, user_token, olive, owner, cod_order
):
    # given
    ship_all(olive, owner, cod_order)
    before = everything(cod_order)

    # when
    result = record_cash(graphql, user_token(owner), olive, cod_order, "200.00")

    # then
    errors = result["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [("amount", "WRONG_AMOUNT")]
    assert "224.00" in errors[0]["message"]
    assert everything(cod_order) == before


def test_the_wrong_amount_error_is_translated(client, user_token, olive, owner, cod_order):
    # given
    ship_all(olive, owner, cod_order)
    variables = {
        "cooperative": gid("Cooperative", olive.pk), "order": gid("Order", cod_order.pk),
        "amount": "1.00",
    }

    # when
    response = client.post(
        "/graphql/",
        json.dumps({"query": CASH, "variables": variables}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"JWT {user_token(owner)}",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    # then
    errors = response.json()["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert errors[0]["message"] == "Ce colis est à payer 224.00 MAD, et non 1.00."


def test_cash_before_the_parcel_is_shipped_is_refused(
    graphql, user_token, olive, owner, cod_order
):
    # given
    before = everything(cod_order)

    # when
    result = record_cash(graphql, user_token(owner), olive, cod_order)

    # then
    errors = result["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["NOT_SHIPPED"]
    assert everything(cod_order) == before


def test_cash_on_an_order_paid_by_another_gateway_is_refused(
    graphql, user_token, olive, owner, oil
):
    # given
    from tests.cooperatives.orders_helpers import checkout_order

    order = checkout_order(graphql, [(oil, 1)])
    ship_all(olive, owner, order)
    entries = LedgerEntry.objects.count()

    # when
    result = record_cash(graphql, user_token(owner), olive, order)

    # then
    errors = result["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["NOT_CASH_ON_DELIVERY"]
    assert LedgerEntry.objects.count() == entries


def test_a_refused_parcel_goes_back_to_stock_unreserved_and_records_no_sale(
    client, graphql, user_token, olive, honey, owner, other_member, oil, thyme_honey, cod_order
):
    # given
    ship_all(olive, owner, cod_order)
    ship_all(honey, other_member, cod_order)
    assert stock_quantity(thyme_honey, honey.warehouse) == 9

    # when
    result = refuse(graphql, user_token(other_member), honey, cod_order)

    # then
    data = result["data"]["cooperativeParcelRefuse"]
    assert data["cooperativeErrors"] == []
    assert data["cashOnDelivery"] == {"status": "REFUSED", "amount": {"amount": 56.0}}
    assert stock_quantity(thyme_honey, honey.warehouse) == 10
    honey_line = cod_order.lines.get(variant__product=thyme_honey)
    assert sum(Allocation.objects.filter(order_line=honey_line).values_list(
        "quantity_allocated", flat=True)) == 0
    assert payment_state(cod_order)["total"] == Decimal("224.00")
    assert LedgerEntry.objects.count() == 0
    page = client.get(f"/en/orders/{cod_order.token}/").content.decode()
    assert "Refused at the door" in page
    assert "To be paid in cash on delivery: 224.00 MAD" in page

    # when: the other parcel is paid
    record_cash(graphql, user_token(owner), olive, cod_order)

    # then
    assert payment_state(cod_order)["charge_status"] == ChargeStatus.FULLY_CHARGED
    assert list(LedgerEntry.objects.values_list("cooperative_id", "gross")) == [
        (olive.pk, Decimal("200.00"))
    ]
    # and the refused parcel cannot be shipped again
    with pytest.raises(ValidationError) as refused:
        ship_all(honey, other_member, cod_order)
    assert refused.value.error_dict["order"][0].code == "invalid_transition"
    assert stock_quantity(thyme_honey, honey.warehouse) == 10


def test_an_order_refused_in_full_is_cancelled(
    graphql, user_token, olive, honey, owner, other_member, reviewer, oil, thyme_honey,
    cod_order
):
    # given
    ship_all(olive, owner, cod_order)
    ship_all(honey, other_member, cod_order)

    # when
    refuse(graphql, user_token(owner), olive, cod_order)
    last = refuse(graphql, user_token(reviewer), honey, cod_order)

    # then
    assert last["data"]["cooperativeParcelRefuse"]["order"]["orderStatus"] == "canceled"
    assert stock_quantity(oil, olive.warehouse) == 10
    assert stock_quantity(thyme_honey, honey.warehouse) == 10
    assert Allocation.objects.filter(
        order_line__order=cod_order, quantity_allocated__gt=0
    ).count() == 0
    state = payment_state(cod_order)
    assert (state["captured"], state["is_active"]) == (Decimal("0"), False)
    assert LedgerEntry.objects.count() == 0


def test_refusing_twice_restocks_once(
    graphql, user_token, honey, other_member, thyme_honey, cod_order
):
    # given
    ship_all(honey, other_member, cod_order)
    refuse(graphql, user_token(other_member), honey, cod_order)

    # when
    again = refuse(graphql, user_token(other_member), honey, cod_order)

    # then
    assert again["data"]["cooperativeParcelRefuse"]["cooperativeErrors"] == []
    assert stock_quantity(thyme_honey, honey.warehouse) == 10
    assert CashOnDeliveryParcel.objects.filter(
        order=cod_order, outcome=ParcelOutcome.REFUSED
    ).count() == 1


def test_a_paid_parcel_cannot_then_be_refused(
    graphql, user_token, olive, owner, oil, cod_order
):
    # given
    ship_all(olive, owner, cod_order)
    record_cash(graphql, user_token(owner), olive, cod_order)
    before = everything(cod_order)

    # when
    result = refuse(graphql, user_token(owner), olive, cod_order)

    # then
    errors = result["data"]["cooperativeParcelRefuse"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["INVALID_TRANSITION"]
    assert everything(cod_order) == before


def test_cash_is_refused_when_the_payment_was_already_captured_outside_it(
    graphql, user_token, olive, owner, cod_order
):
    # given: staff captured the whole payment through Saleor's own capture
    from saleor.payment import gateway

    from marketplace.payments.cash.saleor_payments import Payment

    ship_all(olive, owner, cod_order)
    gateway.capture(Payment.objects.get(order=cod_order))
    before = everything(cod_order)

    # when
    result = record_cash(graphql, user_token(owner), olive, cod_order)

    # then
    errors = result["data"]["cooperativeCashRecord"]["cooperativeErrors"]
    assert [error["code"] for error in errors] == ["INVALID_TRANSITION"]
    assert everything(cod_order) == before


@pytest.mark.parametrize(
    ("language", "name"),
    [("ar", "الدفع عند الاستلام"), ("fr", "Paiement à la livraison"), ("en", "Cash on delivery")],
)
def test_the_cash_gateway_is_named_in_the_clients_language(client, language, name):
    # when
    response = client.post(
        "/graphql/",
        {"query": "{ shop { availablePaymentGateways { id name } } }"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    # then
    gateways = response.json()["data"]["shop"]["availablePaymentGateways"]
    assert {"id": "marketplace.payments.cash_on_delivery", "name": name} in gateways
