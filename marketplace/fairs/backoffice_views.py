"""Back-office pages of fairs: the council's planning and decisions, a cooperative's applications.

Thin: each page reads through a selector and acts through a service; the
services check permissions again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.cooperatives.access import cooperatives_managed_by
from marketplace.core.forms import add_service_errors

from . import access, saleor_collections, selectors, services
from .forms import (
    ApplicationForm,
    CollectionForm,
    DecisionForm,
    FairForm,
    ReasonForm,
    StopForm,
)
from .models import Fair, FairApplication, FairStop


def _staff(request):
    access.ensure_fair_staff(request.user)


# Council: fairs


@login_required
def fair_list(request):
    _staff(request)
    fairs = Fair.objects.order_by("-season_start", "pk")
    return render(request, "fairs/backoffice/fair_list.html", {"fairs": fairs})


@login_required
def fair_create(request):
    _staff(request)
    form = FairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The fair is created as a draft."))
            return redirect("fairs-backoffice:fair", slug=fair.slug)
    return render(request, "fairs/backoffice/fair_form.html", {"form": form, "fair": None})


@login_required
def fair_detail(request, slug):
    _staff(request)
    fair = get_object_or_404(Fair, slug=slug)
    form = FairForm(request.POST or None, instance=Fair.objects.get(pk=fair.pk))
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_update(fair=fair, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The fair is saved."))
            return redirect("fairs-backoffice:fair", slug=fair.slug)
    stops = fair.stops.prefetch_related(selectors.accepted_prefetch()).order_by("starts_at", "pk")
    return render(
        request,
        "fairs/backoffice/fair_detail.html",
        {"fair": fair, "form": form, "stops": stops, "archive_form": ReasonForm()},
    )


def _fair_action(request, slug, perform, success_message):
    _staff(request)
    fair = get_object_or_404(Fair, slug=slug)
    try:
        perform(fair)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success_message)
    return redirect("fairs-backoffice:fair", slug=fair.slug)


@require_POST
@login_required
def fair_publish(request, slug):
    return _fair_action(
        request,
        slug,
        lambda fair: services.fair_publish(fair=fair, actor=request.user),
        _("The fair is published."),
    )


@require_POST
@login_required
def fair_archive(request, slug):
    reason = request.POST.get("reason", "")
    return _fair_action(
        request,
        slug,
        lambda fair: services.fair_archive(fair=fair, actor=request.user, reason=reason),
        _("The fair is archived."),
    )


# Council: stops


@login_required
def stop_create(request, slug):
    _staff(request)
    fair = get_object_or_404(Fair, slug=slug)
    form = StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stop = services.stop_create(fair=fair, actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stop is planned."))
            return redirect("fairs-backoffice:stop", pk=stop.pk)
    return render(request, "fairs/backoffice/stop_form.html", {"form": form, "fair": fair})


def _stop_page(request, stop, *, form=None, cancel_form=None, decision_errors=None):
    accepted_products = saleor_collections.products_of_exhibitors(stop)
    in_collection = (
        saleor_collections.collection_product_ids(stop.collection) if stop.collection_id else []
    )
    return render(
        request,
        "fairs/backoffice/stop_detail.html",
        {
            "fair": stop.fair,
            "stop": stop,
            "form": form or StopForm(instance=FairStop.objects.get(pk=stop.pk)),
            "cancel_form": cancel_form or ReasonForm(),
            "applications": selectors.applications_of_stop(stop),
            "waitlist": selectors.waitlist_in_suggested_order(stop),
            "waitlist_rule": selectors.WAITLIST_RULE,
            "counts": selectors.stop_stand_counts(stop),
            "collection_form": CollectionForm(
                products=accepted_products, initial={"products": in_collection}
            ),
            "decision_errors": decision_errors or {},
            "events": stop.events.select_related("actor").order_by("-created_at", "-pk")[:30],
        },
    )


def _get_stop(pk):
    return get_object_or_404(FairStop.objects.select_related("fair", "collection"), pk=pk)


@login_required
def stop_detail(request, pk):
    _staff(request)
    stop = _get_stop(pk)
    if request.method == "POST":
        form = StopForm(request.POST, instance=FairStop.objects.get(pk=stop.pk))
        if form.is_valid():
            try:
                services.stop_update(stop=stop, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The stop is saved."))
                return redirect("fairs-backoffice:stop", pk=stop.pk)
        return _stop_page(request, _get_stop(pk), form=form)
    return _stop_page(request, stop)


@require_POST
@login_required
def stop_publish(request, pk):
    _staff(request)
    stop = _get_stop(pk)
    try:
        services.stop_publish(stop=stop, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The stop is published with its collection."))
    return redirect("fairs-backoffice:stop", pk=stop.pk)


@require_POST
@login_required
def stop_complete(request, pk):
    _staff(request)
    stop = _get_stop(pk)
    try:
        services.stop_complete(stop=stop, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The stop is marked as held."))
    return redirect("fairs-backoffice:stop", pk=stop.pk)


@require_POST
@login_required
def stop_cancel(request, pk):
    _staff(request)
    stop = _get_stop(pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.stop_cancel(stop=stop, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stop is cancelled; its exhibitors are told."))
            return redirect("fairs-backoffice:stop", pk=stop.pk)
    return _stop_page(request, _get_stop(pk), cancel_form=form)


@require_POST
@login_required
def application_decide(request, pk):
    _staff(request)
    application = get_object_or_404(FairApplication, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.application_decide(
                application=application,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return _stop_page(
                request, _get_stop(application.stop_id), decision_errors={pk: error.messages}
            )
        messages.success(request, _("The decision is recorded and the cooperative told."))
    return redirect("fairs-backoffice:stop", pk=application.stop_id)


@require_POST
@login_required
def collection_update(request, pk):
    _staff(request)
    stop = _get_stop(pk)
    form = CollectionForm(request.POST, products=saleor_collections.products_of_exhibitors(stop))
    if form.is_valid():
        chosen = {product.pk for product in form.cleaned_data["products"]}
        present = (
            set(saleor_collections.collection_product_ids(stop.collection))
            if stop.collection_id
            else set()
        )
        try:
            services.fair_collection_update(
                stop=stop,
                actor=request.user,
                add_product_ids=sorted(chosen - present),
                remove_product_ids=sorted(present - chosen),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The stop's collection is saved."))
    else:
        messages.error(request, _("Choose products of this stop's exhibitors."))
    return redirect("fairs-backoffice:stop", pk=stop.pk)


# Cooperatives


def _managed_cooperative(request, slug):
    cooperative = cooperatives_managed_by(request.user).filter(slug=slug).first()
    if cooperative is None:
        raise PermissionDenied(_("You do not act for this cooperative."))
    return cooperative


@login_required
def cooperative_fairs(request, slug):
    cooperative = _managed_cooperative(request, slug)
    stops = selectors.stops_open_to(cooperative) if cooperative.is_approved else []
    return render(
        request,
        "fairs/backoffice/cooperative_fairs.html",
        {
            "cooperative": cooperative,
            "stops": stops,
            "applications": selectors.applications_of_cooperative(cooperative),
            "waitlist_rule": selectors.WAITLIST_RULE,
            "now": timezone.now(),
        },
    )


@login_required
def cooperative_apply(request, slug, pk):
    cooperative = _managed_cooperative(request, slug)
    stop = get_object_or_404(
        selectors.stops_visible_to(request.user).select_related("fair"), pk=pk
    )
    form = ApplicationForm(
        request.POST or None, products=saleor_collections.product_choices_of(cooperative)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_create(
                stop=stop,
                cooperative=cooperative,
                actor=request.user,
                product_ids=[product.pk for product in form.cleaned_data["products"]],
                needs=form.cleaned_data["needs"],
            )
        except ValidationError as error:
            add_service_errors(form, error, field_aliases={"stop": None, "cooperative": None})
        else:
            messages.success(request, _("Your application is sent to the council."))
            return redirect("fairs-backoffice:cooperative", slug=cooperative.slug)
    return render(
        request,
        "fairs/backoffice/apply.html",
        {"cooperative": cooperative, "stop": stop, "form": form},
    )


@require_POST
@login_required
def cooperative_withdraw(request, slug, pk):
    cooperative = _managed_cooperative(request, slug)
    application = get_object_or_404(FairApplication, pk=pk, cooperative=cooperative)
    try:
        services.application_withdraw(
            application=application, actor=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("fairs-backoffice:cooperative", slug=cooperative.slug)
