"""The checkout pages that take a card: Stripe.js, what card.js needs, and the policy that lets
Stripe in on these pages only."""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

from marketplace.core.csp import csp_allow
from marketplace.payments.stripe import api as stripe_api


def card_offered():
    return stripe_api.is_configured()


def render_card_page(request, template, context):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(settings.STRIPE_JS_URL))
    card = {
        "js_url": settings.STRIPE_JS_URL,
        "key": settings.STRIPE_PUBLISHABLE_KEY,
        "locale": get_language() or "auto",
    }
    response = render(request, template, {**context, "card": card})
    return csp_allow(
        response,
        {
            "script-src": [origin],
            "frame-src": [origin, "https://hooks.stripe.com"],
            # A stand-in serves its API from the script's own origin.
            "connect-src": [origin, "https://api.stripe.com"],
        },
    )
