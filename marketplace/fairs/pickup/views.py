"""Pickup pages: thin, each a selector or a service, then render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.cooperatives import access as cooperative_access
from marketplace.cooperatives.models import Cooperative

from ..models import FairStop
from .forms import HomeDeliveryForm
from .models import PickupOrder, PickupStatus
from .selectors import pickup_lists, pickup_order_of
from .services import (
    can_manage_fairs,
    pickup_order_collect,
    pickup_order_move_to_delivery,
    pickup_order_refund,
)


def choose(request, token):
    """The shopper of a cancelled stop chooses home delivery or a refund (link e-mailed)."""
    pickup_order = pickup_order_of(token)
    if pickup_order is None:
        raise Http404
    form = HomeDeliveryForm(initial=_known_name(pickup_order.order))
    if request.method == "POST" and pickup_order.status == PickupStatus.CHOICE_PENDING:
        try:
            if request.POST.get("choice") == "refund":
                pickup_order_refund(pickup_order=pickup_order, user=request.user)
                messages.success(request, _("Your order is cancelled and refunded."))
                return redirect("fairs_pickup:choose", token=token)
            form = HomeDeliveryForm(request.POST)
            if form.is_valid():
                pickup_order_move_to_delivery(
                    pickup_order=pickup_order, address_data=form.cleaned_data, user=request.user
                )
                messages.success(request, _("Your order will be delivered to your address."))
                return redirect("fairs_pickup:choose", token=token)
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
                for field, errors in error.error_dict.items():
                    for item in errors:
                        form.add_error(field, item.messages[0])
            else:
                for message in error.messages:
                    messages.error(request, message)
        pickup_order.refresh_from_db()
    return render(
        request,
        "fairs_pickup/choose.html",
        {"pickup_order": pickup_order, "order": pickup_order.order, "form": form},
    )


def _known_name(order):
    address = order.billing_address
    return {
        "first_name": getattr(address, "first_name", ""),
        "last_name": getattr(address, "last_name", ""),
        "phone": str(getattr(address, "phone", "") or ""),
    }


@login_required
def stop_lists(request, stop_pk):
    if not can_manage_fairs(request.user):
        raise PermissionDenied
    stop = get_object_or_404(FairStop.objects.select_related("fair"), pk=stop_pk)
    return render(
        request,
        "fairs_pickup/stop_lists.html",
        {"stop": stop, "lists": pickup_lists(stop), "staff": True},
    )


def _stop_and_cooperative(request, stop_pk, slug):
    stop = get_object_or_404(FairStop.objects.select_related("fair"), pk=stop_pk)
    cooperative = get_object_or_404(Cooperative, slug=slug)
    member = cooperative_access.is_member(request.user, cooperative)
    if not (member or can_manage_fairs(request.user)):
        raise PermissionDenied
    return stop, cooperative


@login_required
def cooperative_list(request, stop_pk, slug):
    stop, cooperative = _stop_and_cooperative(request, stop_pk, slug)
    lists = pickup_lists(stop, cooperative=cooperative)
    return render(
        request,
        "fairs_pickup/cooperative_list.html",
        {
            "stop": stop,
            "cooperative": cooperative,
            "entries": lists[0].entries if lists else [],
            "staff": can_manage_fairs(request.user),
        },
    )


@login_required
def cooperative_list_pdf(request, stop_pk, slug):
    from weasyprint import HTML

    stop, cooperative = _stop_and_cooperative(request, stop_pk, slug)
    lists = pickup_lists(stop, cooperative=cooperative)
    html = render_to_string(
        "fairs_pickup/pickup_list_pdf.html",
        {
            "stop": stop,
            "cooperative": cooperative,
            "entries": lists[0].entries if lists else [],
            "printed_at": timezone.now(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="pickup-{stop.pk}-{cooperative.slug}.pdf"'
    )
    return response


@require_POST
@login_required
def collect(request, order_pk):
    pickup_order = get_object_or_404(PickupOrder, order_id=order_pk)
    slug = request.POST.get("cooperative")
    cooperative = get_object_or_404(Cooperative, slug=slug) if slug else None
    try:
        pickup_order_collect(pickup_order=pickup_order, user=request.user, cooperative=cooperative)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Recorded: handed over to the shopper."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "fairs_pickup:stop-lists"
        return redirect(target, stop_pk=pickup_order.stop_id)
    return redirect(target)
