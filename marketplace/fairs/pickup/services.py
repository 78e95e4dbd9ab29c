"""Pickup at a fair stop: every state change, one function per use case.

A checkout may be collected at an upcoming published stop that offers
pickup, until its cut-off, when every cooperative whose products it holds has
an accepted application there. The order placed with it is tied to the stop;
at the stop each cooperative hands over its items (or staff mark the whole
order collected); when the stop is cancelled the shopper chooses home
delivery or a refund.
"""

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.cooperatives import access as cooperative_access
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativeProduct,
    OrderLineCooperative,
)
from marketplace.cooperatives.services.orders import cooperative_part_hand_over
from marketplace.payments.cash.services import cash_on_delivery_record_at_handover

from ..access import is_fair_staff
from ..models import FairApplication, FairStop
from . import PickupOption, saleor_checkout
from .errors import PickupErrorCode
from .models import CheckoutPickup, PickupHandover, PickupOrder, PickupStatus
from .notifications import PICKUP_CHOICE_DAYS, notify_stop_cancelled

logger = logging.getLogger(__name__)


def _error(field, message, code):
    return ValidationError({field: ValidationError(message, code=code.value)})


def can_manage_fairs(user):
    return is_fair_staff(user)


def pickup_cutoff(stop):
    return stop.starts_at - timedelta(hours=stop.pickup_cutoff_hours)


def pickup_stops(now=None):
    """Stops a shopper may still see as pickup points: published, offering pickup, not over."""
    return (
        FairStop.objects.published()
        .upcoming(now)
        .filter(pickup_offered=True)
        .select_related("fair")
        .order_by("starts_at", "pk")
    )


def _items_of(checkout):
    """[(product id, its name in the active language)] of the checkout, once each."""
    items = {}
    for line in saleor_checkout.checkout_lines(checkout):
        product = line.variant.product
        items.setdefault(product.pk, str(product.translated.name))
    return list(items.items())


def _options(checkout, stops, now):
    items = _items_of(checkout)
    owners = dict(
        CooperativeProduct.objects.filter(product_id__in=[pk for pk, _name in items]).values_list(
            "product_id", "cooperative_id"
        )
    )
    exhibiting = set(
        FairApplication.objects.accepted()
        .filter(stop__in=[stop.pk for stop in stops], cooperative_id__in=set(owners.values()))
        .values_list("stop_id", "cooperative_id")
    )
    options = []
    for stop in stops:
        missing = [name for pk, name in items if (stop.pk, owners.get(pk)) not in exhibiting]
        cutoff = pickup_cutoff(stop)
        if now >= cutoff:
            reason = _("Orders to collect at this stop closed on %(date)s.") % {
                "date": timezone.localtime(cutoff).strftime("%d/%m/%Y %H:%M")
            }
        elif missing:
            reason = _("Not sold at this stop: %(items)s.") % {"items": ", ".join(missing)}
        else:
            reason = ""
        options.append(
            PickupOption(
                stop_id=stop.pk,
                title=stop.title,
                venue=stop.venue,
                starts_at=stop.starts_at,
                ends_at=stop.ends_at,
                available=not reason,
                reason=reason,
            )
        )
    return options


def pickup_options_for(checkout, now=None):
    """Every upcoming pickup stop, each saying whether this checkout may be collected there."""
    now = now or timezone.now()
    return _options(checkout, list(pickup_stops(now)), now)


def _option_or_error(checkout, stop_id, now, field="stop_id"):
    stop = pickup_stops(now).filter(pk=stop_id).first()
    if stop is None:
        raise _error(
            field,
            _("No upcoming fair stop offers pickup with this ID."),
            PickupErrorCode.PICKUP_NOT_OFFERED,
        )
    option = _options(checkout, [stop], now)[0]
    if not option.available:
        code = (
            PickupErrorCode.CUTOFF_PASSED
            if now >= pickup_cutoff(stop)
            else PickupErrorCode.ITEMS_NOT_AVAILABLE
        )
        raise _error(field, option.reason, code)
    return stop


def checkout_pickup_choose(*, checkout, stop_id, now=None):
    """Have `checkout` collected at the stop; refused (nothing changed) when it may not be."""
    now = now or timezone.now()
    if not checkout.is_shipping_required():
        raise _error(
            "checkout_id",
            _("Nothing in this checkout needs to be delivered or collected."),
            PickupErrorCode.SHIPPING_NOT_REQUIRED,
        )
    stop = _option_or_error(checkout, stop_id, now)
    with transaction.atomic():
        CheckoutPickup.objects.update_or_create(checkout=checkout, defaults={"stop": stop})
        saleor_checkout.checkout_use_pickup(checkout, stop=stop)
    return stop


def checkout_pickup_leave(*, checkout):
    """The checkout is delivered after all: forget the stop, ship to the shopper's address.

    Choosing a stop put its venue in the shipping address; without this a
    shopper who changes their mind would have the parcels sent to the venue.
    """
    with transaction.atomic():
        deleted, _rows = CheckoutPickup.objects.filter(checkout=checkout).delete()
        if deleted or saleor_checkout.checkout_uses_pickup(checkout):
            saleor_checkout.checkout_restore_home_address(checkout)


def checkout_pickup_check(checkout, now=None):
    """Before an order is made: a checkout using pickup must still be allowed its stop.

    Raises a ValidationError with Saleor's checkout error codes, since
    checkoutComplete reports it.
    """
    if not saleor_checkout.checkout_uses_pickup(checkout):
        return
    chosen = CheckoutPickup.objects.filter(checkout=checkout).first()
    code = saleor_checkout.CheckoutErrorCode.INVALID_SHIPPING_METHOD.value
    if chosen is None:
        raise ValidationError(
            {
                "shipping_method": ValidationError(
                    _("Choose the fair stop where the order will be collected."), code=code
                )
            }
        )
    try:
        _option_or_error(checkout, chosen.stop_id, now or timezone.now(), "shipping_method")
    except ValidationError as refused:
        raise ValidationError(
            {"shipping_method": ValidationError(refused.messages[0], code=code)}
        ) from None


def pickup_order_attach(order):
    """Tie a just-placed order to the stop its checkout chose (inside Saleor's transaction)."""
    if not order.checkout_token or not order.shipping_method_id:
        return None
    chosen = CheckoutPickup.objects.filter(checkout_id=order.checkout_token).first()
    if chosen is None or not saleor_checkout.checkout_uses_pickup(order):
        return None
    pickup_order, _created = PickupOrder.objects.get_or_create(
        order=order, defaults={"stop_id": chosen.stop_id}
    )
    return pickup_order


def _cooperatives_of(order):
    return set(
        OrderLineCooperative.objects.filter(order=order).values_list("cooperative_id", flat=True)
    )


def _transition(pickup_order, status, user):
    if not pickup_order.can_transition_to(status):
        raise _error(
            "status",
            _("This pickup order is %(status)s; it cannot change that way.")
            % {"status": pickup_order.get_status_display()},
            PickupErrorCode.INVALID_TRANSITION,
        )
    pickup_order.status = status
    pickup_order.status_changed_by = user if user and user.is_authenticated else None
    pickup_order.status_changed_at = timezone.now()
    pickup_order.save(update_fields=["status", "status_changed_by", "status_changed_at"])


def _part_handed_over(pickup_order, cooperative, user):
    """A cooperative's hand-over is the fulfilment of its part, paid at its stand in cash on
    delivery: stock, the order's status, the card capture and the ledger follow as for a
    delivered parcel. Refused (all rolled back) when the part cannot be fulfilled."""
    try:
        cooperative_part_hand_over(cooperative=cooperative, user=user, order=pickup_order.order)
        cash_on_delivery_record_at_handover(
            cooperative=cooperative, user=user, order=pickup_order.order
        )
    except ValidationError as refused:
        raise ValidationError(
            {
                "cooperative": ValidationError(
                    refused.messages[0], code=PickupErrorCode.INVALID.value
                )
            }
        ) from None


def pickup_order_collect(*, pickup_order, user, cooperative=None):
    """Record a handover at the stop.

    A cooperative's member hands over that cooperative's items only; staff
    with `manage_fairs` may record one cooperative's or (without one) the
    whole order. The order is collected once every cooperative in it has
    handed over. Each hand-over fulfils that cooperative's part and, in cash
    on delivery, records the cash paid for it; a repeated hand-over records
    nothing more. Locks: the pickup order, then (in the services it calls)
    the Saleor order, its payment, the stock, as every other path on an order.
    """
    if cooperative is None:
        if not can_manage_fairs(user):
            raise PermissionDenied(_("Only fair staff can mark a whole order collected."))
    elif not (can_manage_fairs(user) or cooperative_access.is_member(user, cooperative)):
        raise PermissionDenied(_("You do not act for this cooperative."))
    with transaction.atomic():
        pickup_order = PickupOrder.objects.select_for_update().get(pk=pickup_order.pk)
        involved = _cooperatives_of(pickup_order.order)
        if cooperative is not None and cooperative.pk not in involved:
            raise _error(
                "cooperative",
                _("This order holds nothing of this cooperative."),
                PickupErrorCode.PERMISSION_DENIED,
            )
        handing_over = involved if cooperative is None else {cooperative.pk}
        if handing_over <= set(pickup_order.handovers.values_list("cooperative_id", flat=True)):
            return pickup_order  # a double click or a retry: already recorded
        if pickup_order.status != PickupStatus.AWAITING:
            raise _error(
                "status",
                _("This pickup order is %(status)s; it cannot change that way.")
                % {"status": pickup_order.get_status_display()},
                PickupErrorCode.INVALID_TRANSITION,
            )
        now = timezone.now()
        for cooperative_id in sorted(handing_over):
            _handover, created = PickupHandover.objects.get_or_create(
                pickup_order=pickup_order,
                cooperative_id=cooperative_id,
                defaults={"handed_over_by": user, "handed_over_at": now},
            )
            if created:
                _part_handed_over(pickup_order, Cooperative.objects.get(pk=cooperative_id), user)
        handed_over = set(pickup_order.handovers.values_list("cooperative_id", flat=True))
        if involved <= handed_over:
            _transition(pickup_order, PickupStatus.COLLECTED, user)
    return pickup_order


def pickup_stop_cancelled(sender, stop, **kwargs):
    """Receiver of `fairs.signals.stop_cancelled`: each order awaits its shopper's choice.

    Every order still to be collected there moves to CHOICE_PENDING and its
    shopper is e-mailed (in the order's language) a link to choose home
    delivery or a refund. One failing e-mail never stops the others.
    """
    pending = []
    with transaction.atomic():
        for pickup_order in (
            PickupOrder.objects.select_for_update().filter(
                stop_id=stop.pk, status=PickupStatus.AWAITING
            ).order_by("pk")
        ):
            _transition(pickup_order, PickupStatus.CHOICE_PENDING, None)
            pending.append(pickup_order.pk)
    for pk in pending:
        pickup_order = PickupOrder.objects.select_related("order", "stop__fair").get(pk=pk)
        try:
            notify_stop_cancelled(pickup_order)
        except Exception:  # the others must still be told; this one stays un-notified
            logger.exception("Could not tell the shopper of pickup order %s", pk)
            continue
        PickupOrder.objects.filter(pk=pk).update(shopper_notified_at=timezone.now())
    return pending


def pickup_order_move_to_delivery(*, pickup_order, address_data, user=None):
    """The shopper of a cancelled stop has the order delivered home instead (no extra fee)."""
    errors = saleor_checkout.address_errors(address_data)
    if errors:
        raise ValidationError(
            {
                field: [ValidationError(m, code=PickupErrorCode.INVALID.value) for m in messages]
                for field, messages in errors.items()
            }
        )
    with transaction.atomic():
        pickup_order = PickupOrder.objects.select_for_update().get(pk=pickup_order.pk)
        _transition(pickup_order, PickupStatus.MOVED_TO_DELIVERY, user)
        saleor_checkout.order_move_to_delivery(
            pickup_order.order,
            address_data=address_data,
            method_name=_("Home delivery (fair stop cancelled)"),
        )
        saleor_checkout.order_note(
            pickup_order.order,
            message=_("The fair stop was cancelled; the shopper chose home delivery."),
        )
    return pickup_order


def pickup_order_refund(*, pickup_order, user=None):
    """The shopper of a cancelled stop takes the money back: refunded (or voided) and cancelled."""
    with transaction.atomic():
        pickup_order = PickupOrder.objects.select_for_update().get(pk=pickup_order.pk)
        _transition(pickup_order, PickupStatus.REFUNDED, user)
        try:
            saleor_checkout.order_refund_and_cancel(pickup_order.order, user=user)
        except saleor_checkout.PaymentError as error:
            logger.warning("Refund of pickup order %s failed: %s", pickup_order.pk, error)
            raise _error(
                "choice",
                _("The refund could not be made; nothing was changed. Try again later."),
                PickupErrorCode.REFUND_FAILED,
            ) from None
        saleor_checkout.order_note(
            pickup_order.order,
            message=_("The fair stop was cancelled; the shopper chose a refund."),
        )
    return pickup_order


def pickup_choices_expire(now=None):
    """Refund the orders whose shoppers did not choose within PICKUP_CHOICE_DAYS days.

    Money back is the safe default: cash on delivery took nothing, a card is
    refunded in full. Run daily by Celery beat.
    """
    now = now or timezone.now()
    limit = now - timedelta(days=PICKUP_CHOICE_DAYS)
    refunded = []
    for pickup_order in PickupOrder.objects.filter(
        status=PickupStatus.CHOICE_PENDING, status_changed_at__lt=limit
    ).order_by("pk"):
        try:
            pickup_order_refund(pickup_order=pickup_order)
        except ValidationError:
            continue
        refunded.append(pickup_order.pk)
    return refunded
