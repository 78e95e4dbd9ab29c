"""Shopper pages: upcoming stops by province and date, a fair, a stop, a fair's calendar."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.core.regions import Province

from . import selectors
from .calendar import fair_calendar
from .models import Fair, FairStop
from .saleor_collections import collection_products_for_page

STOPS_PER_PAGE = 60


class StopFilterForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province"),
        required=False,
        choices=[("", _("All provinces"))] + list(Province.choices),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to"):
            if cleaned["date_to"] < cleaned["date_from"]:
                self.add_error("date_to", _("The end date comes before the start date."))
        return cleaned


def fair_list(request):
    form = StopFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    if "date_from" not in filters:
        filters["date_from"] = timezone.localdate()
    stops = selectors.public_stops(**filters).prefetch_related(selectors.accepted_prefetch())
    return render(
        request,
        "fairs/public/list.html",
        {
            "form": form if form.is_bound else StopFilterForm(),
            "stops": stops[:STOPS_PER_PAGE],
            "fairs": selectors.public_fairs(),
        },
    )


def fair_detail(request, slug):
    fair = get_object_or_404(Fair.objects.published(), slug=slug)
    stops = selectors.public_stops(fair=fair).prefetch_related(selectors.accepted_prefetch())
    return render(request, "fairs/public/fair.html", {"fair": fair, "stops": stops})


def stop_detail(request, slug, pk):
    stop = get_object_or_404(
        FairStop.objects.published().select_related("fair", "collection"),
        fair__slug=slug,
        pk=pk,
    )
    products = (
        collection_products_for_page(stop.collection, user=request.user)
        if stop.collection_id
        else []
    )
    return render(
        request,
        "fairs/public/stop.html",
        {
            "fair": stop.fair,
            "stop": stop,
            "exhibitors": selectors.exhibitors(stop),
            "products": products,
        },
    )


def fair_calendar_feed(request, slug):
    fair = Fair.objects.published().filter(slug=slug).first()
    if fair is None:
        raise Http404
    body = fair_calendar(
        fair,
        selectors.public_stops(fair=fair),
        language=get_language(),
        base_url=request.build_absolute_uri("/")[:-1],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{fair.slug}.ics"'
    return response
