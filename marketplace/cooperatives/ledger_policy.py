"""The arithmetic of the ledger policy, in cents, with no database.

The policy itself is written in ``services/ledger.py``; this module only
computes it from plain facts (``OrderFacts``) so that it can be checked over
thousands of made-up orders. Every split of an amount between parties uses
``allocate``: shares in proportion to weights, rounded down to the cent, and
the cents left over go one each to the largest remainders, ties to the
smallest key (cooperative pk) — the same input always gives the same split,
and the shares always add up to the amount.
"""

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The key of lines that belong to no cooperative: the marketplace's own goods.
MARKETPLACE = 0

ENTIRE_ORDER = "entire_order"
SHIPPING = "shipping"
SPECIFIC_PRODUCT = "specific_product"


def money(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def allocate(amount, weights):
    """Split ``amount`` over ``{key: weight}`` to the cent; the shares sum to ``amount``.

    Negative amounts split like positive ones, with the sign kept. With no
    positive weight, keys share equally.
    """
    amount = money(amount)
    keys = sorted(weights)
    if not keys:
        return {}
    sign = -1 if amount < 0 else 1
    cents = int(abs(amount) / CENT)
    weights = {key: max(Decimal(weights[key]), ZERO) for key in keys}
    total = sum(weights.values())
    if total <= 0:
        weights = {key: Decimal(1) for key in keys}
        total = Decimal(len(keys))
    shares, remainders = {}, []
    for key in keys:
        exact = Decimal(cents) * weights[key] / total
        shares[key] = int(exact)
        remainders.append((-(exact - shares[key]), key))
    for _remainder, key in sorted(remainders)[: cents - sum(shares.values())]:
        shares[key] += 1
    return {key: sign * Decimal(shares[key]) * CENT for key in keys}


def allocate_within(amount, weights, caps):
    """``allocate`` where no key gets more than its cap; returns (shares, what found no room).

    What a key cannot take goes to the others, pro rata again.
    """
    shares = {key: ZERO for key in weights}
    left = money(amount)
    while left > 0:
        room = {key: caps[key] - shares[key] for key in weights if caps[key] > shares[key]}
        if not room:
            break
        split = allocate(left, {key: weights[key] for key in room})
        if not any(split[key] > 0 and weights[key] > 0 for key in room):
            split = allocate(left, room)
        left = ZERO
        for key, share in split.items():
            taken = min(share, room[key])
            shares[key] += taken
            left += share - taken
    return shares, left


@dataclass(frozen=True)
class LineFacts:
    cooperative_id: int  # MARKETPLACE for a line of no cooperative
    goods: Decimal  # unit gross × quantity: catalogue sales are already in the unit price
    voucher_applies: bool = False  # the product is one a specific-product voucher names


@dataclass(frozen=True)
class OrderFacts:
    total: Decimal  # what the shopper's payments owe: after voucher and gift cards
    shipping: Decimal  # the shipping fee before any shipping voucher
    discount: Decimal  # the voucher's discount (Saleor's order.discount)
    voucher_type: str | None
    lines: tuple[LineFacts, ...]
    rates: dict[int, Decimal] = field(default_factory=dict)
    has_gift_cards: bool = False


@dataclass(frozen=True)
class CooperativeShare:
    cooperative_id: int
    goods: Decimal
    discount: Decimal
    base: Decimal  # goods − discount: the money the goods really brought in
    rate: Decimal
    commission: Decimal
    net: Decimal  # base − commission: what the marketplace owes the cooperative


@dataclass(frozen=True)
class OrderShares:
    cooperatives: dict[int, CooperativeShare]
    marketplace_goods: Decimal  # base of lines of no cooperative, kept by the marketplace
    shipping: Decimal  # shipping fee kept by the marketplace, after a shipping voucher
    gift_cards: Decimal  # paid by gift card: funded by the marketplace
    total: Decimal

    def kept_by_marketplace(self):
        return self.marketplace_goods + self.shipping

    def weights(self):
        """Who the money of the order went to: each cooperative's base, and the marketplace."""
        weights = {pk: share.base for pk, share in self.cooperatives.items()}
        weights[MARKETPLACE] = self.kept_by_marketplace()
        return weights


def order_shares_of(facts):
    """Each cooperative's goods, discount share, base, commission and net, per the policy."""
    goods = {}
    voucher_goods = {}
    for line in facts.lines:
        goods[line.cooperative_id] = goods.get(line.cooperative_id, ZERO) + money(line.goods)
        if line.voucher_applies:
            voucher_goods[line.cooperative_id] = voucher_goods.get(
                line.cooperative_id, ZERO
            ) + money(line.goods)
    all_goods = sum(goods.values(), ZERO)
    shipping = money(facts.shipping)
    discount = money(facts.discount)

    if facts.voucher_type == SHIPPING:
        shipping_discount = min(discount, shipping)
    else:
        shipping_discount = ZERO
    goods_discount = discount - shipping_discount

    # What the order's lines, shipping and voucher come to, but the payments
    # do not owe: gift cards, or cents of Saleor's unit-price rounding (the
    # order keeps unit prices rounded; the total was made from line totals).
    unpaid = all_goods + shipping - discount - money(facts.total)
    gift_cards = max(unpaid, ZERO) if facts.has_gift_cards else ZERO
    rounding = allocate(unpaid - gift_cards, goods)
    settled = {pk: goods[pk] - rounding[pk] for pk in goods}

    voucher_weights = settled
    if facts.voucher_type == SPECIFIC_PRODUCT and goods_discount <= sum(
        voucher_goods.values(), ZERO
    ):
        voucher_weights = {pk: voucher_goods.get(pk, ZERO) for pk in goods}
    voucher_shares, unplaced = allocate_within(goods_discount, voucher_weights, settled)
    # Cents of a voucher the goods cannot bear (rounding again) are the marketplace's.
    if facts.has_gift_cards:
        gift_cards += unplaced
    else:
        shipping_discount += unplaced

    cooperatives = {}
    marketplace_goods = ZERO
    for pk in sorted(goods):
        share_discount = voucher_shares[pk] + rounding[pk]
        base = goods[pk] - share_discount
        if pk == MARKETPLACE:
            marketplace_goods = base
            continue
        rate = Decimal(facts.rates.get(pk, ZERO))
        commission = money(base * rate)
        cooperatives[pk] = CooperativeShare(
            cooperative_id=pk,
            goods=goods[pk],
            discount=share_discount,
            base=base,
            rate=rate,
            commission=commission,
            net=base - commission,
        )
    return OrderShares(
        cooperatives=cooperatives,
        marketplace_goods=marketplace_goods,
        shipping=shipping - shipping_discount,
        gift_cards=gift_cards,
        total=money(facts.total),
    )


def with_recorded_sales(shares, sales):
    """``shares`` with each recorded sale (``{pk: (base, commission, rate)}``) in place.

    Refunds are split on what was recorded: the order's lines or a rate may
    have changed since.
    """
    cooperatives = dict(shares.cooperatives)
    for pk, (base, commission, rate) in sales.items():
        if pk in cooperatives:
            cooperatives[pk] = replace(
                cooperatives[pk],
                base=base,
                commission=commission,
                net=base - commission,
                rate=rate,
            )
    return replace(shares, cooperatives=cooperatives)


@dataclass(frozen=True)
class RefundShare:
    base: Decimal
    commission: Decimal
    net: Decimal


def refund_shares_of(shares, amounts):
    """For each refund in ``amounts`` (oldest first), what it takes back from whom.

    A refund is split pro rata to what each party still holds of the order
    (cooperatives' bases, the marketplace's shipping and goods); the
    commission goes back in proportion, computed on the running total so
    that refunding everything takes back exactly the sale's commission.
    Returns a list of ``{cooperative pk: RefundShare}`` plus, under
    ``MARKETPLACE``, a RefundShare of what the marketplace gives back.
    """
    held = shares.weights()
    refunded = {key: ZERO for key in held}
    commission_refunded = {key: ZERO for key in held}
    result = []
    for amount in amounts:
        remaining = {key: held[key] - refunded[key] for key in held}
        amount = min(money(amount), sum(remaining.values(), ZERO))
        split = allocate(amount, remaining)
        refund = {}
        for key, base in split.items():
            refunded[key] += base
            if key == MARKETPLACE:
                refund[key] = RefundShare(base=base, commission=ZERO, net=base)
                continue
            sale = shares.cooperatives[key]
            commission_total = (
                money(sale.commission * refunded[key] / sale.base) if sale.base else ZERO
            )
            commission = commission_total - commission_refunded[key]
            commission_refunded[key] = commission_total
            refund[key] = RefundShare(base=base, commission=commission, net=base - commission)
        result.append(refund)
    return result


def amounts_due_of(shares):
    """What the shopper pays for each cooperative's part: the order total, pro rata to bases.

    Shipping and gift cards are spread the same way, so that the parts add up
    to the order total — the sum a courier collects parcel by parcel.
    """
    weights = {pk: share.base for pk, share in shares.cooperatives.items()}
    if shares.marketplace_goods:
        weights[MARKETPLACE] = shares.marketplace_goods
    return allocate(shares.total, weights)


def marketplace_part(shares, refunds, *, cancelled=False):
    """What the marketplace holds of an order in the books: its shipping and own goods
    minus the gift-card part, minus its share of ``refunds``; nothing once cancelled.
    """
    if cancelled:
        return ZERO
    refunded = sum(
        (
            split[MARKETPLACE].base
            for split in refund_shares_of(shares, refunds)
            if MARKETPLACE in split
        ),
        ZERO,
    )
    return shares.kept_by_marketplace() - shares.gift_cards - refunded
