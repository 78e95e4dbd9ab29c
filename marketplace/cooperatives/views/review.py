"""Council console: the review queue, one application, and the decisions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.core.forms import add_service_errors

from .. import access
from ..forms.review import (
    ApproveForm,
    ConfirmedReasonForm,
    OptionalReasonForm,
    QueueFilterForm,
    RequestChangesForm,
)
from ..models import CooperativeStatus, Sector
from ..selectors.review import review_checks, review_detail, review_queue, with_review_checks
from ..services.documents import document_link
from ..services.review import (
    REVIEWABLE_FIELDS,
    ReviewDecision,
    cooperative_reinstate,
    cooperative_review,
    cooperative_suspend,
    labelled_comments,
)

QUEUE_PAGE_SIZE = 50


@login_required
def queue(request):
    access.ensure_reviewer(request.user)
    filter_form = QueueFilterForm(request.GET or None)
    page = Paginator(review_queue(**filter_form.filters()), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "cooperatives/review/queue.html",
        {
            "filter_form": filter_form,
            "cooperatives": with_review_checks(page.object_list),
            "page": page,
            "page_query": filter_form.query_string(),
        },
    )


@login_required
def detail(request, slug):
    access.ensure_reviewer(request.user)
    return _render_detail(request, _get_cooperative(slug))


def _approve(cooperative, user, form):
    return cooperative_review(
        cooperative=cooperative, reviewer=user, decision=ReviewDecision.APPROVE
    )


def _reject(cooperative, user, form):
    return cooperative_review(
        cooperative=cooperative,
        reviewer=user,
        decision=ReviewDecision.REJECT,
        reason=form.cleaned_data["reason"],
    )


def _request_changes(cooperative, user, form):
    return cooperative_review(
        cooperative=cooperative,
        reviewer=user,
        decision=ReviewDecision.REQUEST_CHANGES,
        reason=form.cleaned_data["reason"],
        field_comments=form.field_comments(),
    )


def _suspend(cooperative, user, form):
    return cooperative_suspend(
        cooperative=cooperative, reviewer=user, reason=form.cleaned_data["reason"]
    )


def _reinstate(cooperative, user, form):
    return cooperative_reinstate(
        cooperative=cooperative, reviewer=user, reason=form.cleaned_data["reason"]
    )


# action → (form class, service call, success message)
ACTIONS = {
    "approve": (ApproveForm, _approve, _("The application is approved.")),
    "reject": (ConfirmedReasonForm, _reject, _("The application is rejected.")),
    "request_changes": (
        RequestChangesForm,
        _request_changes,
        _("The cooperative has been asked for changes."),
    ),
    "suspend": (ConfirmedReasonForm, _suspend, _("The cooperative is suspended.")),
    "reinstate": (OptionalReasonForm, _reinstate, _("The cooperative is reinstated.")),
}

ACTION_LABELS = {
    "approve": _("Approve"),
    "reject": _("Reject"),
    "request_changes": _("Request changes"),
    "suspend": _("Suspend"),
    "reinstate": _("Reinstate"),
}

# Decisions that take something away from a cooperative: shown as dangerous.
DANGEROUS_ACTIONS = {"reject", "suspend"}

# Which decisions a status offers on the page.
ACTIONS_BY_STATUS = {
    CooperativeStatus.SUBMITTED: ("approve", "request_changes", "reject"),
    CooperativeStatus.APPROVED: ("suspend",),
    CooperativeStatus.SUSPENDED: ("reinstate",),
}


@require_POST
@login_required
def decide(request, slug, action):
    access.ensure_reviewer(request.user)
    cooperative = _get_cooperative(slug)
    form_class, perform, success_message = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            perform(cooperative, request.user, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect("backoffice:cooperative-review-detail", slug=cooperative.slug)
    return _render_detail(request, _get_cooperative(slug), bound_forms={action: form})


def _get_cooperative(slug):
    cooperative = review_detail(slug=slug)
    if cooperative is None:
        raise Http404
    return cooperative


def _display_value(cooperative, name):
    if name == "sectors":
        labels = dict(Sector.choices)
        return ", ".join(str(labels.get(sector, sector)) for sector in cooperative.sectors)
    if name == "logo":
        return cooperative.logo.name if cooperative.logo else ""
    display = getattr(cooperative, f"get_{name}_display", None)
    value = display() if display else getattr(cooperative, name)
    return "" if value is None else value


def _document_rows(documents, user):
    return [
        {"document": document, "url": document_link(document=document, user=user)}
        for document in documents
    ]


def _render_detail(request, cooperative, bound_forms=None):
    bound_forms = bound_forms or {}
    offered = ACTIONS_BY_STATUS.get(cooperative.status, ())
    decision_forms = [
        {
            "action": action,
            "label": ACTION_LABELS[action],
            "url": reverse(
                "backoffice:cooperative-review-" + action.replace("_", "-"),
                kwargs={"slug": cooperative.slug},
            ),
            "form": bound_forms.get(action) or ACTIONS[action][0](prefix=action),
            "dangerous": action in DANGEROUS_ACTIONS,
        }
        for action in offered
    ]
    # A decision another reviewer made first leaves its form off the page:
    # its errors still have to be shown.
    decision_errors = [
        message
        for action, form in bound_forms.items()
        if action not in offered
        for errors in form.errors.values()
        for message in errors
    ]
    context = {
        "cooperative": cooperative,
        "fields": [
            (cooperative._meta.get_field(name).verbose_name, _display_value(cooperative, name))
            for name in REVIEWABLE_FIELDS
        ],
        "checks": review_checks(cooperative),
        "documents": _document_rows(cooperative.current_documents, request.user),
        "timeline": [
            (transition, labelled_comments(transition.field_comments))
            for transition in cooperative.timeline
        ],
        "decision_forms": decision_forms,
        "decision_errors": decision_errors,
    }
    return render(request, "cooperatives/review/detail.html", context)
