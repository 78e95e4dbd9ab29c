"""The application as a cooperative fills it in on its phone: one short step per page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from marketplace.core.forms import add_service_errors
from marketplace.core.ratelimit import rate_limited, signed_in_account
from marketplace.core.storages import private_storage

from .. import access
from ..forms.onboarding import (
    ApplyForm,
    ContactsForm,
    DocumentForm,
    FiguresForm,
    IdentityForm,
    LocationForm,
    PayoutForm,
    RegistrationForm,
    StoryForm,
)
from ..models import (
    EDITABLE_STATUSES,
    REQUIRED_DOCUMENT_KINDS,
    Cooperative,
    CooperativeStatus,
    DocumentKind,
    Sector,
)
from ..services.documents import (
    document_from_token,
    document_links,
    document_upload,
    download_name,
)
from ..services.onboarding import (
    application_missing,
    cooperative_apply,
    cooperative_submit,
    cooperative_update,
)


class Step:
    def __init__(self, name, title, form_class=None):
        self.name = name
        self.title = title
        self.form_class = form_class
        self.fields = list(form_class.base_fields) if form_class else []


STEPS = [
    Step("identity", _("Identity"), IdentityForm),
    Step("registration", _("Registration"), RegistrationForm),
    Step("location", _("Location"), LocationForm),
    Step("contacts", _("Contacts"), ContactsForm),
    Step("figures", _("Members"), FiguresForm),
    Step("story", _("Story"), StoryForm),
    Step("payout", _("Payout"), PayoutForm),
    Step("documents", _("Documents")),
    Step("review", _("Review and submit")),
]
STEP_BY_NAME = {step.name: step for step in STEPS}
DOCUMENT_PREFIX = "document:"


def step_of_field(name):
    if name.startswith(DOCUMENT_PREFIX) or name == "documents":
        return STEP_BY_NAME["documents"]
    return next((step for step in STEPS if name in step.fields), None)


def _member_cooperative(request, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member(request.user, cooperative)
    return cooperative


def _requested_changes(cooperative):
    """The reviewer's last request for changes, while it is still the open one."""
    if cooperative.status != CooperativeStatus.CHANGES_REQUESTED:
        return None
    return (
        cooperative.transitions.filter(to_status=CooperativeStatus.CHANGES_REQUESTED)
        .select_related("actor")
        .last()
    )


def _field_label(name):
    if name.startswith(DOCUMENT_PREFIX):
        kind = name[len(DOCUMENT_PREFIX) :]
        return DocumentKind(kind).label if kind in DocumentKind.values else kind
    try:
        return Cooperative._meta.get_field(name).verbose_name
    except Exception:
        return name


def _comments_by_step(transition):
    """{step name: [(label, comment)]} from a request for changes; "" collects the rest."""
    grouped = {}
    for name, comment in (transition.field_comments if transition else {}).items():
        step = step_of_field(name)
        grouped.setdefault(step.name if step else "", []).append((_field_label(name), comment))
    return grouped


def _progress(cooperative, current, comments=None):
    fields, kinds = application_missing(cooperative)
    missing_steps = {step_of_field(field).name for field in fields}
    if kinds:
        missing_steps.add("documents")
    comments = comments or {}
    return [
        {
            "step": step,
            "number": number,
            "current": step.name == current,
            "complete": step.name not in missing_steps and step.name != "review",
            "commented": bool(comments.get(step.name)),
        }
        for number, step in enumerate(STEPS, start=1)
    ]


def _next_step(step):
    index = STEPS.index(step)
    return STEPS[min(index + 1, len(STEPS) - 1)]


def _step_url(cooperative, step):
    return reverse(
        "backoffice:cooperative-application-step",
        kwargs={"slug": cooperative.slug, "step": step.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("cooperative-apply", account=signed_in_account)
def apply(request):
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cooperative = cooperative_apply(user=request.user, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application is started. Continue step by step."))
            return redirect(_step_url(cooperative, STEP_BY_NAME["registration"]))
    open_applications = access.cooperatives_managed_by(request.user).filter(
        status__in=EDITABLE_STATUSES
    )
    return render(
        request,
        "cooperatives/onboarding/apply.html",
        {"form": form, "open_applications": open_applications},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_step(request, slug, step):
    cooperative = _member_cooperative(request, slug)
    step = STEP_BY_NAME.get(step)
    if step is None:
        raise Http404
    if step.name == "documents":
        return _documents_step(request, cooperative, step)
    if not cooperative.is_editable:
        messages.info(request, _("This application can no longer be changed."))
        return redirect("backoffice:cooperative-status", slug=cooperative.slug)
    if step.name == "review":
        return _review_step(request, cooperative, step)
    if request.method == "POST":
        form = step.form_class(request.POST, request.FILES, cooperative=cooperative)
        if form.is_valid():
            try:
                cooperative_update(
                    cooperative=cooperative, user=request.user, data=form.service_data()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(_step_url(cooperative, _next_step(step)))
    else:
        form = step.form_class(cooperative=cooperative)
    return _render_step(request, "cooperatives/onboarding/step.html", cooperative, step, form=form)


def _render_step(request, template, cooperative, step, **context):
    comments = _comments_by_step(_requested_changes(cooperative))
    context.update(
        {
            "cooperative": cooperative,
            "step": step,
            "steps": _progress(cooperative, step.name, comments),
            "step_comments": comments.get(step.name, []),
            "next_step": _next_step(step),
        }
    )
    return render(request, template, context)


def _documents_step(request, cooperative, step):
    kinds = DocumentKind if cooperative.is_editable else [DocumentKind.LABEL_CERTIFICATE]
    form = DocumentForm(request.POST or None, request.FILES or None)
    form.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
    if request.method == "POST" and form.is_valid():
        try:
            document_upload(
                cooperative=cooperative,
                user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded_file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The document is saved."))
            return redirect(_step_url(cooperative, step))
    documents = list(cooperative.documents.current().order_by("kind", "-uploaded_at", "pk"))
    requested = _requested_changes(cooperative)
    comments = requested.field_comments if requested else {}
    links = document_links(cooperative=cooperative, documents=documents, user=request.user)
    sections = []
    for kind in kinds:
        current = [document for document in documents if document.kind == kind]
        for document in current:
            document.link = links[document.pk]
        sections.append(
            {
                "kind": kind,
                "required": kind in REQUIRED_DOCUMENT_KINDS,
                "documents": current,
                "comment": comments.get(f"{DOCUMENT_PREFIX}{kind.value}"),
                "errors": form.errors if form.data.get("kind") == kind.value else None,
            }
        )
    return _render_step(
        request,
        "cooperatives/onboarding/documents.html",
        cooperative,
        step,
        form=form,
        sections=sections,
        non_field_errors=form.non_field_errors() if form.is_bound else [],
    )


def _summary(cooperative):
    sector_labels = dict(Sector.choices)
    rows = []
    for step in STEPS:
        for name in step.fields:
            if name == "logo":
                value = _("Yes") if cooperative.logo else ""
            elif name == "sectors":
                value = ", ".join(str(sector_labels.get(s, s)) for s in cooperative.sectors)
            else:
                display = getattr(cooperative, f"get_{name}_display", None)
                value = display() if display else getattr(cooperative, name)
            rows.append({"step": step, "label": _field_label(name), "value": value})
    return rows


def _review_step(request, cooperative, step):
    errors = []
    if request.method == "POST":
        try:
            cooperative_submit(cooperative=cooperative, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request, _("Your application is submitted. The council will review it.")
            )
            return redirect("backoffice:cooperative-status", slug=cooperative.slug)
    fields, kinds = application_missing(cooperative)
    missing = [{"label": _field_label(name), "step": step_of_field(name)} for name in fields]
    missing += [{"label": kind.label, "step": STEP_BY_NAME["documents"]} for kind in kinds]
    return _render_step(
        request,
        "cooperatives/onboarding/review.html",
        cooperative,
        step,
        summary=_summary(cooperative),
        missing=missing,
        errors=errors,
    )


@login_required
def status(request, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member_or_reviewer(request.user, cooperative)
    requested = _requested_changes(cooperative)
    comments = _comments_by_step(requested)
    is_member = access.is_member(request.user, cooperative)
    return render(
        request,
        "cooperatives/onboarding/status.html",
        {
            "cooperative": cooperative,
            "is_member": is_member,
            "is_reviewer": access.is_council_reviewer(request.user),
            "requested": requested,
            "comment_steps": [
                {"step": STEP_BY_NAME.get(name), "comments": comments[name]}
                for name in [*STEP_BY_NAME, ""]
                if comments.get(name)
            ],
            "steps": _progress(cooperative, None, comments) if is_member else [],
            "transitions": cooperative.transitions.select_related("actor"),
        },
    )


@login_required
def document_download(request, token):
    try:
        document = document_from_token(token=token, user=request.user)
    except signing.BadSignature:
        raise PermissionDenied(_("This link is invalid or has expired."))
    try:
        content = private_storage.open(document.file.name, "rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(
        content,
        as_attachment=True,
        filename=download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
