"""Public pages: the labels, one label and its products, and a certification's verification."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from catalog_extensions.origin.selectors import attach_origin

from .models import today_in_morocco
from .selectors import (
    attach_badges,
    certification_by_code,
    label_by_slug,
    label_index,
    products_with_label,
)

PRODUCTS_PER_PAGE = 24


def _language():
    return (get_language() or "fr")[:2]


def label_list(request):
    return render(request, "labels/public/index.html", {"labels": label_index()})


def label_detail(request, slug):
    label = label_by_slug(slug)
    if label is None:
        raise Http404
    language = _language()
    products = products_with_label(label, user=request.user, language=language)
    page = Paginator(products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    attach_badges(page.object_list, language=language)
    attach_origin(page.object_list, language=language)
    return render(request, "labels/public/detail.html", {"label": label, "page": page})


def verify(request, code):
    certification = certification_by_code(code, language=_language())
    if certification is None:
        raise Http404
    state = certification.public_state(today_in_morocco())
    response = render(
        request,
        "labels/public/verify.html",
        {"certification": certification, "state": state},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
