"""The catalogue: all products, a category, or search results, with filters and facets.

Every list goes through ``catalog_extensions.search.search``; this module turns
the address's query string into a ``SearchRequest`` and the result into a page.
Filter state lives in the URL (a GET form), so a page is shareable, the back
button works and nothing needs JavaScript. A bad filter is ignored (and said
so), never an error page.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language, gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalog_extensions.labels.selectors import attach_badges
from catalog_extensions.search import SearchRequest, search
from marketplace.core.regions import Province

from .pagecache.pages import cached_blocks
from .saleor_shop import category_by_slug, products_in_order
from .templatetags.shop import currency_label

PRODUCTS_PER_PAGE = 24
FACET_VALUES = 12  # a facet of 1,000 cooperatives would weigh 200 KB
MAX_PAGE = 10_000
FILTERS = (
    "q",
    "category",
    "province",
    "cooperative",
    "label",
    "price_min",
    "price_max",
    "in_stock",
)

SORTS = {
    "relevance": pgettext_lazy("sort", "Relevance"),
    "newest": pgettext_lazy("sort", "Newest"),
    "price": pgettext_lazy("sort", "Price: low to high"),
    "-price": pgettext_lazy("sort", "Price: high to low"),
    "name": pgettext_lazy("sort", "Name"),
}


class CatalogueForm(forms.Form):
    q = forms.CharField(label=pgettext_lazy("shop", "Search"), required=False, max_length=200)
    category = forms.SlugField(label=_("Category"), required=False, max_length=255)
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", _("All provinces"))] + list(Province.choices),
    )
    cooperative = forms.SlugField(label=_("Cooperative"), required=False, max_length=120)
    label = forms.SlugField(
        label=pgettext_lazy("quality label", "Label"), required=False, max_length=120
    )
    price_min = forms.DecimalField(
        label=pgettext_lazy("shop", "Price from"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    price_max = forms.DecimalField(
        label=pgettext_lazy("shop", "Price up to"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    in_stock = forms.BooleanField(label=pgettext_lazy("shop", "In stock only"), required=False)
    sort = forms.ChoiceField(
        label=pgettext_lazy("shop", "Sort by"), required=False, choices=list(SORTS.items())
    )

    def valid_data(self):
        """The fields that are valid; an invalid one is dropped (its error is shown)."""
        self.is_valid()
        data = {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors
        }
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            data["price_min"], data["price_max"] = high, low
        return data


def _page_number(raw):
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def _query(data, **changes):
    merged = {**data, **changes}
    pairs = []
    for name in (*FILTERS, "sort", "page"):
        value = merged.get(name)
        if value in (None, "", False) or (name == "page" and value == 1):
            continue
        pairs.append((name, "1" if value is True else str(value)))
    return urlencode(pairs)


def _price_range_label(low, high):
    currency = currency_label(settings.DEFAULT_CURRENCY)
    if not high:
        return pgettext("price range", "%(low)s %(currency)s and more") % {
            "low": low,
            "currency": currency,
        }
    return f"{low}–{high} {currency}"


def _facets(result, data, category_fixed):
    """Each facet's values as links that set (or clear) that filter, with their counts."""
    titles = {
        "category": _("Category"),
        "province": _("Province"),
        "cooperative": _("Cooperative"),
        "label": pgettext_lazy("quality label", "Label"),
        "in_stock": pgettext_lazy("shop", "Availability"),
        "price": _("Price"),
    }
    groups = []
    for name, facets in result.facets.items():
        if not facets or (name == "category" and category_fixed):
            continue
        chosen = str(data.get(name) or "")
        # The most frequent values (the search sorts them by count), and the chosen one.
        shown = facets[:FACET_VALUES] + [
            facet for facet in facets[FACET_VALUES:] if str(facet.value) == chosen
        ]
        values = []
        for facet in shown:
            label = facet.label
            if name == "price":
                low, _sep, high = str(facet.value).partition("-")
                changes = {"price_min": low or None, "price_max": high or None}
                label = _price_range_label(low, high)
                selected = (
                    str(data.get("price_min") or "") == low
                    and str(data.get("price_max") or "") == high
                )
            elif name == "in_stock":
                changes = {"in_stock": facet.value in ("true", "1", True)}
                label = pgettext("shop", "In stock only")
                selected = bool(data.get("in_stock")) == changes["in_stock"]
            else:
                selected = str(data.get(name) or "") == str(facet.value)
                changes = {name: None if selected else facet.value}
            values.append(
                {
                    "label": label,
                    "count": facet.count,
                    "selected": selected,
                    "query": _query(data, page=1, **changes),
                }
            )
        groups.append({"name": name, "title": titles.get(name, name), "values": values})
    return groups


def catalogue_context(request, *, category=None, heading=None):
    form = CatalogueForm(request.GET)
    data = form.valid_data()
    if category is not None:
        data["category"] = category.slug
    text = data.get("q") or ""
    sort = data.get("sort") or ("relevance" if text else "newest")
    number = _page_number(request.GET.get("page"))
    language = get_language()
    result = search(
        SearchRequest(
            text=text,
            language=language,
            category=data.get("category") or None,
            label=data.get("label") or None,
            province=data.get("province") or None,
            cooperative=data.get("cooperative") or None,
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            in_stock=bool(data.get("in_stock")),
            sort=sort,
            page=number,
            per_page=PRODUCTS_PER_PAGE,
        )
    )
    pages = max(1, -(-result.total // PRODUCTS_PER_PAGE))
    if number > pages:
        raise Http404
    products = products_in_order(result.product_ids, language=language)
    attach_badges(products, language=language)
    state = {**data, "sort": data.get("sort") or ""}
    if category is not None:
        state.pop("category", None)
    return {
        "heading": heading,
        "category": category,
        "form": form,
        "errors": [error for errors in form.errors.values() for error in errors],
        "text": text,
        "sort": sort,
        "sorts": [
            (value, label) for value, label in SORTS.items() if text or value != "relevance"
        ],
        "products": products,
        "total": result.total,
        "page_number": number,
        "pages": pages,
        "previous_query": _query(state, page=number - 1) if number > 1 else None,
        "next_query": _query(state, page=number + 1) if number < pages else None,
        "state": state,
        "facets": _facets(result, data, category is not None),
        "canonical_url": request.build_absolute_uri(
            request.path + (f"?{_query(state, page=number)}" if _query(state, page=number) else "")
        ),
        "clear_url": request.path,
    }


def catalogue(request):
    blocks = cached_blocks(
        request,
        "storefront/catalogue/list.html",
        lambda: catalogue_context(request, heading=gettext("All our products")),
    )
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})


def search_results(request):
    blocks = cached_blocks(
        request,
        "storefront/catalogue/list.html",
        lambda: catalogue_context(request, heading=pgettext("shop", "Search results")),
    )
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})


def category_detail(request, slug):
    def build():
        category = category_by_slug(slug, language=get_language())
        if category is None:
            raise Http404
        return catalogue_context(request, category=category, heading=category.translated.name)

    blocks = cached_blocks(request, "storefront/catalogue/list.html", build)
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})
