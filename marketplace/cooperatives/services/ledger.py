"""The commission ledger and payout batches: what the marketplace owes each cooperative.

A sale is recorded once per (order, cooperative) when the order is paid —
or, for an order with no captured payment, when every line is delivered —
and a cancellation or full refund adds the opposite entry. Staff close a
payout batch of every unbatched entry, export it for the bank and mark it
paid. Nothing here depends on a payment provider.
"""

from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..errors import CooperativeErrorCode
from ..models import (
    CommissionPolicy,
    Cooperative,
    LedgerEntry,
    LedgerEntryKind,
    OrderLineCooperative,
    PayoutBatch,
    PayoutBatchStatus,
)
from ..notifications import send_cooperative_email
from ..selectors.orders import money, payout_batch_lines, share_total
from .orders import order_lines_split


def _gross_by_cooperative(order, cooperatives=None):
    lines_by_cooperative = OrderedDict()
    links = OrderLineCooperative.objects.filter(order=order)
    if cooperatives is not None:
        links = links.filter(cooperative__in=cooperatives)
    links = links.select_related("line", "cooperative").order_by("cooperative_id", "pk")
    for link in links:
        _cooperative, lines = lines_by_cooperative.setdefault(
            link.cooperative_id, (link.cooperative, [])
        )
        lines.append(link.line)
    return [
        (cooperative, share_total(lines)) for cooperative, lines in lines_by_cooperative.values()
    ]


def ledger_record_sale(*, order, cooperatives=None):
    """Record each cooperative's share of ``order``; return the entries created now.

    With ``cooperatives``, only theirs: cash on delivery is collected, and
    so recorded, cooperative by cooperative.

    Gross is the sum of the cooperative's lines (unit gross × quantity);
    the commission is gross × its effective rate, rounded half-up to the
    cent; net is what the marketplace owes. Recording the same order again
    creates nothing: the (order, cooperative, kind) constraint holds.
    """
    order_lines_split(order=order)
    created_entries = []
    with transaction.atomic():
        for cooperative, gross in _gross_by_cooperative(order, cooperatives):
            gross = money(gross)
            rate = cooperative.effective_commission_rate()
            commission = money(gross * rate)
            entry, created = LedgerEntry.objects.get_or_create(
                order=order,
                cooperative=cooperative,
                kind=LedgerEntryKind.SALE,
                defaults={
                    "currency": order.currency or settings.DEFAULT_CURRENCY,
                    "gross": gross,
                    "commission_rate": rate,
                    "commission": commission,
                    "net": gross - commission,
                },
            )
            if created:
                created_entries.append(entry)
    return created_entries


def ledger_record_reversal(*, order):
    """Cancel each recorded sale of ``order`` with the opposite entry; return those created.

    The rate and amounts are the sale's own, so a later change of rate
    never leaves a remainder. An order never recorded as sold reverses nothing.
    """
    created_entries = []
    with transaction.atomic():
        sales = LedgerEntry.objects.filter(order=order, kind=LedgerEntryKind.SALE)
        for sale in sales.select_related("cooperative"):
            entry, created = LedgerEntry.objects.get_or_create(
                order=order,
                cooperative=sale.cooperative,
                kind=LedgerEntryKind.REVERSAL,
                defaults={
                    "currency": sale.currency,
                    "gross": -sale.gross,
                    "commission_rate": sale.commission_rate,
                    "commission": -sale.commission,
                    "net": -sale.net,
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
