"""``/sitemap.xml`` (each public page in each language, with alternates), ``/robots.txt``."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.saleor_catalogue import (
    categories,
    products_of_active_cooperatives,
    published_products,
)

from .saleor_pages import published_pages

# Pages of other parts of the storefront, listed once their address exists.
PRODUCT_URL_NAMES = ("storefront:product-detail", "storefront:product")
CATEGORY_URL_NAMES = ("storefront:category-detail", "storefront:category")


def _first_url_name(names, example_slug="x"):
    for name in names:
        try:
            reverse(name, kwargs={"slug": example_slug})
        except NoReverseMatch:
            continue
        return name
    return None


def _entries():
    """(URL name, kwargs, last modification) of every page a crawler should find."""
    yield "storefront:home", {}, None
    yield "storefront:cooperative-list", {}, None
    for slug, updated in Cooperative.objects.approved().order_by("slug").values_list(
        "slug", "updated_at"
    ):
        yield "storefront:cooperative-detail", {"slug": slug}, updated
    product_url = _first_url_name(PRODUCT_URL_NAMES)
    if product_url:
        products = products_of_active_cooperatives(published_products()).order_by("slug")
        for slug, updated in products.values_list("slug", "updated_at"):
            yield product_url, {"slug": slug}, updated
    category_url = _first_url_name(CATEGORY_URL_NAMES)
    if category_url:
        for slug in categories().values_list("slug", flat=True):
            yield category_url, {"slug": slug}, None
    for slug, updated in published_pages():
        yield "storefront:page", {"slug": slug}, updated


def _absolute(request, name, kwargs, language):
    with translation.override(language):
        return request.build_absolute_uri(reverse(name, kwargs=kwargs))


@require_GET
def sitemap(request):
    languages = [code for code, _name in settings.LANGUAGES]
    urls = []
    for name, kwargs, updated in _entries():
        alternates = [(code, _absolute(request, name, kwargs, code)) for code in languages]
        for _code, location in alternates:
            urls.append({"location": location, "lastmod": updated, "alternates": alternates})
    xml = render_to_string("storefront/sitemap.xml", {"urls": urls})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /backoffice/",
        *(f"Disallow: /{code}/backoffice/" for code, _name in settings.LANGUAGES),
        "Disallow: /accounts/",
        "Disallow: /orders/",
        "Disallow: /graphql/",
        "Disallow: /language/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
