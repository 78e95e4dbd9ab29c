"""The shopper's order page, reached by the order's secret token (Saleor's ``orderByToken``)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from marketplace.cooperatives.selectors.orders import (
    fulfilment_status,
    order_by_token,
    order_fulfilment_by_cooperative,
)


@never_cache
def order_detail(request, token):
    order = order_by_token(token)
    if order is None:
        raise Http404
    groups = order_fulfilment_by_cooperative(order)
    context = {
        "order": order,
        "groups": groups,
        "status": fulfilment_status([line for group in groups for line in group["lines"]]),
    }
    response = render(request, "storefront/orders/detail.html", context)
    # The token in the URL is the shopper's only key to this page.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
