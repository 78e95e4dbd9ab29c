"""Addresses outside the language prefixes: the language switch, sitemap and robots."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path

from .languages import language_choose
from .sitemaps import robots_txt, sitemap

FAVICON = "storefront/favicon.ico"

urlpatterns = [
    path("language/<str:language>/", language_choose, name="language-choose"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static(FAVICON))),
]
