"""The home page: the shop window, the categories, a few cooperatives, fairs and labels."""

from django.shortcuts import render
from django.utils.translation import get_language

from catalog_extensions.labels.selectors import attach_badges
from marketplace.fairs.selectors import attach_next_stops

from .account import forward_account_link
from .pagecache.pages import cached_blocks
from .saleor_shop import categories_with_products, featured_products
from .selectors import cooperatives_for_home

FEATURED_PRODUCTS = 12
FEATURED_COOPERATIVES = 6


def _unique(items, key):
    seen, unique = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            unique.append(item)
    return unique


def home_context():
    language = get_language()
    products = featured_products(language=language, limit=FEATURED_PRODUCTS)
    attach_badges(products, language=language)
    attach_next_stops(products, language=language)
    stops = _unique(
        (stop for product in products for stop in product.next_stops), key=lambda stop: stop.url
    )
    return {
        "products": products,
        "categories": categories_with_products(language=language),
        "cooperatives": cooperatives_for_home(limit=FEATURED_COOPERATIVES),
        "next_stops": sorted(stops, key=lambda stop: stop.starts_at)[:3],
        "labels": _unique(
            (badge for product in products for badge in product.badges),
            key=lambda badge: badge.label_url,
        )[:6],
    }


def home(request):
    forwarded = forward_account_link(request)
    if forwarded is not None:
        return forwarded
    blocks = cached_blocks(request, "storefront/home.html", home_context, key="home")
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})
