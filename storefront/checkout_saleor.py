"""The storefront's one bridge into Saleor: the basket, the checkout and the shopper's orders.

The basket is a Saleor ``Checkout``; its lines, prices, shipping methods,
payments and completion are Saleor's. The web pages reach them only through
this module, so that a move of the engine changes this file and not the pages.
Completion itself goes through the project's ``checkoutComplete`` (the locking
one in ``marketplace.orders``), executed in-process with the shopper's request.
"""

import uuid
from collections import defaultdict

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from graphql_relay import from_global_id, to_global_id
from saleor.account.emails import (
    send_account_confirmation_email,
    send_user_password_reset_email_with_url,
)
from saleor.account.models import Address, User
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.checkout.utils import (
    add_variant_to_checkout,
    change_billing_address_in_checkout,
    change_shipping_address_in_checkout,
    update_checkout_quantity,
)
from saleor.core.exceptions import InsufficientStock, ProductNotPublished
from saleor.core.utils.url import validate_storefront_url
from saleor.order import OrderStatus
from saleor.order.actions import cancel_order
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus
from saleor.payment import gateway as payment_gateway
from saleor.plugins.manager import get_plugins_manager
from saleor.product.models import ProductVariant
from saleor.shipping.models import ShippingMethod
from saleor.warehouse.models import Stock

COUNTRY = "MA"

__all__ = [
    "Address",
    "InsufficientStock",
    "ProductNotPublished",
    "User",
    "account_confirm",
    "available_quantities",
    "checkout_add_variant",
    "checkout_by_token",
    "checkout_create",
    "checkout_global_id",
    "checkout_lines",
    "checkout_merge",
    "checkout_prices",
    "checkout_set_addresses",
    "checkout_set_email",
    "checkout_set_shipping_method",
    "checkout_shipping_methods",
    "checkout_of_user",
    "order_cancel",
    "order_lines_for",
    "orders_of_user",
    "password_reset_check",
    "send_account_confirmation",
    "send_password_reset",
    "variant_for_basket",
]


def checkout_global_id(checkout):
    return to_global_id("Checkout", checkout.token)


def checkout_by_token(token):
    """An anonymous shopper's checkout by its token, or None (never someone's account basket)."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    return Checkout.objects.filter(token=token, user=None).first()


def checkout_of_user(user):
    return Checkout.objects.filter(user=user).order_by("-last_change").first()


def checkout_create(*, user=None):
    checkout = Checkout(user=user if user is not None and user.is_authenticated else None)
    if checkout.user is not None:
        checkout.email = user.email
        checkout.shipping_address = _copy(user.default_shipping_address)
        checkout.billing_address = _copy(user.default_billing_address)
    checkout.save()
    checkout.set_country(COUNTRY, commit=True)
    return checkout


def _copy(address):
    return address.get_copy() if address is not None else None


def variant_for_basket(variant_id):
    """A variant by its number or its GraphQL ID (``ProductVariant:…``), or None."""
    variant_id = str(variant_id or "").strip()
    if not variant_id.isdigit():
        try:
            type_name, variant_id = from_global_id(variant_id)
        except (TypeError, ValueError, UnicodeDecodeError):
            return None
        if type_name != "ProductVariant" or not str(variant_id).isdigit():
            return None
    return ProductVariant.objects.select_related("product").filter(pk=int(variant_id)).first()


def checkout_add_variant(checkout, variant, quantity, *, replace=False):
    """Saleor's add-to-checkout: checks stock for the country, raises its exceptions."""
    add_variant_to_checkout(checkout, variant, quantity, replace=replace)


def checkout_lines(checkout):
    """The basket's lines with what the pages show, in three queries whatever their number."""
    return list(
        CheckoutLine.objects.filter(checkout=checkout)
        .select_related(
            "variant__product__cooperative_link__cooperative", "variant__product__product_type"
        )
        .prefetch_related(
            "variant__product__translations",
            "variant__translations",
            "variant__product__collections",
            Prefetch("variant__product__images"),
        )
        .order_by("pk")
    )


def available_quantities(variant_ids):
    """Free units per variant in the warehouses that ship to Morocco, in one query."""
    rows = (
        Stock.objects.for_country(COUNTRY)
        .filter(product_variant_id__in=list(variant_ids))
        .values("product_variant_id")
        .annotate(
            total=Coalesce(Sum("quantity"), 0),
        )
    )
    totals = {row["product_variant_id"]: row["total"] for row in rows}
    allocated = (
        Stock.objects.for_country(COUNTRY)
        .filter(product_variant_id__in=list(variant_ids))
        .values("product_variant_id")
        .annotate(taken=Coalesce(Sum("allocations__quantity_allocated"), 0))
    )
    for row in allocated:
        totals[row["product_variant_id"]] = totals.get(row["product_variant_id"], 0) - row["taken"]
    return totals


def checkout_prices(checkout, lines, discounts):
    """Line totals, subtotal, shipping and total as Saleor's plugins compute them."""
    manager = get_plugins_manager()
    discounts = list(discounts or [])
    line_totals = {
        line.pk: manager.calculate_checkout_line_total(line, discounts).gross for line in lines
    }
    subtotal = manager.calculate_checkout_subtotal(checkout, lines, discounts).gross
    shipping = (
        manager.calculate_checkout_shipping(checkout, lines, discounts).gross
        if checkout.shipping_method_id
        else None
    )
    total = manager.calculate_checkout_total(checkout, lines, discounts).gross
    return {"line_totals": line_totals, "subtotal": subtotal, "shipping": shipping, "total": total}


def checkout_shipping_methods(checkout, subtotal):
    """The shipping methods that serve Morocco for this basket's value and weight."""
    methods = ShippingMethod.objects.applicable_shipping_methods_for_instance(
        checkout, price=subtotal, country_code=COUNTRY
    )
    return list(methods.order_by("price_amount", "pk")) if methods is not None else []


@transaction.atomic
def checkout_set_email(checkout, email):
    checkout.email = email
    checkout.save(update_fields=["email", "last_change"])


@transaction.atomic
def checkout_set_addresses(checkout, fields):
    """Deliver to (and bill) a new address made of ``fields``; keep the user's book apart."""
    shipping = Address.objects.create(country=COUNTRY, **fields)
    billing = shipping.get_copy()
    change_shipping_address_in_checkout(checkout, shipping)
    change_billing_address_in_checkout(checkout, billing)
    if checkout.shipping_method_id:
        checkout.shipping_method = None
        checkout.save(update_fields=["shipping_method", "last_change"])
    return shipping


def checkout_set_shipping_method(checkout, method):
    checkout.shipping_method = method
    checkout.save(update_fields=["shipping_method", "last_change"])


@transaction.atomic
def checkout_merge(*, anonymous, user):
    """Move an anonymous basket into ``user``'s: its lines join theirs, then it goes.

    Quantities add up to what stock allows; what cannot fit is dropped rather
    than failing the log-in. Returns the account's basket.
    """
    anonymous = Checkout.objects.select_for_update().filter(pk=anonymous.pk, user=None).first()
    if anonymous is None:
        return checkout_of_user(user)
    own = checkout_of_user(user)
    if own is None:
        anonymous.user = user
        anonymous.email = user.email
        anonymous.save(update_fields=["user", "email", "last_change"])
        return anonymous
    for line in anonymous.lines.select_related("variant__product").order_by("pk"):
        try:
            add_variant_to_checkout(own, line.variant, line.quantity)
        except (InsufficientStock, ProductNotPublished):
            continue
    anonymous.delete()
    update_checkout_quantity(own)
    return own


def storefront_url_allowed(url):
    try:
        validate_storefront_url(url)
    except Exception:  # noqa: BLE001 — Saleor raises ValidationError; any refusal means no
        return False
    return True


def orders_of_user(user):
    """The shopper's orders, newest first (drafts are staff's work in progress)."""
    return (
        Order.objects.filter(user=user)
        .exclude(status=OrderStatus.DRAFT)
        .order_by("-created", "-pk")
    )


def order_lines_for(orders):
    """Lines of ``orders`` with their cooperative, in one query, grouped by order pk."""
    lines = (
        OrderLine.objects.filter(order__in=orders)
        .select_related("cooperative_link__cooperative")
        .order_by("pk")
    )
    grouped = defaultdict(list)
    for line in lines:
        grouped[line.order_id].append(line)
    return grouped


def order_for_update(order_pk):
    return Order.objects.select_for_update().filter(pk=order_pk).first()


def order_cancel(*, order, user):
    """Saleor's ``orderCancel`` semantics, then give the card money back.

    Stock is released and the plugins hear ``order_cancelled`` (the ledger
    reverses); an authorised card is voided and a captured one refunded through
    its gateway, as staff would do after cancelling.
    """
    cancel_order(order=order, user=user)
    for payment in order.payments.filter(is_active=True).order_by("pk"):
        if payment.charge_status == ChargeStatus.NOT_CHARGED and payment.can_void():
            payment_gateway.void(payment)
        elif payment.can_refund():
            payment_gateway.refund(payment)


def order_can_cancel(order):
    return order.can_cancel() and order.status != OrderStatus.CANCELED


def send_account_confirmation(user, redirect_url):
    send_account_confirmation_email(user, redirect_url)


def send_password_reset(user, redirect_url):
    send_user_password_reset_email_with_url(redirect_url, user)


def account_confirm(email, token):
    """Activate the account whose confirmation link this is; the user, or None."""
    user = User.objects.filter(email__iexact=email or "").first()
    if user is None or not default_token_generator.check_token(user, token or ""):
        return None
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def password_reset_check(email, token):
    user = User.objects.filter(email__iexact=email or "").first()
    if user is None or not default_token_generator.check_token(user, token or ""):
        return None
    return user


def order_of_checkout_token(token):
    """The order a checkout (by its token) became, if it did."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    return Order.objects.filter(checkout_token=str(token)).order_by("pk").first()


def order_for_update_by_token(token, *, user):
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    return Order.objects.select_for_update().filter(token=str(token), user=user).first()


def user_addresses(user):
    return list(user.addresses.order_by("pk"))


@transaction.atomic
def user_address_add(user, fields):
    address = Address.objects.create(country=COUNTRY, **fields)
    user.addresses.add(address)
    return address


@transaction.atomic
def user_address_delete(user, address_pk):
    """Forget one of ``user``'s addresses; False when it is not theirs."""
    address = user.addresses.filter(pk=address_pk).first()
    if address is None:
        return False
    for field in ("default_shipping_address", "default_billing_address"):
        if getattr(user, f"{field}_id") == address.pk:
            setattr(user, field, None)
            user.save(update_fields=[field])
    address.delete()
    return True
