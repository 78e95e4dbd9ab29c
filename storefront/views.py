from django.core.paginator import Paginator
from django.shortcuts import render

from .account import forward_account_link
from .selectors import product_list_for_shoppers

PRODUCTS_PER_PAGE = 24


def home(request):
    forwarded = forward_account_link(request)
    if forwarded is not None:
        return forwarded
    products = product_list_for_shoppers(user=request.user)
    page = Paginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "storefront/home.html", {"page": page})
