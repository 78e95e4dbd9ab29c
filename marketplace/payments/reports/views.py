"""The reconciliation report for council staff, as a page and as CSV."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from marketplace.cooperatives import access

from ..reconciliation import reconciliation_csv, reconciliation_report
from .forms import PeriodForm

PAGE_SIZE = 31


def _report(request):
    access.ensure_reviewer(request.user)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, reconciliation_report(
        date_from=form.cleaned_data["date_from"], date_to=form.cleaned_data["date_to"]
    )


@login_required
def reconciliation(request):
    form, report = _report(request)
    context = {"form": form, "report": report}
    if report is not None:
        context["page"] = Paginator(report.rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context["totals"] = report.totals()
        context["query"] = (
            f"date_from={report.date_from.isoformat()}&date_to={report.date_to.isoformat()}"
        )
    return render(request, "payments/reconciliation.html", context, status=200 if report else 400)


@login_required
def reconciliation_export(request):
    form, report = _report(request)
    if report is None:
        return HttpResponse(
            "\n".join(str(message) for errors in form.errors.values() for message in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(reconciliation_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reconciliation-{report.date_from}-{report.date_to}.csv"'
    )
    return response
