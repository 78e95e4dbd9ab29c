"""The ledger policy over random orders: the books always balance to the cent.

Orders are made up the way Saleor 2.10 settles them (``checkout/utils.py``
``prepare_order_data``): the lines' totals plus shipping, minus the voucher
(capped as Saleor caps it), minus the gift cards' balance, is what the
payments owe; order lines keep the unit price rounded to the cent, so
"unit price × quantity" may miss the line total by a few cents.
"""

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from marketplace.cooperatives.ledger_policy import (
    ENTIRE_ORDER,
    MARKETPLACE,
    SHIPPING,
    SPECIFIC_PRODUCT,
    LineFacts,
    OrderFacts,
    amounts_due_of,
    money,
    order_shares_of,
    refund_shares_of,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(low, high):
    return st.integers(low, high).map(lambda n: Decimal(n) * CENT)


line = st.tuples(
    st.integers(1, 4),  # which cooperative
    cents(1, 300_000),  # the line's total as the checkout computed it
    st.integers(1, 7),  # quantity
    st.booleans(),  # a specific-product voucher names this product
)

voucher = st.one_of(
    st.none(),
    st.tuples(st.sampled_from([ENTIRE_ORDER, SHIPPING, SPECIFIC_PRODUCT]), cents(1, 400_000)),
)


@st.composite
def orders(draw):
    lines = draw(st.lists(line, min_size=1, max_size=8))
    rates = {pk: Decimal(draw(st.integers(0, 3000))) / 10000 for pk in {line[0] for line in lines}}
    shipping = draw(cents(0, 10_000))
    kind_value = draw(voucher)
    gift_card = draw(st.one_of(st.none(), cents(1, 500_000)))

    exact_total = sum((total for _pk, total, _q, _v in lines), ZERO)
    discount, kind = ZERO, None
    if kind_value is not None:
        kind, value = kind_value
        if kind == ENTIRE_ORDER:
            discount = min(value, exact_total)
        elif kind == SHIPPING:
            discount = min(value, shipping)
        else:
            named = sum((total for _pk, total, _q, applies in lines if applies), ZERO)
            discount = min(value, named)
        if not discount:
            kind = None
    before_cards = max(exact_total + shipping - discount, ZERO)
    card_used = min(gift_card or ZERO, before_cards)
    facts = OrderFacts(
        total=before_cards - card_used,
        shipping=shipping,
        discount=discount,
        voucher_type=kind,
        lines=tuple(
            LineFacts(
                cooperative_id=pk,
                goods=money(total / quantity) * quantity,
                voucher_applies=applies,
            )
            for pk, total, quantity, applies in lines
        ),
        rates=rates,
        has_gift_cards=gift_card is not None,
    )
    refunds = []
    left = facts.total
    for fraction in draw(st.lists(st.integers(1, 100), max_size=4)):
        amount = money(left * fraction / 100)
        if amount <= 0:
            break
        refunds.append(amount)
        left -= amount
    return facts, refunds


def settle(facts, refunds):
    shares = order_shares_of(facts)
    history = refund_shares_of(shares, refunds)
    held = {
        pk: [share.base, share.commission, share.net] for pk, share in shares.cooperatives.items()
    }
    marketplace = shares.kept_by_marketplace()
    for split in history:
        for pk, part in split.items():
            if pk == MARKETPLACE:
                marketplace -= part.base
                continue
            held[pk][0] -= part.base
            held[pk][1] -= part.commission
            held[pk][2] -= part.net
    return shares, history, held, marketplace


@settings(max_examples=100, deadline=None)
@given(orders())
def test_books_balance_to_the_cent_after_any_refunds(order):
    # given
    facts, refunds = order
    # when
    shares, history, held, marketplace = settle(facts, refunds)
    # then net + commission + marketplace's part − gift cards == captured − refunded
    books = sum((net + commission for _base, commission, net in held.values()), ZERO)
    assert books + marketplace - shares.gift_cards == facts.total - sum(refunds, ZERO)
    # and each refund is split exactly
    for amount, split in zip(refunds, history, strict=True):
        assert sum((part.base for part in split.values()), ZERO) == amount


@settings(max_examples=100, deadline=None)
@given(orders())
def test_no_cooperative_gives_back_more_than_its_sale(order):
    # given
    facts, refunds = order
    # when
    shares, _history, held, marketplace = settle(facts, refunds)
    # then
    for pk, (base, commission, net) in held.items():
        sale = shares.cooperatives[pk]
        assert sale.commission >= 0
        assert sale.net >= 0
        assert 0 <= base <= sale.base
        assert 0 <= commission <= sale.commission
        assert 0 <= net <= sale.net
    assert marketplace >= 0


@settings(max_examples=100, deadline=None)
@given(orders())
def test_vouchers_fall_where_the_policy_says(order):
    # given
    facts, _refunds = order
    # when
    shares = order_shares_of(facts)
    # then commission is charged on the base, at the cooperative's rate
    for share in shares.cooperatives.values():
        assert share.base == share.goods - share.discount
        assert share.commission == money(share.base * share.rate)
        assert share.net == share.base - share.commission
    # a shipping voucher leaves the cooperatives' goods alone, the others the shipping
    if facts.voucher_type == SHIPPING:
        assert shares.shipping == money(facts.shipping) - facts.discount
    else:
        assert shares.shipping == money(facts.shipping)
    # a specific-product voucher touches only cooperatives selling a named product
    if facts.voucher_type == SPECIFIC_PRODUCT:
        named = {line.cooperative_id for line in facts.lines if line.voucher_applies}
        named_goods = sum((line.goods for line in facts.lines if line.voucher_applies), ZERO)
        total = sum((line.goods for line in facts.lines), ZERO)
        rounding = total + money(facts.shipping) - facts.discount - facts.total
        if named_goods >= facts.discount and not rounding and not facts.has_gift_cards:
            for pk, share in shares.cooperatives.items():
                if pk not in named:
                    assert share.discount == 0


@settings(max_examples=60, deadline=None)
@given(orders(), st.randoms(use_true_random=False))
def test_the_split_does_not_depend_on_the_order_of_lines(order, random):
    # given
    facts, refunds = order
    lines = list(facts.lines)
    random.shuffle(lines)
    shuffled = OrderFacts(**{**facts.__dict__, "lines": tuple(lines)})
    # then
    assert order_shares_of(shuffled) == order_shares_of(facts)
    assert refund_shares_of(order_shares_of(shuffled), refunds) == refund_shares_of(
        order_shares_of(facts), refunds
    )


@settings(max_examples=60, deadline=None)
@given(orders())
def test_cash_due_per_cooperative_adds_up_to_the_order_total(order):
    # given
    facts, _refunds = order
    # when
    due = amounts_due_of(order_shares_of(facts))
    # then
    assert sum(due.values(), ZERO) == facts.total
    assert all(amount >= 0 for amount in due.values())


@settings(max_examples=60, deadline=None)
@given(orders())
def test_refunding_everything_without_gift_card_leaves_every_cooperative_at_zero(order):
    # given
    facts, _refunds = order
    assume(not facts.has_gift_cards)
    # when the whole total is refunded in one go
    _shares, _history, held, marketplace = settle(facts, [facts.total])
    # then
    for base, commission, net in held.values():
        assert (base, commission, net) == (0, 0, 0)
    assert marketplace == 0
