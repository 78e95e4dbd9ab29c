"""Cash received at the door, or a parcel refused there, for one cooperative's part of an order.

Both run with the order row locked, so a double click or a retried request
waits for the first and then finds its outcome: recording twice records once.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives import access
from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.saleor_orders import OrderLine, OrderStatus, lock_order
from marketplace.cooperatives.selectors.orders import cooperative_amount_due, money
from marketplace.cooperatives.services.ledger import ledger_record_sale

from .models import CashOnDeliveryParcel, ParcelOutcome
from .plugin import PLUGIN_ID
from .saleor_payments import (
    cancel_whole_order,
    capture_cash,
    lower_amount_due,
    payment_of,
    return_lines_to_stock,
)


def _error(field, message, code, params=None):
    return ValidationError({field: ValidationError(message, code=code.value, params=params)})


def _open_part(*, cooperative, order, outcome):
    """Lock ``order``; return (order, payment, its parcel if already recorded, its lines).

    Refuses an order not paid in cash on delivery, an order holding none of
    the cooperative's lines, a cancelled order, a part whose other outcome
    is already recorded, and a part not entirely shipped yet.
    """
    locked = lock_order(order.pk)
    payment = payment_of(locked, PLUGIN_ID, lock=True)
    if payment is None:
        raise _error(
            "order",
            _("This order is not paid in cash on delivery."),
            CooperativeErrorCode.NOT_CASH_ON_DELIVERY,
        )
    lines = list(
        OrderLine.objects.filter(order=locked, cooperative_link__cooperative=cooperative)
        .select_related("variant")
        .order_by("pk")
    )
    if not lines:
        raise _error(
            "order",
            _("This order holds none of this cooperative's products."),
            CooperativeErrorCode.PRODUCT_NOT_OWNED,
        )
    parcel = CashOnDeliveryParcel.objects.filter(order=locked, cooperative=cooperative).first()
    if parcel is not None and parcel.outcome != outcome:
        raise _error(
            "order",
            _("This parcel is already recorded as: %(outcome)s."),
            CooperativeErrorCode.INVALID_TRANSITION,
            {"outcome": parcel.get_outcome_display()},
        )
    if parcel is None:
        if locked.status in (OrderStatus.CANCELED, OrderStatus.DRAFT):
            raise _error(
                "order",
                _("This order cannot change in its current state (%(status)s)."),
                CooperativeErrorCode.INVALID_TRANSITION,
                {"status": locked.get_status_display()},
            )
        if any(line.quantity_unfulfilled > 0 for line in lines):
            raise _error(
                "order",
                _("Ship all of this cooperative's items of the order first."),
                CooperativeErrorCode.NOT_SHIPPED,
            )
    return locked, payment, parcel, lines


def cash_on_delivery_record(*, cooperative, user, order, amount=None):
    """Record that the shopper paid ``cooperative``'s parcel of ``order`` in cash; return it.

    The amount is always the cooperative's share of the order's total
    (``cooperative_amount_due``); ``amount``, when given, is what the person
    recording saw, and must match it. Adds a CAPTURE of that amount to the
    order's cash-on-delivery payment and records the cooperative's ledger
    sale. A member acts for its own cooperative only; council staff for any.
    """
    access.ensure_member_or_reviewer(user, cooperative)
    return _record_paid(cooperative=cooperative, user=user, order=order, amount=amount)


def cash_on_delivery_record_at_handover(*, cooperative, user, order):
    """The pickup hand-over's cash: ``cooperative``'s part of ``order``, just fulfilled at the
    fair stop, is paid at its stand; the parcel, or None when the order is not paid in cash.

    Only the hand-over calls this, once it has decided who may record it and
    fulfilled the part; recording twice records once, as for a delivery.
    """
    if payment_of(order, PLUGIN_ID) is None:
        return None
    return _record_paid(cooperative=cooperative, user=user, order=order, amount=None)


def _record_paid(*, cooperative, user, order, amount):
    with transaction.atomic():
        locked, payment, parcel, _lines = _open_part(
            cooperative=cooperative, order=order, outcome=ParcelOutcome.PAID
        )
        if parcel is not None:
            return parcel
        due = cooperative_amount_due(locked, cooperative)
        if amount is not None and money(amount) != due:
            raise _error(
                "amount",
                _("This parcel is to be paid %(due)s %(currency)s, not %(amount)s."),
                CooperativeErrorCode.WRONG_AMOUNT,
                {"due": f"{due:.2f}", "currency": locked.currency, "amount": amount},
            )
        if due > payment.get_charge_amount():
            # Someone captured this payment outside the per-cooperative recording.
            raise _error(
                "order",
                _("The payment of this order already covers this parcel; ask the council."),
                CooperativeErrorCode.INVALID_TRANSITION,
            )
        cash = capture_cash(payment=payment, amount=due, user=user) if due > 0 else None
        if cash is not None and not cash.is_success:
            raise _error(
                "order",
                _("The cash could not be recorded on the payment; try again."),
                CooperativeErrorCode.INVALID,
            )
        parcel = CashOnDeliveryParcel(
            order=locked,
            cooperative=cooperative,
            outcome=ParcelOutcome.PAID,
            amount=due,
            currency=locked.currency,
            transaction=cash,
            recorded_by=user,
        )
        parcel.full_clean()
        parcel.save()
        ledger_record_sale(order=locked, cooperatives=[cooperative])
    return parcel


def cash_on_delivery_refuse(*, cooperative, user, order):
    """Record that the shopper refused ``cooperative``'s parcel of ``order``; return it.

    Its shipments are cancelled and the items go back to the cooperative's
    stock, no longer reserved; the payment expects that much less, and no
    sale is recorded. When every parcel of the order is refused, the order
    is cancelled.
    """
    access.ensure_member_or_reviewer(user, cooperative)
    with transaction.atomic():
        locked, payment, parcel, lines = _open_part(
            cooperative=cooperative, order=order, outcome=ParcelOutcome.REFUSED
        )
        if parcel is not None:
            return parcel
        if cooperative.warehouse_id is None:
            raise _error(
                "warehouse",
                _("This cooperative has no warehouse to ship from."),
                CooperativeErrorCode.NO_WAREHOUSE,
            )
        due = cooperative_amount_due(locked, cooperative)
        return_lines_to_stock(
            user=user, order=locked, lines=lines, warehouse_id=cooperative.warehouse_id
        )
        parcel = CashOnDeliveryParcel(
            order=locked,
            cooperative=cooperative,
            outcome=ParcelOutcome.REFUSED,
            amount=due,
            currency=locked.currency,
            recorded_by=user,
        )
        parcel.full_clean()
        parcel.save()
        lower_amount_due(payment=payment, amount=due)
        cooperatives = set(
            OrderLine.objects.filter(order=locked, cooperative_link__isnull=False).values_list(
                "cooperative_link__cooperative", flat=True
            )
        )
        refused = set(
            CashOnDeliveryParcel.objects.filter(
                order=locked, outcome=ParcelOutcome.REFUSED
            ).values_list("cooperative", flat=True)
        )
        if cooperatives <= refused:
            locked.refresh_from_db()
            cancel_whole_order(order=locked, user=user)
    return parcel


def cooperative_part_refused(*, order, cooperative):
    return CashOnDeliveryParcel.objects.filter(
        order=order, cooperative=cooperative, outcome=ParcelOutcome.REFUSED
    ).exists()
