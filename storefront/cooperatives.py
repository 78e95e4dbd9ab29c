"""Public pages of the cooperatives: the list (by province) and each one's profile."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives.models import Sector
from marketplace.cooperatives.selectors.public import (
    cooperative_public_profile,
    public_cooperative_list,
)
from marketplace.core.regions import Province

COOPERATIVES_PER_PAGE = 24


class ProvinceFilterForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", _("All provinces"))] + list(Province.choices),
    )

    def selected_province(self):
        return self.cleaned_data["province"] if self.is_valid() else ""


def cooperative_list(request):
    form = ProvinceFilterForm(request.GET or None)
    province = form.selected_province() if form.is_bound else ""
    cooperatives = public_cooperative_list(province=province or None)
    page = Paginator(cooperatives, COOPERATIVES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "storefront/cooperatives/list.html",
        {
            "page": page,
            "filter_form": form if form.is_bound else ProvinceFilterForm(),
            "province": province,
        },
    )


def cooperative_detail(request, slug):
    cooperative = cooperative_public_profile(slug)
    if cooperative is None:
        raise Http404
    labels = dict(Sector.choices)
    return render(
        request,
        "storefront/cooperatives/detail.html",
        {
            "cooperative": cooperative,
            "sectors": [labels.get(sector, sector) for sector in cooperative.sectors],
            "products": cooperative.published_products,
        },
    )
