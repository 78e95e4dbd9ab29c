"""The shopper's order page, reached by the order's secret token (Saleor's ``orderByToken``)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from marketplace.cooperatives.selectors.orders import (
    fulfilment_status,
    order_by_token,
    order_fulfilment_by_cooperative,
)
from marketplace.payments.cash.selectors import cash_on_delivery_parts, cash_to_collect


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
