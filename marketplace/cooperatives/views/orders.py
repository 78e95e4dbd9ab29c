"""A cooperative's orders, shipments and ledger; the council's commission and payouts."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.http import require_POST

from marketplace.core.forms import add_service_errors
from marketplace.fairs.pickup import pickup_part
from marketplace.payments.cash.selectors import (
    ParcelCashStatus,
    cash_on_delivery_part,
    with_cash_amounts_due,
)

from .. import access
from ..models import CommissionPolicy, Cooperative, PayoutBatchStatus
from ..saleor_orders import FULFILLABLE_STATUSES, OrderStatus
from ..selectors.orders import (
    fulfilment_status,
    ledger_balance,
    ledger_for_cooperative,
    order_for_cooperative,
    orders_for_cooperative,
    payout_batch_csv,
    payout_batch_detail,
    payout_batch_entries,
    payout_batch_lines,
    payout_batches,
    share_total,
    unbatched_balances_by_cooperative,
)
from ..services.ledger import (
    commission_policy_set,
    cooperative_commission_set,
    payout_batch_close,
    payout_batch_mark_paid,
)
from ..services.orders import cooperative_order_fulfil

PAGE_SIZE = 20


def percent(rate):
    """0.075 → "7.5"."""
    return f"{rate * 100:.2f}".rstrip("0").rstrip(".")


class FulfilForm(forms.Form):
    """One quantity per line of the cooperative still to ship, and whether to tell the shopper."""

    notify_customer = forms.BooleanField(
        label=_("E-mail the shopper about this shipment"), required=False, initial=True
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {}
        for line in lines:
            if line.quantity_unfulfilled <= 0:
                continue
            name = f"line-{line.pk}"
            self.lines[name] = line
            self.fields[name] = forms.IntegerField(
                label=str(line),
                min_value=0,
                max_value=line.quantity_unfulfilled,
                initial=0,
                help_text=ngettext_lazy(
                    "%(count)d left to ship", "%(count)d left to ship", "count"
                )
                % {"count": line.quantity_unfulfilled},
            )
        self.order_fields([*self.lines, "notify_customer"])

    def line_quantities(self):
        return {line: self.cleaned_data[name] or 0 for name, line in self.lines.items()}


class RateForm(forms.Form):
    rate = forms.DecimalField(
        label=_("Commission rate"),
        min_value=0,
        max_value=1,
        max_digits=5,
        decimal_places=4,
        help_text=_("A fraction of each sale: 0.1 means 10 percent."),
    )


class CooperativeRateForm(forms.Form):
    rate = forms.DecimalField(
        label=_("Commission rate of this cooperative"),
        required=False,
        min_value=0,
        max_value=1,
        max_digits=5,
        decimal_places=4,
        help_text=_("Leave empty to apply the marketplace's default rate."),
    )


def _cooperative_for(user, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member_or_reviewer(user, cooperative)
    return cooperative


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def cooperative_orders(request, slug):
    cooperative = _cooperative_for(request.user, slug)
    page = _page(request, orders_for_cooperative(cooperative))
    with_cash_amounts_due(list(page))
    rows = [
        {
            "order": order,
            "status": fulfilment_status(order.own_lines),
            "quantity": sum(line.quantity for line in order.own_lines),
            "total": share_total(order.own_lines),
            "cash": cash_on_delivery_part(order, cooperative),
        }
        for order in page
    ]
    return render(
        request,
        "cooperatives/orders/list.html",
        {"cooperative": cooperative, "page": page, "rows": rows},
    )


@login_required
def cooperative_order_detail(request, slug, order_pk):
    cooperative = _cooperative_for(request.user, slug)
    order = order_for_cooperative(cooperative, order_pk)
    if order is None:
        raise Http404
    form = None
    pickup = pickup_part(order, cooperative)
    if request.method == "POST":
        access.ensure_member(request.user, cooperative)
        if pickup is not None:
            messages.error(
                request,
                _("This order is collected at a fair stop: hand it over at your stand, "
                  "do not ship it."),
            )
            return redirect(
                "backoffice:cooperative-order-detail", slug=cooperative.slug, order_pk=order.pk
            )
        form = FulfilForm(request.POST, lines=order.own_lines)
        if form.is_valid():
            try:
                cooperative_order_fulfil(
                    cooperative=cooperative,
                    user=request.user,
                    order=order,
                    lines=form.line_quantities(),
                    notify_customer=form.cleaned_data["notify_customer"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The shipment is recorded."))
                return redirect(
                    "backoffice:cooperative-order-detail", slug=cooperative.slug, order_pk=order.pk
                )
    cash = cash_on_delivery_part(order, cooperative)
    cash_open = cash is not None and cash["status"] == ParcelCashStatus.TO_COLLECT
    can_fulfil = (
        pickup is None
        and access.is_member(request.user, cooperative)
        and order.status in FULFILLABLE_STATUSES
        and any(line.quantity_unfulfilled > 0 for line in order.own_lines)
        and not (cash is not None and cash["status"] == ParcelCashStatus.REFUSED)
    )
    if form is None and can_fulfil:
        form = FulfilForm(lines=order.own_lines)
    context = {
        "cooperative": cooperative,
        "order": order,
        "lines": order.own_lines,
        "status": fulfilment_status(order.own_lines),
        # A refused submission keeps its form, to show why.
        "form": form if can_fulfil or (form is not None and form.errors) else None,
        "cash": cash,
        "pickup": pickup,
        "can_hand_over": pickup is not None
        and pickup.to_hand_over
        and order.status != OrderStatus.CANCELED
        and access.is_member(request.user, cooperative),
        "can_record_cash": cash_open
        and order.status in FULFILLABLE_STATUSES | {OrderStatus.FULFILLED}
        and all(line.quantity_unfulfilled <= 0 for line in order.own_lines),
    }
    return render(request, "cooperatives/orders/detail.html", context)


@login_required
def cooperative_ledger(request, slug):
    cooperative = _cooperative_for(request.user, slug)
    is_reviewer = access.is_council_reviewer(request.user)
    context = {
        "cooperative": cooperative,
        "page": _page(request, ledger_for_cooperative(cooperative)),
        "balance": ledger_balance(cooperative),
        "rate_percent": percent(cooperative.effective_commission_rate()),
        "rate_form": CooperativeRateForm(initial={"rate": cooperative.commission_rate})
        if is_reviewer
        else None,
    }
    return render(request, "cooperatives/orders/ledger.html", context)


@require_POST
@login_required
def cooperative_commission(request, slug):
    access.ensure_reviewer(request.user)
    cooperative = get_object_or_404(Cooperative, slug=slug)
    form = CooperativeRateForm(request.POST)
    if form.is_valid():
        try:
            cooperative_commission_set(
                cooperative=cooperative, user=request.user, rate=form.cleaned_data["rate"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The commission rate is saved."))
            return redirect("backoffice:cooperative-ledger", slug=cooperative.slug)
    context = {
        "cooperative": cooperative,
        "page": _page(request, ledger_for_cooperative(cooperative)),
        "balance": ledger_balance(cooperative),
        "rate_percent": percent(cooperative.effective_commission_rate()),
        "rate_form": form,
    }
    return render(request, "cooperatives/orders/ledger.html", context)


def _render_payouts(request, policy_form=None, close_errors=()):
    policy = CommissionPolicy.current()
    context = {
        "balances": unbatched_balances_by_cooperative(),
        "batches": _page(request, payout_batches()),
        "policy": policy,
        "default_percent": percent(policy.default_rate),
        "policy_form": policy_form or RateForm(initial={"rate": policy.default_rate}),
        "close_errors": close_errors,
    }
    return render(request, "cooperatives/orders/payouts.html", context)


@login_required
def payouts(request):
    access.ensure_reviewer(request.user)
    return _render_payouts(request)


@require_POST
@login_required
def commission_policy(request):
    access.ensure_reviewer(request.user)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            commission_policy_set(user=request.user, default_rate=form.cleaned_data["rate"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The default commission rate is saved."))
            return redirect("backoffice:payouts")
    return _render_payouts(request, policy_form=form)


@require_POST
@login_required
def payout_close(request):
    access.ensure_reviewer(request.user)
    try:
        batch = payout_batch_close(user=request.user)
    except ValidationError as error:
        return _render_payouts(request, close_errors=error.messages)
    messages.success(request, _("Payout batch %(reference)s is closed.") % {
        "reference": batch.reference
    })
    return redirect("backoffice:payout-batch-detail", reference=batch.reference)


def _get_batch(reference):
    batch = payout_batch_detail(reference)
    if batch is None:
        raise Http404
    return batch


@login_required
def payout_detail(request, reference):
    access.ensure_reviewer(request.user)
    batch = _get_batch(reference)
    context = {
        "batch": batch,
        "lines": payout_batch_lines(batch),
        "entries": payout_batch_entries(batch),
        "can_mark_paid": batch.status == PayoutBatchStatus.CLOSED,
    }
    return render(request, "cooperatives/orders/payout_detail.html", context)


@login_required
def payout_csv(request, reference):
    access.ensure_reviewer(request.user)
    batch = _get_batch(reference)
    response = HttpResponse(payout_batch_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.reference}.csv"'
    return response


@require_POST
@login_required
def payout_mark_paid(request, reference):
    access.ensure_reviewer(request.user)
    batch = _get_batch(reference)
    try:
        payout_batch_mark_paid(batch=batch, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Payout batch %(reference)s is marked paid.") % {
            "reference": batch.reference
        })
    return redirect("backoffice:payout-batch-detail", reference=batch.reference)
