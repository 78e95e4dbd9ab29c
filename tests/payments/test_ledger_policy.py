"""The ledger policy on real orders bought through Saleor's checkout API:
vouchers, gift cards, shipping and refunds through ``orderRefund``.

The scene: olive sells oil at 100.00 (×2), honey sells thyme honey at 50.00
(×1); shipping is 30.00; both cooperatives pay the default 10 % commission.
"""

from decimal import Decimal

import pytest
from saleor.discount import VoucherType
from saleor.order.actions import cancel_order
from saleor.plugins.manager import get_plugins_manager
from saleor.product.models import Collection

from marketplace.cooperatives.ledger_policy import allocate, order_shares_of
from marketplace.cooperatives.models import LedgerEntry, LedgerEntryKind
from marketplace.cooperatives.selectors.orders import (
    cooperative_amount_due,
    order_books,
    order_facts,
    order_facts_for,
    order_shares,
)
from marketplace.cooperatives.services.ledger import (
    ledger_record_refunds,
    ledger_record_reversal,
    ledger_record_sale,
)

from .ledger_helpers import (
    balance,
    buy,
    captured_minus_refunded,
    make_gift_card,
    make_voucher,
    order_manager,
    refund,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]

D = Decimal


def sale(order, cooperative):
    entry = LedgerEntry.objects.get(
        order=order, cooperative=cooperative, kind=LedgerEntryKind.SALE
    )
    return entry.gross, entry.commission, entry.net


def books(order):
    """Cooperatives' net + commission + marketplace shipping − gift cards, as the ledger has it."""
    return order_books(order)["ledger"]


def test_entire_order_voucher_is_shared_pro_rata_to_goods(graphql, olive, honey, oil, thyme_honey):
    # given a 25.00 voucher off the order
    make_voucher("MOINS25", value="25.00", percent=False)
    # when the shopper uses it at checkout
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["MOINS25"])
    # then the shopper paid 250 + 30 − 25 and each cooperative bears its goods' share
    assert order.total_gross_amount == D("255.00")
    assert sale(order, olive) == (D("180.00"), D("18.00"), D("162.00"))
    assert sale(order, honey) == (D("45.00"), D("4.50"), D("40.50"))
    assert books(order) == captured_minus_refunded(order) == D("255.00")


def test_specific_product_voucher_falls_on_the_cooperative_whose_product_it_is(
    graphql, olive, honey, oil, thyme_honey
):
    # given 20 % off the thyme honey only
    make_voucher("MIEL20", kind=VoucherType.SPECIFIC_PRODUCT, value="20", products=[thyme_honey])
    # when
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["MIEL20"])
    # then
    assert order.discount_amount == D("10.00")
    assert sale(order, olive) == (D("200.00"), D("20.00"), D("180.00"))
    assert sale(order, honey) == (D("40.00"), D("4.00"), D("36.00"))
    assert books(order) == captured_minus_refunded(order) == D("270.00")


def test_shipping_voucher_lowers_the_marketplace_shipping_not_the_cooperatives(
    graphql, olive, honey, oil, thyme_honey
):
    # given free shipping
    make_voucher("LIVRAISON", kind=VoucherType.SHIPPING, value="100")
    # when
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["LIVRAISON"])
    # then
    assert order.total_gross_amount == D("250.00")
    assert sale(order, olive) == (D("200.00"), D("20.00"), D("180.00"))
    assert sale(order, honey) == (D("50.00"), D("5.00"), D("45.00"))
    assert order_shares(order).shipping == D("0.00")
    assert books(order) == captured_minus_refunded(order)


def test_gift_card_is_marketplace_money_and_leaves_the_cooperatives_whole(
    graphql, olive, honey, oil, thyme_honey
):
    # given a 100.00 gift card
    make_gift_card("CADEAU-100", "100.00")
    # when the shopper pays part of the order with it
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["CADEAU-100"])
    # then the card paid 100, the card payment 180, and cooperatives are owed full price
    assert order.total_gross_amount == D("180.00")
    assert captured_minus_refunded(order) == D("180.00")
    assert sale(order, olive) == (D("200.00"), D("20.00"), D("180.00"))
    assert sale(order, honey) == (D("50.00"), D("5.00"), D("45.00"))
    assert order_shares(order).gift_cards == D("100.00")
    assert books(order) == D("180.00")


def test_partial_refund_through_order_refund_takes_back_each_share_pro_rata(
    graphql, user_token, olive, honey, oil, thyme_honey
):
    # given a paid order of 280.00 (olive 200, honey 50, shipping 30)
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    token = user_token(order_manager())
    # when staff refund 51.00 through Saleor's own mutation
    assert refund(graphql, token, order, "51.00") == []
    # then 51 splits 200:50:30 → 36.43 / 9.11 / 5.46, commission in proportion
    refunds = LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.REFUND)
    by_cooperative = {entry.cooperative_id: entry for entry in refunds}
    assert (by_cooperative[olive.pk].gross, by_cooperative[olive.pk].commission) == (
        D("-36.43"),
        D("-3.64"),
    )
    assert (by_cooperative[honey.pk].gross, by_cooperative[honey.pk].commission) == (
        D("-9.11"),
        D("-0.91"),
    )
    order.refresh_from_db()
    assert captured_minus_refunded(order) == D("229.00")
    assert books(order) == D("229.00")


def test_replayed_refund_hook_records_nothing_new(graphql, user_token, oil, thyme_honey):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    refund(graphql, user_token(order_manager()), order, "40.00")
    before = sorted(LedgerEntry.objects.values_list("pk", "net"))
    # when Saleor reports the order updated again, twice
    get_plugins_manager().order_updated(order)
    get_plugins_manager().order_updated(order)
    # then
    assert ledger_record_refunds(order=order) == []
    assert sorted(LedgerEntry.objects.values_list("pk", "net")) == before


def test_two_partial_refunds_of_everything_bring_each_cooperative_back_to_zero(
    graphql, user_token, olive, honey, oil, thyme_honey
):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=[])
    token = user_token(order_manager())
    # when all of it is refunded in two goes
    assert refund(graphql, token, order, "99.99") == []
    assert refund(graphql, token, order, "180.01") == []
    # then each refund was recorded once per cooperative, and nothing is owed any more
    assert LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.REFUND).count() == 4
    zero = {"gross": D("0"), "commission": D("0"), "net": D("0")}
    assert balance(order, olive) == zero
    assert balance(order, honey) == zero


def test_refund_beyond_what_was_paid_is_refused_and_records_nothing(
    graphql, user_token, oil, thyme_honey
):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    before = sorted(LedgerEntry.objects.values_list("pk", "net"))
    # when
    errors = refund(graphql, user_token(order_manager()), order, "280.01")
    # then
    assert errors
    assert sorted(LedgerEntry.objects.values_list("pk", "net")) == before


def test_cancellation_after_a_partial_refund_takes_back_what_is_left(
    graphql, user_token, olive, honey, oil, thyme_honey, reviewer
):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    refund(graphql, user_token(order_manager()), order, "51.00")
    # when
    cancel_order(order, reviewer)
    # then
    zero = {"gross": D("0"), "commission": D("0"), "net": D("0")}
    assert balance(order, olive) == zero
    assert balance(order, honey) == zero


def test_customer_cannot_refund_an_order_and_nothing_is_reversed(
    graphql, user_token, customer, oil, thyme_honey
):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    # when
    response = graphql(
        """mutation($id: ID!) { orderRefund(id: $id, amount: "10.00") {
             orderErrors { code } } }""",
        {"id": __import__("graphql_relay").to_global_id("Order", order.pk)},
        token=user_token(customer),
    )
    # then
    assert response["errors"]
    assert not LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.REFUND).exists()


def test_amounts_due_per_cooperative_add_up_to_the_order_total(
    graphql, olive, honey, oil, thyme_honey
):
    # given an order of 255.00 after a 25.00 voucher
    make_voucher("MOINS25", value="25.00", percent=False)
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["MOINS25"])
    # when
    due = [cooperative_amount_due(order, olive), cooperative_amount_due(order, honey)]
    # then 255 split 180:45 (shipping spread the same way)
    assert due == [D("204.00"), D("51.00")]


def test_leftover_cents_go_to_the_largest_remainders_then_the_lowest_id():
    # when 0.10 is split three ways
    shares = allocate(D("0.10"), {7: 1, 3: 1, 5: 1})
    # then
    assert shares == {3: D("0.04"), 5: D("0.03"), 7: D("0.03")}
    assert allocate(D("1.00"), {1: 2, 2: 1}) == {1: D("0.67"), 2: D("0.33")}


def test_a_sale_recorded_after_a_refund_takes_back_the_same_share(
    graphql, user_token, olive, honey, oil, thyme_honey
):
    # given a refund of 51.00 while only olive's sale was in the ledger
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    LedgerEntry.objects.filter(order=order, cooperative=honey).delete()
    refund(graphql, user_token(order_manager()), order, "51.00")
    assert not LedgerEntry.objects.filter(order=order, cooperative=honey).exists()
    # when honey's sale is recorded later (cash collected cooperative by cooperative)
    created = ledger_record_sale(order=order, cooperatives=[honey])
    # then it comes with its share of the earlier refund, as if recorded at once
    assert [(entry.kind, entry.gross) for entry in created] == [
        (LedgerEntryKind.SALE, D("50.00")),
        (LedgerEntryKind.REFUND, D("-9.11")),
    ]
    assert books(order) == captured_minus_refunded(order) == D("229.00")


def test_cancelling_one_cooperative_part_leaves_the_other_sale(
    graphql, olive, honey, oil, thyme_honey
):
    # given
    order = buy(graphql, [(oil, 2), (thyme_honey, 1)])
    # when the honey parcel is refused at the door
    ledger_record_reversal(order=order, cooperatives=[honey])
    # then
    assert balance(order, honey)["net"] == 0
    assert balance(order, olive)["net"] == D("180.00")


def test_a_page_of_orders_reads_the_same_facts_as_each_order_alone(
    graphql, olive, honey, oil, thyme_honey
):
    # given 20 % off the thyme honey, named once as a product and once by its collection,
    # and an order with no voucher, all read in one batch
    make_voucher("MIEL20", kind=VoucherType.SPECIFIC_PRODUCT, value="20", products=[thyme_honey])
    honey_shelf = Collection.objects.create(name="Miels", slug="miels")
    honey_shelf.products.add(thyme_honey)
    make_voucher("RAYON20", kind=VoucherType.SPECIFIC_PRODUCT, value="20").collections.set(
        [honey_shelf]
    )
    by_product = buy(graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["MIEL20"])
    by_collection = buy(
        graphql, [(oil, 2), (thyme_honey, 1)], promo_codes=["RAYON20"], email="b@example.ma"
    )
    plain = buy(graphql, [(oil, 1)], email="c@example.ma")
    orders = [by_product, by_collection, plain]

    # when
    batch = order_facts_for(orders)

    # then
    assert batch == {order.pk: order_facts(order) for order in orders}
    for order in (by_product, by_collection):
        assert order.discount_amount == D("10.00")
        assert {(line.goods, line.voucher_applies) for line in batch[order.pk].lines} == {
            (D("200.00"), False),
            (D("50.00"), True),
        }
        shares = order_shares_of(batch[order.pk]).cooperatives
        assert (shares[olive.pk].discount, shares[honey.pk].discount) == (D("0.00"), D("10.00"))
    assert not any(line.voucher_applies for line in batch[plain.pk].lines)
