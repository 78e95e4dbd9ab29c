"""The one place where pickup at a fair stop reaches into Saleor's checkout, shipping and orders.

How pickup plugs into Saleor 2.10: one shipping method, "pickup at a fair
stop", priced 0, in a shipping zone of its own covering Morocco (2.10's
``checkoutComplete`` only accepts a method of a zone covering the shipping
address's country, and 2.10 has no plugin hook to hide a method per
checkout). Which stop is ours to record (``CheckoutPickup``); choosing it sets
that method and the stop's venue as the shipping address, and our plugin
refuses to complete a checkout that uses the method without a stop it may
use. When the engine moves, this is the file that changes.
"""

import uuid
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from saleor.account.i18n import get_address_form_class
from saleor.account.models import Address
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout
from saleor.checkout.utils import recalculate_checkout_discount
from saleor.discount.utils import fetch_discounts
from saleor.order import OrderStatus
from saleor.order import events as order_events
from saleor.order.actions import cancel_order
from saleor.order.models import Order
from saleor.payment import ChargeStatus, PaymentError, gateway
from saleor.shipping import ShippingMethodType
from saleor.shipping.models import ShippingMethod, ShippingMethodTranslation, ShippingZone

from .models import PickupShippingMethod

__all__ = [
    "ORDER_CANCELED",
    "CheckoutErrorCode",
    "PaymentError",
    "address_errors",
    "checkout_by_token",
    "checkout_lines",
    "checkout_restore_home_address",
    "checkout_uses_pickup",
    "checkout_use_pickup",
    "order_by_token",
    "order_move_to_delivery",
    "order_note",
    "is_pickup_method",
    "order_refund_and_cancel",
    "pickup_method",
]

ORDER_CANCELED = OrderStatus.CANCELED

PICKUP_NAMES = {
    "fr": "Retrait à une escale de foire",
    "ar": "الاستلام في محطة معرض",
    "en": "Pickup at a fair stop",
}


def pickup_method():
    """The pickup shipping method, created (with its zone) on first use."""
    chosen = PickupShippingMethod.objects.select_related("shipping_method").first()
    if chosen is not None:
        return chosen.shipping_method
    zone = ShippingZone.objects.create(
        name=PICKUP_NAMES["fr"], countries=["MA"], default=False
    )
    method = ShippingMethod.objects.create(
        name=PICKUP_NAMES["fr"],
        type=ShippingMethodType.PRICE_BASED,
        price_amount=Decimal("0"),
        minimum_order_price_amount=Decimal("0"),
        shipping_zone=zone,
    )
    for language in ("ar", "en"):
        ShippingMethodTranslation.objects.create(
            shipping_method=method, language_code=language, name=PICKUP_NAMES[language]
        )
    PickupShippingMethod.objects.create(shipping_method=method)
    return method


def checkout_uses_pickup(checkout):
    return (
        checkout.shipping_method_id is not None
        and PickupShippingMethod.objects.filter(
            shipping_method_id=checkout.shipping_method_id
        ).exists()
    )


def is_pickup_method(shipping_method):
    return (
        shipping_method is not None
        and PickupShippingMethod.objects.filter(shipping_method_id=shipping_method.pk).exists()
    )


def checkout_by_token(token):
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Checkout.objects.filter(token=token).first()


def checkout_lines(checkout):
    """The checkout's lines with their product, in order."""
    return list(checkout.lines.select_related("variant__product").order_by("pk"))


def checkout_use_pickup(checkout, *, stop):
    """Collect the checkout at `stop`: the pickup method, the stop's venue as address.

    The shopper's name and phone stay on the address (the cooperatives call
    out that name at the stand).
    """
    known = checkout.shipping_address or checkout.billing_address
    # A new row, never an edit: the old one may also be the billing address.
    checkout.shipping_address = Address.objects.create(
        first_name=getattr(known, "first_name", ""),
        last_name=getattr(known, "last_name", ""),
        phone=getattr(known, "phone", ""),
        company_name=stop.venue[:256],
        street_address_1=stop.venue[:256],
        city=stop.commune.upper()[:256],
        country="MA",
    )
    checkout.shipping_method = pickup_method()
    checkout.save(update_fields=["shipping_address", "shipping_method", "last_change"])
    recalculate_checkout_discount(checkout, list(checkout), fetch_discounts(timezone.now()))


def checkout_restore_home_address(checkout):
    """Deliver to the shopper's own address again (their billing address), not the venue."""
    if checkout.billing_address is None:
        return
    checkout.shipping_address = checkout.billing_address.get_copy()
    checkout.shipping_method = None
    checkout.save(update_fields=["shipping_address", "shipping_method", "last_change"])


def order_by_token(token):
    return Order.objects.filter(token=token).first()


def address_errors(data):
    """Saleor's own check of a Moroccan address: {field: [messages]} (empty when valid)."""
    form = get_address_form_class("MA")({**data, "country": "MA"})
    return {} if form.is_valid() else dict(form.errors)


def order_move_to_delivery(order, *, address_data, method_name):
    """Ship `order` to the shopper's address; the pickup's free shipping stays free."""
    form = get_address_form_class("MA")({**address_data, "country": "MA"})
    if not form.is_valid():
        raise ValueError("check the address with address_errors() first")
    order.shipping_address = form.save()
    order.shipping_method = None
    order.shipping_method_name = method_name
    order.save(update_fields=["shipping_address", "shipping_method", "shipping_method_name"])


def order_refund_and_cancel(order, *, user):
    """Give back whatever was taken for `order`, release any authorisation, cancel it.

    Cash on delivery took nothing: its payment is voided. Cards go through
    the gateway's refund (the ledger hears of it like any refund). Raises
    PaymentError when the gateway refuses; nothing is cancelled then.
    """
    for payment in order.payments.filter(is_active=True).order_by("pk"):
        if payment.charge_status in (ChargeStatus.FULLY_CHARGED, ChargeStatus.PARTIALLY_CHARGED):
            gateway.refund(payment, payment.captured_amount)
        elif payment.can_void():
            gateway.void(payment)
    order.refresh_from_db()
    cancel_order(order, user if user is not None else AnonymousUser())


def order_note(order, *, message, user=None):
    order_events.order_note_added_event(order=order, user=user, message=message)
