"""Back-office actions on a cooperative's order page: cash received, parcel refused."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.cooperatives import access
from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.selectors.orders import order_for_cooperative

from .services import cash_on_delivery_record, cash_on_delivery_refuse


class CashReceivedForm(forms.Form):
    """The amount shown on the button: the service refuses any other."""

    amount = forms.DecimalField(max_digits=12, decimal_places=2, widget=forms.HiddenInput)


def _cooperative_and_order(request, slug, order_pk):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member_or_reviewer(request.user, cooperative)
    order = order_for_cooperative(cooperative, order_pk)
    if order is None:
        raise Http404
    return cooperative, order


def _back(cooperative, order):
    return redirect(
        "backoffice:cooperative-order-detail", slug=cooperative.slug, order_pk=order.pk
    )


@require_POST
@login_required
def cash_received(request, slug, order_pk):
    cooperative, order = _cooperative_and_order(request, slug, order_pk)
    form = CashReceivedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The amount is missing: reload the page and try again."))
        return _back(cooperative, order)
    try:
        cash_on_delivery_record(
            cooperative=cooperative,
            user=request.user,
            order=order,
            amount=form.cleaned_data["amount"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The cash received is recorded."))
    return _back(cooperative, order)


@require_POST
@login_required
def parcel_refused(request, slug, order_pk):
    cooperative, order = _cooperative_and_order(request, slug, order_pk)
    try:
        cash_on_delivery_refuse(cooperative=cooperative, user=request.user, order=order)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("The refused parcel is recorded and its items are back in stock.")
        )
    return _back(cooperative, order)
