"""The checkout pages: contact and address, delivery, payment, review, then the order.

Each step writes to the shopper's Saleor checkout (the basket) and sends them
to the next step; the review page places the order through the project's
``checkoutComplete`` (locking, idempotent), so a double click or a reload
gives the same one order.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.cooperatives.selectors.orders import (
    order_by_token,
    order_fulfilment_by_cooperative,
)
from marketplace.fairs.pickup import (
    choose_pickup,
    is_pickup_method,
    leave_pickup,
    pickup_options,
    pickup_stop_of,
)

from . import checkout_saleor
from .basket import basket_summary, current_basket, forget_basket
from .checkout_api import CARD_GATEWAY, checkout_pay_and_complete, checkout_pay_by_card
from .checkout_card import card_offered, render_card_page
from .checkout_forms import AddressForm, CheckoutErrorCode, DeliveryForm, PaymentForm, city_label

CASH_ON_DELIVERY = "marketplace.payments.cash_on_delivery"
# Our couriers' promise across Morocco; Saleor 2.10's shipping methods carry no delay.
DELIVERY_DAYS = (2, 5)
SESSION_GATEWAY = "checkout-gateway"


def _basket_or_back(request):
    basket = current_basket(request)
    if basket is None or not basket.quantity:
        messages.info(request, _("Your basket is empty."))
        return None
    return basket


def _gateway_choices(basket):
    if pickup_stop_of(basket) is not None:
        cash = _("Cash at the fair stop: pay each cooperative at its stand when you collect")
    else:
        cash = _("Cash on delivery: pay each parcel to the courier")
    choices = [(CASH_ON_DELIVERY, cash)]
    if card_offered():
        if settings.STRIPE_AUTO_CAPTURE:
            card = _("Card (Visa, Mastercard): pay now, securely")
        else:
            card = _(
                "Card (Visa, Mastercard): authorised now, charged when the first parcel leaves"
            )
        choices.append((CARD_GATEWAY, card))
    return choices


def _card_page(request, basket, step, template, **extra):
    return render_card_page(request, template, _context(request, basket, step, **extra))


def _delivery_choices(basket, summary):
    choices = []
    for method in checkout_saleor.checkout_shipping_methods(basket, summary["subtotal"]):
        if not is_pickup_method(method):
            choices.append((f"shipping:{method.pk}", method))
    for option in pickup_options(basket):
        if option.available:
            choices.append((f"pickup:{option.stop_id}", option))
    return choices


def _step_missing(basket):
    if not basket.email or basket.shipping_address_id is None:
        return "storefront:checkout-address"
    if basket.shipping_method_id is None:
        return "storefront:checkout-delivery"
    return None


def _context(request, basket, step, **extra):
    summary = basket_summary(basket, getattr(request, "discounts", []))
    return {"summary": summary, "step": step, "steps": STEPS, **extra}


STEPS = [
    ("address", "storefront:checkout-address"),
    ("delivery", "storefront:checkout-delivery"),
    ("payment", "storefront:checkout-payment"),
    ("review", "storefront:checkout-review"),
]


@never_cache
def checkout_start(request):
    basket = _basket_or_back(request)
    if basket is None:
        return redirect("storefront:basket")
    return redirect(_step_missing(basket) or "storefront:checkout-payment")


@never_cache
@require_http_methods(["GET", "POST"])
def checkout_address(request):
    basket = _basket_or_back(request)
    if basket is None:
        return redirect("storefront:basket")
    fixed_email = request.user.email if request.user.is_authenticated else None
    initial = {"email": basket.email}
    address = basket.shipping_address
    if basket.shipping_method_id and is_pickup_method(basket.shipping_method):
        address = basket.billing_address  # the shopper's own, not the stop's venue
    if address is not None:
        initial.update(
            {
                name: getattr(address, name)
                for name in (
                    "first_name",
                    "last_name",
                    "street_address_1",
                    "street_address_2",
                    "city",
                    "postal_code",
                )
            }
        )
        initial["phone"] = str(address.phone or "")
    form = AddressForm(request.POST or None, initial=initial, fixed_email=fixed_email)
    if request.method == "POST" and form.is_valid():
        checkout_saleor.checkout_set_email(basket, fixed_email or form.cleaned_data["email"])
        checkout_saleor.checkout_set_addresses(basket, form.address_fields())
        return redirect("storefront:checkout-delivery")
    return render(
        request,
        "storefront/checkout/address.html",
        _context(request, basket, "address", form=form),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def checkout_delivery(request):
    basket = _basket_or_back(request)
    if basket is None:
        return redirect("storefront:basket")
    if basket.shipping_address_id is None:
        return redirect("storefront:checkout-address")
    context = _context(request, basket, "delivery")
    options = _delivery_choices(basket, context["summary"])
    initial = (
        {"delivery": f"shipping:{basket.shipping_method_id}"} if basket.shipping_method_id else {}
    )
    stop = pickup_stop_of(basket)
    if stop is not None:
        initial = {"delivery": f"pickup:{stop.pk}"}
    form = DeliveryForm(
        request.POST or None, initial=initial, choices=[(key, key) for key, _option in options]
    )
    if request.method == "POST" and form.is_valid():
        kind, _sep, number = form.cleaned_data["delivery"].partition(":")
        chosen = dict(options)[form.cleaned_data["delivery"]]
        try:
            if kind == "pickup":
                choose_pickup(basket, int(number))
            else:
                leave_pickup(basket)
                checkout_saleor.checkout_set_shipping_method(basket, chosen)
        except ValidationError as error:
            form.add_error("delivery", error)
        else:
            return redirect("storefront:checkout-payment")
    context.update(
        {
            "form": form,
            "options": options,
            "delivery_days": DELIVERY_DAYS,
            "chosen": form["delivery"].value(),
        }
    )
    if not options:
        context["no_delivery"] = _("No delivery option serves this basket yet; please contact us.")
    return render(request, "storefront/checkout/delivery.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def checkout_payment(request):
    basket = _basket_or_back(request)
    if basket is None:
        return redirect("storefront:basket")
    missing = _step_missing(basket)
    if missing:
        return redirect(missing)
    choices = _gateway_choices(basket)
    form = PaymentForm(
        request.POST or None,
        initial={"gateway": request.session.get(SESSION_GATEWAY, CASH_ON_DELIVERY)},
        choices=choices,
    )
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_GATEWAY] = form.cleaned_data["gateway"]
        return redirect("storefront:checkout-review")
    return render(
        request,
        "storefront/checkout/payment.html",
        _context(
            request, basket, "payment", form=form, card_offered=CARD_GATEWAY in dict(choices)
        ),
    )


@never_cache
def checkout_review(request):
    basket = _basket_or_back(request)
    if basket is None:
        return redirect("storefront:basket")
    missing = _step_missing(basket)
    if missing:
        return redirect(missing)
    gateway = request.session.get(SESSION_GATEWAY)
    choices = dict(_gateway_choices(basket))
    if gateway not in choices:
        return redirect("storefront:checkout-payment")
    extra = {
        "gateway_label": choices[gateway],
        "city": city_label(basket.shipping_address.city),
        "delivery_days": DELIVERY_DAYS,
    }
    if gateway == CARD_GATEWAY:
        return _card_page(request, basket, "review", "storefront/checkout/review.html", **extra)
    return render(
        request, "storefront/checkout/review.html", _context(request, basket, "review", **extra)
    )


@require_POST
def checkout_place(request):
    """Place the order; a second click or a resent form lands on the same order."""
    token = request.POST.get("basket", "")
    placed = checkout_saleor.order_of_checkout_token(token)
    if placed is not None and _may_see(request, placed):
        return forget_basket(redirect("storefront:checkout-confirmation", token=placed.token))
    basket = current_basket(request)
    if basket is None or str(basket.token) != token:
        messages.error(request, _("Your basket changed; please check it and try again."))
        return redirect("storefront:basket")
    summary = basket_summary(basket, getattr(request, "discounts", []))
    if summary["problems"]:
        for problem in summary["problems"]:
            messages.error(request, problem)
        return redirect("storefront:basket")
    gateway = request.session.get(SESSION_GATEWAY)
    if gateway not in dict(_gateway_choices(basket)) or _step_missing(basket):
        return redirect("storefront:checkout")
    if gateway == CARD_GATEWAY:
        return _place_by_card(request, basket, summary)
    try:
        order_token = checkout_pay_and_complete(
            request,
            basket,
            gateway=gateway,
            amount=summary["total"].amount,
            redirect_url=request.build_absolute_uri(reverse("storefront:order-lookup")),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("storefront:checkout-review")
    request.session.pop(SESSION_GATEWAY, None)
    return forget_basket(redirect("storefront:checkout-confirmation", token=order_token))


def _place_by_card(request, basket, summary):
    try:
        outcome = checkout_pay_by_card(
            request,
            basket,
            payment_method=request.POST.get("payment_method", "").strip(),
            amount=summary["total"].amount,
            authenticated=request.POST.get("authenticated") == "1",
            redirect_url=request.build_absolute_uri(reverse("storefront:order-lookup")),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("storefront:checkout-review")
    if outcome.order_token is None:
        response = _card_page(
            request,
            basket,
            "review",
            "storefront/checkout/card_confirm.html",
            confirmation=outcome.confirmation,
            payment_method=request.POST.get("payment_method", "").strip(),
        )
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
        add_never_cache_headers(response)
        return response
    request.session.pop(SESSION_GATEWAY, None)
    return forget_basket(redirect("storefront:checkout-confirmation", token=outcome.order_token))


def _may_see(request, order):
    return order.user_id is None or order.user_id == getattr(request.user, "pk", None)


@never_cache
def checkout_confirmation(request, token):
    order = order_by_token(token)
    if order is None:
        raise Http404
    groups = order_fulfilment_by_cooperative(order)
    parcels = len(groups)
    response = render(
        request,
        "storefront/checkout/confirmation.html",
        {
            "order": order,
            "groups": groups,
            "parcels_message": ngettext(
                "Your order arrives in %(count)d parcel.",
                "Your order arrives in %(count)d parcels.",
                parcels,
            )
            % {"count": parcels},
            "city": city_label(order.shipping_address.city) if order.shipping_address else "",
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


__all__ = [
    "CheckoutErrorCode",
]
