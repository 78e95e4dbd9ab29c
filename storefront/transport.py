"""How long a page may be kept, and by whom."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

# Cookies that do not change what an anonymous page shows.
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


class CacheHeadersMiddleware:
    """``Cache-Control`` on every page that does not set its own.

    An anonymous page that shows nothing of its visitor (no session, no form
    token, no cookie set) may be kept a short while by shared caches, keyed
    on language and cookies; anything personal is private to the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") or response.status_code != 200:
            return response
        if request.method not in ("GET", "HEAD"):
            return response
        if self._is_public(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _is_public(request, response):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        return (
            not (user is not None and user.is_authenticated)
            and not (session is not None and not session.is_empty())
            and not request.META.get("CSRF_COOKIE_USED")
            and not response.cookies
            and set(request.COOKIES) <= NEUTRAL_COOKIES
        )
