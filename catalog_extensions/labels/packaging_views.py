"""The cooperative's packaging-label page: choose a sticker size, enter the lot, get the PDF."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from marketplace.cooperatives import access
from marketplace.cooperatives import saleor_catalogue as catalogue
from marketplace.cooperatives.models import Cooperative
from marketplace.core.forms import add_service_errors
from marketplace.core.ratelimit import rate_limited, signed_in_account

from .packaging_forms import PackagingLabelForm
from .packaging_labels import packaging_label_from_token, packaging_label_sheet


@login_required
@rate_limited("packaging-label", account=signed_in_account)
def packaging_label(request, slug, product_id):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member(request.user, cooperative)
    product = catalogue.cooperative_product_detail(cooperative, product_id)
    if product is None:
        raise Http404
    form = PackagingLabelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pdf = packaging_label_sheet(
                user=request.user,
                cooperative=cooperative,
                product_id=product.pk,
                sticker_format=form.cleaned_data["format"],
                lot_number=form.cleaned_data["lot_number"],
                best_before=form.cleaned_data["best_before"],
                copies=form.cleaned_data["copies"],
                build_url=request.build_absolute_uri,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            filename = f"label-{product.slug}-{form.cleaned_data['lot_number']}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
    origin = getattr(product, "terroir_origin", None)
    return render(
        request,
        "labels/packaging/form.html",
        {"cooperative": cooperative, "product": product, "origin": origin, "form": form},
        status=400 if form.errors else 200,
    )


@require_safe
def packaging_label_download(request, token):
    """The sheet behind a link from ``packagingLabelCreate``: signed, short-lived, no cookie."""
    try:
        pdf = packaging_label_from_token(token, build_url=request.build_absolute_uri)
    except (PermissionDenied, ValidationError):
        pdf = None
    if pdf is None:
        raise Http404
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="packaging-label.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
