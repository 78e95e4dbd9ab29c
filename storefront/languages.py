"""Which language a visitor reads.

The switch remembers a choice; a first visit follows the browser.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# Addresses outside the pages' language prefixes: never redirected by language.
UNPREFIXED = ("/graphql/", "/static/", "/media/", "/i18n/", "/jsi18n/", "/webhooks/", "/language/")
UNPREFIXED_FILES = ("/sitemap.xml", "/robots.txt", "/favicon.ico")


def _supported(language):
    return language in dict(settings.LANGUAGES)


def language_choose(request, language):
    """GET from the switch's plain link (works without JavaScript): remember, then go back."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if not _supported(language):
        return HttpResponseRedirect(next_url)
    next_language = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(next_language):
        target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    remember_language(response, language)
    response["Cache-Control"] = "no-store"
    return response


def remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        path="/",
        samesite="Lax",
    )


class PreferredLanguageMiddleware:
    """Send a visitor who lands on a default-language (French) page to their language.

    French pages have no prefix, so Django's LocaleMiddleware always serves
    them in French. A visitor who chose Arabic (the cookie), or whose browser
    asks for it on a first visit (Accept-Language, no session yet), is
    redirected to the same page under ``/ar/``. Crawlers send neither and
    index French.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect(request)
        if redirect is not None:
            return redirect
        return self.get_response(request)

    def _redirect(self, request):
        path = request.path_info
        if request.method not in ("GET", "HEAD") or path in UNPREFIXED_FILES:
            return None
        if path.startswith(UNPREFIXED):
            return None
        if translation.get_language_from_path(path):
            return None
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not chosen and settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # not a first visit: the browser's language decides only once
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE or not _supported(preferred):
            return None
        target = translate_url(request.get_full_path(), preferred)
        if target == request.get_full_path():
            return None
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response["Cache-Control"] = "private, no-cache"
        return response
