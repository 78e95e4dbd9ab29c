"""A cooperative's shop pages: its products, their editing, and bulk imports.

Members of the cooperative only (a product import can also be read by
council reviewers). The services decide; these pages collect and show.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from marketplace.backoffice.confirm import refuse_unconfirmed
from marketplace.core.forms import add_service_errors

from .. import access
from .. import saleor_catalogue as catalogue
from ..forms.shop import ProductForm, ProductImageForm, ProductImportForm
from ..models import Cooperative, ImportStatus, ProductImport
from ..services.importing import COLUMNS, product_import_start, template_csv
from ..services.products import (
    cooperative_product_create,
    cooperative_product_delete,
    cooperative_product_image_add,
    cooperative_product_image_remove,
    cooperative_product_set_published,
    cooperative_product_update,
)

IMPORT_REFRESH_SECONDS = 2


def _member_shop(request, slug):
    cooperative = get_object_or_404(Cooperative.objects.select_related("warehouse"), slug=slug)
    access.ensure_member(request.user, cooperative)
    return cooperative


def _product_of(cooperative, product_id):
    product = catalogue.cooperative_product_detail(cooperative, product_id)
    if product is None:
        raise Http404
    return product


# A product form edits one variant: the service's "variants…" errors are its SKU's.
VARIANT_ERRORS_ON_SKU = {"variants": "sku"}


def _message_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- products -------------------------------------------------------------------------


@login_required
def product_list(request, slug):
    cooperative = _member_shop(request, slug)
    products = catalogue.cooperative_products_for_listing(cooperative)
    rows = [
        {
            "product": product,
            "image": next(iter(product.images.all()), None),
            "quantity": sum(
                catalogue.variant_quantity(variant, cooperative.warehouse_id)
                for variant in product.variants.all()
            ),
            "skus": [variant.sku for variant in product.variants.all()],
        }
        for product in products
    ]
    return render(
        request,
        "cooperatives/shop/product_list.html",
        {"cooperative": cooperative, "rows": rows},
    )


@login_required
def product_create(request, slug):
    cooperative = _member_shop(request, slug)
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            product = cooperative_product_create(
                cooperative=cooperative, user=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error, field_aliases=VARIANT_ERRORS_ON_SKU)
        else:
            messages.success(request, _("The product is saved."))
            return redirect(
                "backoffice:cooperative-product-edit", slug=cooperative.slug, product_id=product.pk
            )
    return render(
        request,
        "cooperatives/shop/product_form.html",
        {"cooperative": cooperative, "form": form, "product": None},
    )


def _edit_save(request, cooperative, product):
    form = ProductForm(request.POST)
    if form.is_valid():
        try:
            cooperative_product_update(product=product, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, field_aliases=VARIANT_ERRORS_ON_SKU)
        else:
            messages.success(request, _("The product is saved."))
            return None
    return {"form": form}


def _edit_publish(request, cooperative, product, is_published):
    try:
        cooperative_product_set_published(
            product=product, user=request.user, is_published=is_published
        )
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(
            request,
            _("The product is on the shop.") if is_published else _("The product is hidden."),
        )


def _edit_add_image(request, cooperative, product):
    image_form = ProductImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        try:
            cooperative_product_image_add(
                product=product,
                user=request.user,
                image=image_form.cleaned_data["image"],
                alt=image_form.cleaned_data["alt"],
            )
        except ValidationError as error:
            add_service_errors(image_form, error, field_aliases=VARIANT_ERRORS_ON_SKU)
        else:
            messages.success(request, _("The photo is added."))
            return None
    return {"image_form": image_form}


def _edit_remove_image(request, cooperative, product):
    image_id = request.POST.get("image_id", "")
    try:
        cooperative_product_image_remove(
            product=product,
            user=request.user,
            image_id=int(image_id) if image_id.isdigit() else 0,
        )
    except ValidationError as error:
        _message_errors(request, error)
    else:
        messages.success(request, _("The photo is removed."))


@login_required
def product_edit(request, slug, product_id):
    cooperative = _member_shop(request, slug)
    product = _product_of(cooperative, product_id)
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "save":
            bound = _edit_save(request, cooperative, product)
        elif action in {"publish", "unpublish"}:
            _edit_publish(request, cooperative, product, action == "publish")
        elif action == "add_image":
            bound = _edit_add_image(request, cooperative, product)
        elif action == "remove_image":
            _edit_remove_image(request, cooperative, product)
        else:
            raise Http404
        if not bound:
            return redirect(
                "backoffice:cooperative-product-edit", slug=cooperative.slug, product_id=product.pk
            )
        product = _product_of(cooperative, product_id)
    context = {
        "cooperative": cooperative,
        "product": product,
        "form": bound.get("form")
        or ProductForm(initial=ProductForm.initial_for(product, cooperative.warehouse_id)),
        "image_form": bound.get("image_form") or ProductImageForm(),
        "images": list(product.images.all()),
    }
    return render(request, "cooperatives/shop/product_form.html", context)


@require_POST
@login_required
def product_delete(request, slug, product_id):
    cooperative = _member_shop(request, slug)
    product = _product_of(cooperative, product_id)
    if refuse_unconfirmed(request):
        return redirect(
            "backoffice:cooperative-product-edit", slug=cooperative.slug, product_id=product.pk
        )
    try:
        cooperative_product_delete(product=product, user=request.user)
    except ValidationError as error:
        _message_errors(request, error)
        return redirect(
            "backoffice:cooperative-product-edit", slug=cooperative.slug, product_id=product.pk
        )
    messages.success(request, _("The product is deleted."))
    return redirect("backoffice:cooperative-products", slug=cooperative.slug)


# --- imports --------------------------------------------------------------------------


@login_required
def import_new(request, slug):
    cooperative = _member_shop(request, slug)
    form = ProductImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            product_import = product_import_start(
                cooperative=cooperative, user=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_errors(form, error, field_aliases=VARIANT_ERRORS_ON_SKU)
        else:
            return redirect(
                "backoffice:cooperative-import-detail",
                slug=cooperative.slug,
                import_id=product_import.pk,
            )
    return render(
        request,
        "cooperatives/shop/import_form.html",
        {"cooperative": cooperative, "form": form, "columns": COLUMNS},
    )


@login_required
def import_template(request, slug):
    cooperative = _member_shop(request, slug)
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cooperative.slug}-products.csv"'
    return response


@login_required
def import_detail(request, slug, import_id):
    cooperative = get_object_or_404(Cooperative, slug=slug)
    access.ensure_member_or_reviewer(request.user, cooperative)
    product_import = get_object_or_404(ProductImport, cooperative=cooperative, pk=import_id)
    in_progress = product_import.status in {ImportStatus.PENDING, ImportStatus.RUNNING}
    response = render(
        request,
        "cooperatives/shop/import_detail.html",
        {
            "cooperative": cooperative,
            "is_member": access.is_member(request.user, cooperative),
            "product_import": product_import,
            "in_progress": in_progress,
            "refresh_seconds": IMPORT_REFRESH_SECONDS,
        },
    )
    if in_progress:
        response["Refresh"] = str(IMPORT_REFRESH_SECONDS)
    return response
