"""Rate limits on log-in, sign-up, password resets and applications.

One set of counters serves the web pages and the GraphQL API, so that a
client cannot spread its attempts over both. Each action is counted per
client address and per account (the e-mail it names), in fixed windows kept
in the Django cache (Redis in production, shared by every worker). The
limits are ``settings.RATE_LIMITS``: ``{action: {"ip": (limit, seconds),
"account": (limit, seconds)}}``.

An attempt is counted before it is carried out (concurrent requests and
aliases cannot slip through together); log-ins give their attempt back when
they succeed, so that only failures lock an account.
"""

import hashlib
import ipaddress
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(_("Too many attempts. Please wait a few minutes and try again."))
        self.retry_after = retry_after


def client_address(request):
    """The client's address: REMOTE_ADDR, or the proxies' X-Forwarded-For when trusted.

    With ``RATE_LIMIT_TRUSTED_PROXIES = n`` (the number of proxies in front of
    the application), the client is the n-th address from the right of
    X-Forwarded-For; what a client writes there itself stays on the left.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.RATE_LIMIT_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    return address


def _network(address):
    # One IPv6 subscriber holds a whole /64: count it as one client.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _count(key, window):
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def _give_back(key):
    try:
        cache.decr(key)
    except ValueError:
        pass


class Attempt:
    """One counted attempt at ``action``; raises RateLimited when over a limit."""

    def __init__(self, action, request, *, account=None):
        rules = settings.RATE_LIMITS[action]
        buckets = [("ip", _network(client_address(request)))]
        if account:
            buckets.append(("account", _digest(account.strip().lower())))
        self.keys = []
        refused = []
        for kind, identity in buckets:
            limit, window = rules[kind]
            key = f"ratelimit:{action}:{kind}:{identity}"
            self.keys.append(key)
            if _count(key, window) > limit:
                refused.append(window)
        if refused:
            raise RateLimited(retry_after=max(refused))

    def succeeded(self):
        """Give the attempt back: for actions where only failures should count."""
        for key in self.keys:
            _give_back(key)


def signed_in_account(request):
    user = getattr(request, "user", None)
    return user.email if user is not None and user.is_authenticated else None


def rate_limited(action, *, account=None, succeeded=None, methods=("POST",)):
    """Refuse a view's requests (POSTs unless ``methods`` says) over the limits of ``action``
    with HTTP 429.

    ``account(request)`` names the account the request is about; when
    ``succeeded(request, response)`` says the attempt worked, it does not count.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                return view(request, *args, **kwargs)
            try:
                attempt = Attempt(action, request, account=account(request) if account else None)
            except RateLimited as refusal:
                response = render(
                    request,
                    "storefront/too_many_requests.html",
                    {"message": str(refusal)},
                    status=429,
                )
                response["Retry-After"] = str(refusal.retry_after)
                return response
            response = view(request, *args, **kwargs)
            if succeeded is not None and succeeded(request, response):
                attempt.succeeded()
            return response

        return wrapper

    return decorator
