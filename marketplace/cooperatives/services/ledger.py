"""The commission ledger and payout batches: what the marketplace owes each cooperative.

Ledger policy — how one order's money is shared (amounts in MAD, to the cent)

- Goods. A cooperative's goods are its lines at the unit price Saleor
  charged × quantity. Catalogue sales ("sales" in Saleor) already lowered
  that unit price: the cooperative whose product is on sale bears it.
- Vouchers. An entire-order voucher is shared between the cooperatives of
  the order pro rata to their goods. A specific-product voucher is shared
  between the lines it applies to (the products, categories or collections
  it names), so it falls on the cooperative(s) whose products it discounts.
  A shipping voucher lowers the shipping fee only, never a cooperative's
  share. Whatever cents a split leaves are given one by one to the largest
  remainders, ties to the lowest cooperative id: the same order always
  splits the same way, and the shares add up exactly to the discount.
- Commission. Each cooperative's base is its goods minus its voucher share
  — the money its goods really brought in. Commission is the base × the
  cooperative's rate (its own, else the marketplace default) rounded half
  up to the cent; net (what the marketplace owes it) is base − commission.
- Gift cards are a means of payment, not a discount: they are issued by the
  marketplace (Saleor 2.10 sells none through the checkout; staff create
  them), so the money behind them is the marketplace's. A cooperative's base
  is the same whether the shopper paid by card, in cash or by gift card,
  and the marketplace funds the gift-card part out of its own pocket.
- Shipping. The fee (after a shipping voucher) is kept by the marketplace:
  shipping methods and zones are the marketplace's, it contracts and pays
  the carrier, and one fee covers parcels from several cooperatives. No
  commission is charged on it.
- Refunds. Saleor refunds an amount of a payment (``orderRefund(id,
  amount)``), not lines, so each refund is split pro rata to what each party
  still holds of the order — every cooperative's base and the marketplace's
  shipping — and recorded once per refund transaction, as an entry per
  cooperative that takes back its base share, commission in proportion and
  net. Refunding everything takes back exactly the sale. A cancellation
  takes back whatever the refunds left.
- Rounding. Saleor keeps each line's unit price rounded to the cent while
  it made the order total from line totals, so "unit price × quantity" may
  miss the total by a few cents: those are shared pro rata to goods like a
  voucher (with a gift card in the order, the marketplace keeps them).
- Invariant: for every order, the cooperatives' net + commission + the
  marketplace's shipping − the gift-card part == captured − refunded.
- Cash on delivery: the shopper owes, for each cooperative's part, the
  order total split pro rata to the cooperatives' bases
  (``selectors.orders.cooperative_amount_due``).

A sale is recorded once per (order, cooperative) when the order is paid —
or, for cash on delivery, when that cooperative's cash is recorded. Staff
close a payout batch of every unbatched entry, export it for the bank and
mark it paid. Nothing here depends on a payment provider.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..errors import CooperativeErrorCode
from ..ledger_policy import MARKETPLACE, ZERO, refund_shares_of
from ..models import (
    CommissionPolicy,
    Cooperative,
    LedgerEntry,
    LedgerEntryKind,
    PayoutBatch,
    PayoutBatchStatus,
)
from ..notifications import send_cooperative_email
from ..saleor_orders import refund_transactions
from ..selectors.orders import (
    order_sales,
    order_shares,
    payout_batch_lines,
    recorded_order_shares,
)
from .orders import order_lines_split


def ledger_record_sale(*, order, cooperatives=None):
    """Record each cooperative's share of ``order``; return the entries created now.

    With ``cooperatives``, only theirs: cash on delivery is collected, and
    so recorded, cooperative by cooperative. Amounts follow the policy
    above; refunds already made are then taken back from the new sales too.
    Recording the same order again creates nothing.
    """
    order_lines_split(order=order)
    shares = order_shares(order)
    wanted = None if cooperatives is None else {cooperative.pk for cooperative in cooperatives}
    currency = order.currency or settings.DEFAULT_CURRENCY
    created_entries = []
    with transaction.atomic():
        for pk, share in shares.cooperatives.items():
            if wanted is not None and pk not in wanted:
                continue
            entry, created = LedgerEntry.objects.get_or_create(
                order=order,
                cooperative_id=pk,
                kind=LedgerEntryKind.SALE,
                reference="",
                defaults={
                    "currency": currency,
                    "gross": share.base,
                    "commission_rate": share.rate,
                    "commission": share.commission,
                    "net": share.net,
                },
            )
            if created:
                created_entries.append(entry)
        if created_entries:
            created_entries += ledger_record_refunds(order=order)
    return created_entries


def _refund_reference(transaction_pk):
    return f"refund:{transaction_pk}"


def ledger_record_refunds(*, order):
    """Take back each cooperative's share of every refund of ``order``; return entries created.

    One entry per (refund transaction, cooperative with a recorded sale), so
    a replayed hook records nothing new and a sale recorded after a refund
    catches up. The split is computed from the sales as recorded.
    """
    refunds = refund_transactions(order)
    if not refunds:
        return []
    created_entries = []
    with transaction.atomic():
        sales = order_sales(order)
        if not sales:
            return []
        reversed_ids = set(
            LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.REVERSAL).values_list(
                "cooperative_id", flat=True
            )
        )
        shares = recorded_order_shares(order, sales)
        history = refund_shares_of(shares, [amount for _pk, amount in refunds])
        for (transaction_pk, _amount), split in zip(refunds, history, strict=True):
            for pk, part in split.items():
                if pk == MARKETPLACE or pk not in sales or pk in reversed_ids:
                    continue
                if not (part.base or part.commission):
                    continue
                sale = sales[pk]
                entry, created = LedgerEntry.objects.get_or_create(
                    order=order,
                    cooperative_id=pk,
                    kind=LedgerEntryKind.REFUND,
                    reference=_refund_reference(transaction_pk),
                    defaults={
                        "currency": sale.currency,
                        "gross": -part.base,
                        "commission_rate": sale.commission_rate,
                        "commission": -part.commission,
                        "net": -part.net,
                    },
                )
                if created:
                    created_entries.append(entry)
    return created_entries


def ledger_record_reversal(*, order, cooperatives=None):
    """Take back what is left of each recorded sale of ``order``; return the entries created.

    What is left is the sale minus the refunds already taken back, so the
    cooperative's entries for the order then add up to zero. With
    ``cooperatives``, only theirs. An order never recorded as sold reverses nothing.
    """
    wanted = None if cooperatives is None else {cooperative.pk for cooperative in cooperatives}
    created_entries = []
    with transaction.atomic():
        ledger_record_refunds(order=order)
        for pk, sale in order_sales(order).items():
            if wanted is not None and pk not in wanted:
                continue
            left = LedgerEntry.objects.filter(order=order, cooperative_id=pk).aggregate(
                gross=Sum("gross"), commission=Sum("commission"), net=Sum("net")
            )
            entry, created = LedgerEntry.objects.get_or_create(
                order=order,
                cooperative_id=pk,
                kind=LedgerEntryKind.REVERSAL,
                reference="",
                defaults={
                    "currency": sale.currency,
                    "gross": -(left["gross"] or ZERO),
                    "commission_rate": sale.commission_rate,
                    "commission": -(left["commission"] or ZERO),
                    "net": -(left["net"] or ZERO),
                },
            )
            if created:
                created_entries.append(entry)
    return created_entries


def _rate_error(field):
    return ValidationError(
        {
            field: ValidationError(
                _("Enter a rate from 0 to 1 with at most four decimals (0.1 means 10 percent)."),
                code=CooperativeErrorCode.INVALID.value,
            )
        }
    )


def commission_policy_set(*, user, default_rate):
    """Set the marketplace's default commission rate (a fraction: 0.1 is 10%)."""
    access.ensure_reviewer(user)
    with transaction.atomic():
        CommissionPolicy.current()
        policy = CommissionPolicy.objects.select_for_update().get(pk=1)
        policy.default_rate = default_rate
        try:
            policy.full_clean()
        except ValidationError:
            raise _rate_error("default_rate")
        policy.save()
    return policy


def cooperative_commission_set(*, cooperative, user, rate):
    """Give ``cooperative`` its own commission rate; ``None`` returns it to the default."""
    access.ensure_reviewer(user)
    field = Cooperative._meta.get_field("commission_rate")
    if rate is not None:
        try:
            rate = field.clean(rate, cooperative)
        except ValidationError:
            raise _rate_error("rate")
    with transaction.atomic():
        locked = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        locked.commission_rate = rate
        locked.save(update_fields=["commission_rate", "updated_at"])
    cooperative.refresh_from_db()
    return cooperative


def _next_reference():
    prefix = f"PAY-{timezone.localdate():%Y-%m-%d}-"
    taken = PayoutBatch.objects.filter(reference__startswith=prefix).count()
    return f"{prefix}{taken + 1:03d}"


def payout_batch_close(*, user):
    """Put every unbatched entry of each cooperative owed money into a new batch.

    A cooperative whose unbatched balance is zero or less (its reversals
    outweigh its sales) stays out and carries its entries to a later batch.
    Closes are serialised on the commission policy row, and the entries are
    locked, so two staff closing at once never put one entry in two batches:
    the second close sees nothing left to pay.
    """
    access.ensure_reviewer(user)
    with transaction.atomic():
        CommissionPolicy.current()
        CommissionPolicy.objects.select_for_update().get(pk=1)
        entries = list(LedgerEntry.objects.select_for_update().filter(payout_batch__isnull=True))
        balances = {}
        for entry in entries:
            balances[entry.cooperative_id] = balances.get(entry.cooperative_id, 0) + entry.net
        payable = {pk for pk, balance in balances.items() if balance > 0}
        if not payable:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: ValidationError(
                        _("No cooperative is owed anything: there is nothing to pay."),
                        code=CooperativeErrorCode.NOTHING_TO_PAY.value,
                    )
                }
            )
        batch = PayoutBatch(reference=_next_reference(), closed_by=user, closed_at=timezone.now())
        # paid_by is null=True without blank=True in the model: empty until paid.
        batch.full_clean(exclude=["paid_by"])
        batch.save()
        LedgerEntry.objects.filter(
            pk__in=[entry.pk for entry in entries if entry.cooperative_id in payable]
        ).update(payout_batch=batch)
    return batch


def payout_batch_mark_paid(*, batch, user):
    """Record that the transfers of ``batch`` went out, and tell each cooperative paid."""
    access.ensure_reviewer(user)
    with transaction.atomic():
        locked = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != PayoutBatchStatus.CLOSED:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _("This payout batch is already paid."),
                        code=CooperativeErrorCode.INVALID_TRANSITION.value,
                    )
                }
            )
        locked.status = PayoutBatchStatus.PAID
        locked.paid_by = user
        locked.paid_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["status", "paid_by", "paid_at"])
        for line in payout_batch_lines(locked):
            send_cooperative_email(
                cooperative=line["cooperative"],
                template="cooperatives/orders/emails/payout_paid",
                context={"batch": locked, "amount": line["amount"]},
            )
    batch.refresh_from_db()
    return batch
