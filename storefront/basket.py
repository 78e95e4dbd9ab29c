"""The basket: a Saleor checkout, found by a cookie for anonymous shoppers or by the account.

An anonymous shopper's basket token lives in the ``basket`` cookie; a logged-in
shopper's basket is the account's checkout, and the anonymous one joins it at
log-in (``basket_merge_at_login``).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import checkout_saleor

BASKET_COOKIE = "basket"
BASKET_COOKIE_AGE = 60 * 60 * 24 * 30
MAX_QUANTITY = 50


class BasketErrorCode:
    INSUFFICIENT_STOCK = "insufficient_stock"
    NOT_FOR_SALE = "not_for_sale"
    INVALID_QUANTITY = "invalid_quantity"


def current_basket(request):
    """The shopper's basket, or None when they have none yet."""
    if hasattr(request, "_basket"):
        return request._basket
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        basket = checkout_saleor.checkout_of_user(user)
    else:
        basket = checkout_saleor.checkout_by_token(request.COOKIES.get(BASKET_COOKIE))
    request._basket = basket
    return basket


def basket_or_create(request):
    basket = current_basket(request)
    if basket is None:
        basket = checkout_saleor.checkout_create(user=request.user)
        request._basket = basket
    return basket


def remember_basket(request, response):
    """Keep an anonymous shopper's basket token in their cookie (never an account's)."""
    basket = getattr(request, "_basket", None)
    if basket is not None and basket.user_id is None:
        response.set_cookie(
            BASKET_COOKIE,
            str(basket.token),
            max_age=BASKET_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def forget_basket(response):
    response.delete_cookie(BASKET_COOKIE, samesite="Lax")
    return response


def basket_merge_at_login(request, user):
    """After ``login``: fold the anonymous basket of this browser into the account's."""
    anonymous = checkout_saleor.checkout_by_token(request.COOKIES.get(BASKET_COOKIE))
    if anonymous is not None:
        request._basket = checkout_saleor.checkout_merge(anonymous=anonymous, user=user)
    return anonymous is not None


def _stock_error(variant, available):
    name = variant.product.translated.name
    if available <= 0:
        message = _("Sorry, %(product)s is out of stock.") % {"product": name}
    else:
        message = ngettext(
            "Sorry, only %(count)d %(product)s is left in stock.",
            "Sorry, only %(count)d of %(product)s are left in stock.",
            available,
        ) % {"count": available, "product": name}
    return ValidationError(message, code=BasketErrorCode.INSUFFICIENT_STOCK)


def basket_add(*, basket, variant, quantity, replace=False):
    """Put ``quantity`` of ``variant`` in the basket (or set it, with ``replace``).

    Raises a translated ValidationError when stock does not allow it or the
    product is not for sale; the basket is then unchanged.
    """
    if quantity < 0 or quantity > MAX_QUANTITY:
        raise ValidationError(
            _("Choose a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
            code=BasketErrorCode.INVALID_QUANTITY,
        )
    try:
        checkout_saleor.checkout_add_variant(basket, variant, quantity, replace=replace)
    except checkout_saleor.InsufficientStock:
        available = checkout_saleor.available_quantities([variant.pk]).get(variant.pk, 0)
        raise _stock_error(variant, available)
    except checkout_saleor.ProductNotPublished:
        raise ValidationError(
            _("This product is no longer for sale."), code=BasketErrorCode.NOT_FOR_SALE
        )


def basket_summary(basket, discounts):
    """Lines grouped by cooperative, their prices and stock problems, for the pages."""
    if basket is None:
        return {"lines": [], "groups": [], "count": 0, "problems": []}
    lines = checkout_saleor.checkout_lines(basket)
    prices = checkout_saleor.checkout_prices(basket, lines, discounts)
    available = checkout_saleor.available_quantities({line.variant_id for line in lines})
    groups = {}
    problems = []
    for line in lines:
        line.total = prices["line_totals"][line.pk]
        line.available = available.get(line.variant_id, 0)
        line.short_of_stock = line.variant.track_inventory and line.quantity > line.available
        if line.short_of_stock:
            problems.append(_stock_error(line.variant, line.available).messages[0])
        link = getattr(line.variant.product, "cooperative_link", None)
        cooperative = link.cooperative if link else None
        key = cooperative.pk if cooperative else None
        groups.setdefault(key, {"cooperative": cooperative, "lines": []})["lines"].append(line)
    return {
        "basket": basket,
        "lines": lines,
        "groups": list(groups.values()),
        "count": sum(line.quantity for line in lines),
        "parcels": len(groups),
        "problems": problems,
        **prices,
    }


class AddForm(forms.Form):
    variant = forms.CharField(max_length=100)
    quantity = forms.IntegerField(
        min_value=1, max_value=MAX_QUANTITY, initial=1, label=gettext_lazy("Quantity")
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=0, max_value=MAX_QUANTITY, label=gettext_lazy("Quantity")
    )


def _back(request, default="storefront:basket"):
    from .account import safe_next

    return safe_next(request, default)


@never_cache
def basket_detail(request):
    summary = basket_summary(current_basket(request), getattr(request, "discounts", []))
    return render(request, "storefront/basket/detail.html", {"summary": summary})


@require_POST
def basket_add_view(request):
    form = AddForm(request.POST)
    variant = checkout_saleor.variant_for_basket(request.POST.get("variant"))
    if not form.is_valid() or variant is None:
        messages.error(
            request,
            _("Choose a product and a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY},
        )
        return redirect(_back(request))
    basket = basket_or_create(request)
    try:
        basket_add(basket=basket, variant=variant, quantity=form.cleaned_data["quantity"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(product)s is in your basket.") % {"product": variant.product.translated.name},
        )
    return remember_basket(request, redirect("storefront:basket"))


def _own_line(basket, line_id):
    if basket is None:
        return None
    return next(
        (line for line in checkout_saleor.checkout_lines(basket) if str(line.pk) == line_id), None
    )


@require_POST
def basket_line_update(request, line_id):
    basket = current_basket(request)
    line = _own_line(basket, str(line_id))
    form = QuantityForm(request.POST)
    if line is None:
        messages.error(request, _("This line is no longer in your basket."))
    elif not form.is_valid():
        messages.error(
            request, _("Choose a quantity between 1 and %(max)d.") % {"max": MAX_QUANTITY}
        )
    else:
        try:
            basket_add(
                basket=basket,
                variant=line.variant,
                quantity=form.cleaned_data["quantity"],
                replace=True,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect("storefront:basket")


@require_POST
def basket_line_remove(request, line_id):
    basket = current_basket(request)
    line = _own_line(basket, str(line_id))
    if line is None:
        messages.error(request, _("This line is no longer in your basket."))
    else:
        basket_add(basket=basket, variant=line.variant, quantity=0, replace=True)
        messages.success(
            request,
            _("%(product)s was removed from your basket.")
            % {"product": line.variant.product.translated.name},
        )
    return redirect("storefront:basket")


def basket_count(request):
    """Context processor: how many items the header's basket link shows.

    Lazy, so that a page whose template never shows the count pays no query.
    """

    def count():
        basket = current_basket(request)
        return basket.quantity if basket is not None else 0

    return {"basket_count": SimpleLazyObject(count)}
