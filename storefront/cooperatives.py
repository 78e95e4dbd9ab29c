"""Public pages of the cooperatives: the directory, a province index and each profile."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import Sector
from marketplace.cooperatives.selectors.public import (
    cooperative_public_profile,
    public_cooperative_list,
)
from marketplace.core.regions import Province

from .pagecache.pages import cached_blocks

COOPERATIVES_PER_PAGE = 24


class CooperativeFilterForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", _("All provinces"))] + list(Province.choices),
    )
    sector = forms.ChoiceField(
        label=pgettext_lazy("shop", "Sector"),
        required=False,
        choices=[("", pgettext_lazy("shop", "All sectors"))] + list(Sector.choices),
    )

    def valid_data(self):
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value
        }


def _page_number(raw):
    try:
        return max(int(raw or 1), 1)
    except (TypeError, ValueError):
        return 1


def directory_context(request):
    form = CooperativeFilterForm(request.GET)
    data = form.valid_data()
    cooperatives = public_cooperative_list(province=data.get("province"))
    if data.get("sector"):
        cooperatives = cooperatives.filter(sectors__contains=[data["sector"]])
    name_field = "name_ar" if get_language() == "ar" else "name_fr"
    paginator = Paginator(cooperatives.order_by(name_field, "pk"), COOPERATIVES_PER_PAGE)
    number = _page_number(request.GET.get("page"))
    if number > paginator.num_pages:
        raise Http404
    page = paginator.page(number)
    provinces = dict(Province.choices)
    index = (
        public_cooperative_list()
        .exclude(province="")
        .order_by()
        .values("province")
        .annotate(count=Count("pk"))
    )
    query = "&".join(f"{name}={value}" for name, value in data.items())
    return {
        "page": page,
        "filter_form": form,
        "filters": data,
        "page_query": query,
        "errors": [error for errors in form.errors.values() for error in errors],
        "province_index": sorted(
            (
                {
                    "value": row["province"],
                    "label": provinces.get(row["province"], ""),
                    "count": row["count"],
                }
                for row in index
            ),
            key=lambda row: str(row["label"]),
        ),
        "sector_labels": dict(Sector.choices),
    }


def cooperative_list(request):
    blocks = cached_blocks(
        request, "storefront/cooperatives/list.html", lambda: directory_context(request)
    )
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})


def profile_context(request, slug):
    cooperative = cooperative_public_profile(slug, get_language())
    if cooperative is None:
        raise Http404
    labels = dict(Sector.choices)
    return {
        "cooperative": cooperative,
        "sectors": [labels.get(sector, sector) for sector in cooperative.sectors],
        "products": cooperative.published_products,
        "canonical_url": request.build_absolute_uri(cooperative.get_absolute_url()),
    }


def cooperative_detail(request, slug):
    blocks = cached_blocks(
        request, "storefront/cooperatives/detail.html", lambda: profile_context(request, slug)
    )
    return render(request, "storefront/partials/cached_page.html", {"blocks": blocks})
