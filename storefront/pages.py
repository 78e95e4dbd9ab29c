"""The council's static pages (about, terms of sale…), kept in Saleor's Page model.

The council edits their text and translations through Saleor (``pageUpdate``,
``pageTranslate``); the footer links them by slug.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_noop

from .saleor_pages import published_page

FOOTER_PAGES = [
    ("about", gettext_noop("About us")),
    ("terms-of-sale", gettext_noop("Terms of sale")),
    ("returns", gettext_noop("Returns and refunds")),
    ("privacy", gettext_noop("Privacy")),
    ("contact", gettext_noop("Contact")),
]


def page_detail(request, slug):
    page = published_page(slug)
    if page is None:
        raise Http404
    return render(request, "storefront/pages/detail.html", {"page": page})
