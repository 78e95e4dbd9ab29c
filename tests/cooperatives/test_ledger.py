from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from graphql_relay import to_global_id
from saleor.order.actions import cancel_order, mark_order_as_paid
from saleor.plugins.manager import get_plugins_manager

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.models import (
    CommissionPolicy,
    LedgerEntry,
    LedgerEntryKind,
)
from marketplace.cooperatives.services.ledger import (
    commission_policy_set,
    cooperative_commission_set,
    ledger_record_reversal,
    ledger_record_sale,
)
from marketplace.cooperatives.services.orders import cooperative_order_fulfil
from tests.fixtures.cooperatives import make_user

from .orders_helpers import (  # noqa: F401
    ACTORS,
    checkout_order,
    ledger_snapshot,
    place_order,
    product_of,
    seller,
    with_plugin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]


@pytest.fixture
def olive(owner):
    return seller(owner=owner)


@pytest.fixture
def honey(other_member):
    return seller(owner=other_member)


@pytest.fixture
def mixed_order(olive, honey):
    # olive: 2 × 99.99 + 1 × 45.50 = 245.48; honey: 3 × 33.35 = 100.05
    return place_order(
        [
            (product_of(olive, price="99.99"), 2),
            (product_of(olive, price="45.50"), 1),
            (product_of(honey, price="33.35"), 3),
        ]
    )


def entries(order, kind=LedgerEntryKind.SALE):
    return {
        entry.cooperative_id: entry for entry in LedgerEntry.objects.filter(order=order, kind=kind)
    }


def test_paid_order_records_one_sale_per_cooperative_with_default_commission(
    mixed_order, olive, honey, reviewer
):
    # given the default rate of 10 %
    # when
    mark_order_as_paid(mixed_order, reviewer)
    # then
    sales = entries(mixed_order)
    assert set(sales) == {olive.pk, honey.pk}
    assert (sales[olive.pk].gross, sales[olive.pk].commission, sales[olive.pk].net) == (
        Decimal("245.48"),
        Decimal("24.55"),
        Decimal("220.93"),
    )
    assert (sales[honey.pk].gross, sales[honey.pk].commission, sales[honey.pk].net) == (
        Decimal("100.05"),
        Decimal("10.01"),
        Decimal("90.04"),
    )
    assert sales[olive.pk].commission_rate == Decimal("0.1000")
    assert sales[olive.pk].currency == "MAD"


def test_cooperative_rate_overrides_the_default(mixed_order, olive, honey, reviewer):
    # given
    cooperative_commission_set(cooperative=olive, user=reviewer, rate=Decimal("0.075"))
    commission_policy_set(user=reviewer, default_rate=Decimal("0.12"))
    # when
    mark_order_as_paid(mixed_order, reviewer)
    # then 245.48 × 0.075 = 18.411 → 18.41; 100.05 × 0.12 = 12.006 → 12.01
    sales = entries(mixed_order)
    assert (sales[olive.pk].commission, sales[olive.pk].net) == (
        Decimal("18.41"),
        Decimal("227.07"),
    )
    assert (sales[honey.pk].commission, sales[honey.pk].net) == (
        Decimal("12.01"),
        Decimal("88.04"),
    )


def test_commission_rounds_half_up_to_the_cent(olive, reviewer):
    # given 0.05 × 10.10 = 0.505
    cooperative_commission_set(cooperative=olive, user=reviewer, rate=Decimal("0.05"))
    order = place_order([(product_of(olive, price="10.10"), 1)])
    # when
    ledger_record_sale(order=order)
    # then
    assert entries(order)[olive.pk].commission == Decimal("0.51")


def test_replayed_paid_hook_records_nothing_new(mixed_order, reviewer):
    # given
    mark_order_as_paid(mixed_order, reviewer)
    before = ledger_snapshot()
    # when
    manager = get_plugins_manager()
    manager.order_fully_paid(mixed_order)
    manager.order_fully_paid(mixed_order)
    # then
    assert ledger_snapshot() == before
    assert LedgerEntry.objects.filter(order=mixed_order).count() == 2


def test_cancellation_reverses_each_sale(mixed_order, olive, honey, reviewer):
    # given
    mark_order_as_paid(mixed_order, reviewer)
    # when
    cancel_order(mixed_order, reviewer)
    # then
    reversals = entries(mixed_order, LedgerEntryKind.REVERSAL)
    sales = entries(mixed_order)
    assert set(reversals) == {olive.pk, honey.pk}
    for cooperative_id, reversal in reversals.items():
        sale = sales[cooperative_id]
        assert (reversal.gross, reversal.commission, reversal.net) == (
            -sale.gross,
            -sale.commission,
            -sale.net,
        )
    # and replaying the cancellation adds nothing
    assert ledger_record_reversal(order=mixed_order) == []
    assert LedgerEntry.objects.filter(order=mixed_order).count() == 4


def test_cancelling_an_unpaid_order_records_nothing(mixed_order, reviewer):
    # when
    cancel_order(mixed_order, reviewer)
    # then
    assert not LedgerEntry.objects.filter(order=mixed_order).exists()


def test_full_refund_takes_back_the_sales(graphql, user_token, olive, honey):
    # given an order paid at checkout
    order = checkout_order(
        graphql, [(product_of(olive, price="100.00"), 2), (product_of(honey, price="50.00"), 1)]
    )
    manager = make_user("orders@example.ma", is_staff=True, permissions=["order.manage_orders"])
    # when staff refund all of it through Saleor's orderRefund
    response = graphql(
        """mutation($id: ID!, $amount: Decimal!) {
             orderRefund(id: $id, amount: $amount) { orderErrors { code } } }""",
        {"id": to_global_id("Order", order.pk), "amount": str(order.total_gross_amount)},
        token=user_token(manager),
    )
    # then
    assert response["data"]["orderRefund"]["orderErrors"] == []
    assert len(entries(order, LedgerEntryKind.REFUND)) == 2
    for cooperative in (olive, honey):
        owed = LedgerEntry.objects.filter(order=order, cooperative=cooperative)
        assert sum(entry.net for entry in owed) == 0


def test_unpaid_order_delivered_in_full_counts_as_a_cash_on_delivery_sale(
    mixed_order, olive, honey, owner, other_member
):
    # given no payment; the first cooperative ships everything
    olive_lines = {
        line: line.quantity
        for line in mixed_order.lines.filter(cooperative_link__cooperative=olive)
    }
    cooperative_order_fulfil(
        cooperative=olive,
        user=owner,
        order=mixed_order,
        lines=olive_lines,
        notify_customer=False,
    )
    assert not LedgerEntry.objects.filter(order=mixed_order).exists()
    # when the second ships the rest
    honey_lines = {
        line: line.quantity
        for line in mixed_order.lines.filter(cooperative_link__cooperative=honey)
    }
    cooperative_order_fulfil(
        cooperative=honey,
        user=other_member,
        order=mixed_order,
        lines=honey_lines,
        notify_customer=False,
    )
    # then
    assert set(entries(mixed_order)) == {olive.pk, honey.pk}


def test_paid_order_delivered_records_the_sale_once(
    mixed_order, olive, honey, owner, other_member, reviewer
):
    # given
    mark_order_as_paid(mixed_order, reviewer)
    # when everything ships
    for cooperative, user in ((olive, owner), (honey, other_member)):
        cooperative_order_fulfil(
            cooperative=cooperative,
            user=user,
            order=mixed_order,
            notify_customer=False,
            lines={
                line: line.quantity
                for line in mixed_order.lines.filter(cooperative_link__cooperative=cooperative)
            },
        )
    # then
    assert LedgerEntry.objects.filter(order=mixed_order).count() == 2


@pytest.mark.parametrize("actor", ACTORS)
def test_commission_policy_permission_matrix(actors, actor):
    # given
    user = actors[actor]
    before = CommissionPolicy.current().default_rate
    # when / then
    if actor == "reviewer":
        commission_policy_set(user=user, default_rate=Decimal("0.15"))
        assert CommissionPolicy.current().default_rate == Decimal("0.15")
    else:
        with pytest.raises(PermissionDenied):
            commission_policy_set(user=user, default_rate=Decimal("0.15"))
        assert CommissionPolicy.current().default_rate == before


@pytest.mark.parametrize("actor", ACTORS)
def test_cooperative_commission_permission_matrix(actors, actor, olive):
    # given
    user = actors[actor]
    # when / then
    if actor == "reviewer":
        cooperative_commission_set(cooperative=olive, user=user, rate=Decimal("0.05"))
        olive.refresh_from_db()
        assert olive.commission_rate == Decimal("0.05")
    else:
        with pytest.raises(PermissionDenied):
            cooperative_commission_set(cooperative=olive, user=user, rate=Decimal("0.05"))
        olive.refresh_from_db()
        assert olive.commission_rate is None


@pytest.mark.parametrize("rate", [Decimal("-0.01"), Decimal("1.5"), Decimal("0.12345")])
def test_out_of_range_rates_are_refused(olive, reviewer, rate):
    # when
    with pytest.raises(ValidationError) as policy_error:
        commission_policy_set(user=reviewer, default_rate=rate)
    with pytest.raises(ValidationError) as cooperative_error:
        cooperative_commission_set(cooperative=olive, user=reviewer, rate=rate)
    # then
    assert policy_error.value.error_dict["default_rate"][0].code == CooperativeErrorCode.INVALID
    assert cooperative_error.value.error_dict["rate"][0].code == CooperativeErrorCode.INVALID
    olive.refresh_from_db()
    assert olive.commission_rate is None
    assert CommissionPolicy.current().default_rate == Decimal("0.1000")


def test_resetting_a_cooperative_rate_returns_it_to_the_default(olive, reviewer):
    # given
    cooperative_commission_set(cooperative=olive, user=reviewer, rate=Decimal("0.05"))
    # when
    cooperative_commission_set(cooperative=olive, user=reviewer, rate=None)
    # then
    olive.refresh_from_db()
    assert olive.effective_commission_rate() == Decimal("0.1000")


def test_order_paid_at_checkout_records_its_sales_when_placed(graphql, olive, honey):
    # given
    oil = product_of(olive, price="100.00")
    thyme_honey = product_of(honey, price="50.00")
    # when a shopper buys through Saleor's checkout, paying by card
    order = checkout_order(graphql, [(oil, 2), (thyme_honey, 1)])
    # then
    sales = entries(order)
    assert {pk: entry.net for pk, entry in sales.items()} == {
        olive.pk: Decimal("180.00"), honey.pk: Decimal("45.00"),
    }
    # and the paid order delivered later records nothing more
    get_plugins_manager().order_fulfilled(order)
    assert LedgerEntry.objects.filter(order=order).count() == 2


def test_a_sale_can_be_recorded_for_one_cooperative_of_an_order_at_a_time(
    mixed_order, olive, honey
):
    # when
    ledger_record_sale(order=mixed_order, cooperatives=[olive])

    # then
    assert set(entries(mixed_order)) == {olive.pk}

    # when (the other cooperative's cash comes in later)
    ledger_record_sale(order=mixed_order, cooperatives=[honey])

    # then
    assert set(entries(mixed_order)) == {olive.pk, honey.pk}
