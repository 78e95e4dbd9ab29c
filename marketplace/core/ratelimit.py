"""Fixed-window rate limits on sensitive POSTs (log-in, sign-up, applications).

Counts live in the Django cache (Redis in production, shared by every
worker); the client is identified by the address Saleor already trusts
(settings.REAL_IP_ENVIRON).
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request):
    return request.META.get(settings.REAL_IP_ENVIRON, request.META.get("REMOTE_ADDR", ""))


def hit(scope, identity, *, limit, window):
    """Count one attempt; return True while within ``limit`` per ``window`` seconds."""
    key = f"ratelimit:{scope}:{identity}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def rate_limited(scope, *, limit, window=600):
    """Refuse a view's POSTs beyond ``limit`` per client address with HTTP 429."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(
                scope, client_address(request), limit=limit, window=window
            ):
                response = render(
                    request,
                    "storefront/too_many_requests.html",
                    {"message": _("Too many attempts. Please wait a few minutes and try again.")},
                    status=429,
                )
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
