"""The shopper's orders: a page per order (by its secret token), the history, cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.cooperatives.selectors.orders import (
    fulfilment_status,
    order_by_token,
    order_fulfilment_by_cooperative,
)
from marketplace.fairs.pickup import attach_pickup_stops
from marketplace.payments.cash.selectors import cash_on_delivery_parts, cash_to_collect

from . import checkout_saleor


@never_cache
def order_detail(request, token):
    order = order_by_token(token)
    if order is None:
        raise Http404
    groups = order_fulfilment_by_cooperative(order)
    cash = cash_on_delivery_parts(order)
    if cash is not None:
        for group in groups:
            group["cash"] = cash.get(group["cooperative"].pk if group["cooperative"] else None)
    context = {
        "cash_to_collect": cash_to_collect(cash) if cash is not None else None,
        "order": order,
        "groups": groups,
        "status": fulfilment_status([line for group in groups for line in group["lines"]]),
    }
    response = render(request, "storefront/orders/detail.html", context)
    # The token in the URL is the shopper's only key to this page.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def order_lookup(request):
    """Where the order e-mail's link (``?token=…``) lands: the order's own page."""
    token = request.GET.get("token", "")
    if order_by_token(token) is None:
        raise Http404
    return redirect("storefront:order-detail", token=token)


class OrderErrorCode:
    CANNOT_CANCEL = "cannot_cancel"
    NOT_FOUND = "not_found"


def order_history(user):
    """The shopper's orders, each with its cooperatives' parts and their shipping status."""
    orders = list(checkout_saleor.orders_of_user(user).select_related("shipping_address"))
    lines_by_order = checkout_saleor.order_lines_for([order.pk for order in orders])
    attach_pickup_stops(orders)
    for order in orders:
        groups = {}
        lines = lines_by_order.get(order.pk, [])
        for line in lines:
            link = getattr(line, "cooperative_link", None)
            cooperative = link.cooperative if link else None
            key = cooperative.pk if cooperative else None
            groups.setdefault(key, {"cooperative": cooperative, "lines": []})["lines"].append(line)
        order.groups = list(groups.values())
        for group in order.groups:
            group["status"] = fulfilment_status(group["lines"])
        order.may_cancel = order.status == "unfulfilled" and not any(
            line.quantity_fulfilled for line in lines
        )
    return orders


def order_cancel_by_shopper(*, user, token):
    """Cancel the shopper's own order while nothing of it has shipped."""
    with transaction.atomic():
        order = checkout_saleor.order_for_update_by_token(token, user=user)
        if order is None:
            raise ValidationError(_("This order is not yours."), code=OrderErrorCode.NOT_FOUND)
        if not checkout_saleor.order_can_cancel(order):
            raise ValidationError(
                _("This order can no longer be cancelled: part of it has shipped."),
                code=OrderErrorCode.CANNOT_CANCEL,
            )
        checkout_saleor.order_cancel(order=order, user=user)
    return order


@login_required
@never_cache
def account_home(request):
    return render(request, "storefront/account/home.html", {"orders": order_history(request.user)})


@login_required
@require_POST
def order_cancel_view(request, token):
    try:
        order_cancel_by_shopper(user=request.user, token=token)
    except ValidationError as error:
        if error.code == OrderErrorCode.NOT_FOUND:
            raise Http404
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your order is cancelled."))
    return redirect("storefront:account")
