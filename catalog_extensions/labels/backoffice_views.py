"""Back-office pages: label registry and claims (staff), a cooperative's certifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from catalog_extensions.origin.forms import ProductOriginForm
from catalog_extensions.origin.services import origin_for_update, product_origin_update
from marketplace.cooperatives.models import Cooperative, CooperativeProduct
from marketplace.cooperatives.services.documents import download_name
from marketplace.core.forms import add_service_errors
from marketplace.core.storages import private_storage

from . import access
from .forms import ClaimForm, ClaimsFilterForm, LabelForm, ReasonForm, VerifyForm
from .models import CertificationStatus, Label
from .selectors import (
    certification_history,
    certifications_visible_to,
    certifications_visible_to_staff,
)
from .services.certifications import (
    certification_claim,
    certification_reject,
    certification_revoke,
    certification_verify,
)
from .services.evidence import certificate_link, certification_from_token
from .services.registry import label_create, label_update

PAGE_SIZE = 50


# --- staff: registry ----------------------------------------------------------------------


@login_required
def registry(request):
    access.ensure_label_manager(request.user)
    labels = Label.objects.prefetch_related("certifying_bodies").order_by("kind", "name_fr", "pk")
    return render(request, "labels/backoffice/registry.html", {"labels": labels})


@login_required
def label_edit(request, slug=None):
    access.ensure_label_manager(request.user)
    label = get_object_or_404(Label, slug=slug) if slug else None
    form = LabelForm(request.POST or None, request.FILES or None, instance=label)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.service_data()
            bodies = list(form.cleaned_data["certifying_bodies"])
            logo = request.FILES.get("logo")
            try:
                if label is None:
                    label = label_create(
                        user=request.user, data=data, certifying_bodies=bodies, logo=logo
                    )
                else:
                    label = label_update(
                        label=label,
                        user=request.user,
                        data=data,
                        certifying_bodies=bodies,
                        logo=logo,
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The label is saved."))
                return redirect("backoffice:labels-registry")
        status = 400
    return render(
        request, "labels/backoffice/label_form.html", {"form": form, "label": label}, status=status
    )


# --- staff: claims ------------------------------------------------------------------------


@login_required
def claims(request):
    access.ensure_label_manager(request.user)
    filter_form = ClaimsFilterForm(request.GET or None)
    status = filter_form.status_filter()
    queryset = certifications_visible_to_staff().order_by("created_at", "pk")
    if status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "labels/backoffice/claims.html",
        {"filter_form": filter_form, "page": page, "certifications": page.object_list},
    )


def _claim_actions(certification):
    if certification.status == CertificationStatus.PENDING:
        return ("verify", "reject")
    if certification.status == CertificationStatus.VERIFIED:
        return ("revoke",)
    return ()


ACTIONS = {
    "verify": (VerifyForm, _("Verify"), _("The certification is verified: its badge shows.")),
    "reject": (ReasonForm, _("Reject"), _("The claim is rejected.")),
    "revoke": (ReasonForm, _("Revoke"), _("The certification is revoked: its badge is gone.")),
}


def _perform(action, certification, user, form):
    if action == "verify":
        return certification_verify(certification=certification, user=user)
    if action == "reject":
        return certification_reject(
            certification=certification, user=user, reason=form.cleaned_data["reason"]
        )
    return certification_revoke(
        certification=certification, user=user, reason=form.cleaned_data["reason"]
    )


def _staff_certification(pk):
    certification = certifications_visible_to_staff().filter(pk=pk).first()
    if certification is None:
        raise Http404
    return certification


def _render_claim(request, certification, bound_forms=None, status=200):
    bound_forms = bound_forms or {}
    forms = [
        {
            "action": action,
            "label": ACTIONS[action][1],
            "form": bound_forms.get(action) or ACTIONS[action][0](prefix=action),
        }
        for action in _claim_actions(certification)
    ]
    errors = [
        message
        for action, form in bound_forms.items()
        if action not in _claim_actions(certification)
        for messages_ in form.errors.values()
        for message in messages_
    ]
    document_url = certificate_link(certification=certification, user=request.user)
    context = {
        "certification": certification,
        "history": certification_history(certification),
        "forms": forms,
        "errors": errors,
        "document_url": document_url,
        "own_claim": access.is_member(request.user, certification.cooperative),
    }
    return render(request, "labels/backoffice/claim_detail.html", context, status=status)


@login_required
def claim_detail(request, pk):
    access.ensure_label_manager(request.user)
    return _render_claim(request, _staff_certification(pk))


@require_POST
@login_required
def claim_decide(request, pk, action):
    access.ensure_label_manager(request.user)
    certification = _staff_certification(pk)
    form = ACTIONS[action][0](request.POST, prefix=action)
    if form.is_valid():
        try:
            _perform(action, certification, request.user, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, ACTIONS[action][2])
            return redirect("backoffice:labels-claim-detail", pk=certification.pk)
    return _render_claim(
        request, _staff_certification(pk), bound_forms={action: form}, status=400
    )


# --- a cooperative's certifications and origins -------------------------------------------


def _member_cooperative(user, slug):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member(user, cooperative)
    return cooperative


@login_required
def cooperative_certifications(request, slug):
    cooperative = _member_cooperative(request.user, slug)
    form = ClaimForm(request.POST or None, request.FILES or None, cooperative=cooperative)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                certification_claim(
                    user=request.user,
                    product_id=data["product"].product_id,
                    label=data["label"],
                    certificate_number=data["certificate_number"],
                    certifying_body=data["certifying_body"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    uploaded_file=data.get("file"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your claim is sent: the council will check it."))
                return redirect("backoffice:labels-certifications", slug=cooperative.slug)
        status = 400
    certifications = certifications_visible_to(request.user).filter(cooperative=cooperative)
    products = (
        CooperativeProduct.objects.filter(cooperative=cooperative)
        .select_related("product")
        .order_by("product__name", "pk")
    )
    return render(
        request,
        "labels/backoffice/certifications.html",
        {
            "cooperative": cooperative,
            "form": form,
            "certifications": certifications.order_by("-created_at", "pk"),
            "products": products,
        },
        status=status,
    )


@login_required
def product_origin(request, slug, product_id):
    cooperative = _member_cooperative(request.user, slug)
    if not CooperativeProduct.objects.filter(
        cooperative=cooperative, product_id=product_id
    ).exists():
        raise Http404
    origin = origin_for_update(user=request.user, product_id=product_id)
    form = ProductOriginForm(request.POST or None, instance=origin)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                product_origin_update(
                    user=request.user, product_id=product_id, data=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The product's origin is saved."))
                return redirect("backoffice:labels-certifications", slug=cooperative.slug)
        status = 400
    link = CooperativeProduct.objects.select_related("product").get(product_id=product_id)
    return render(
        request,
        "labels/backoffice/origin_form.html",
        {"cooperative": cooperative, "form": form, "product": link.product},
        status=status,
    )


@login_required
def certificate_download(request, token):
    try:
        certification = certification_from_token(token=token, user=request.user)
    except signing.BadSignature:
        raise PermissionDenied(_("This link is invalid or has expired."))
    document = certification.document
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
