"""A product's origin and packaging facts, kept by the cooperative that sells it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from catalog_extensions.labels import access
from catalog_extensions.labels.errors import LabelErrorCode
from marketplace.cooperatives.models import CooperativeProduct

from .models import ProductOrigin

ORIGIN_FIELDS = (
    "province",
    "commune",
    "season",
    "net_quantity",
    "ingredients_fr",
    "ingredients_ar",
    "onssa_number",
)


def origin_for_update(*, user, product_id):
    """The product's origin (unsaved with the cooperative's defaults when new), for its members."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(_("Log in as a member of the product's cooperative."))
    link = (
        CooperativeProduct.objects.select_related("cooperative")
        .filter(product_id=product_id)
        .first()
    )
    if link is None or not access.is_member(user, link.cooperative):
        raise ValidationError(
            {
                "product": ValidationError(
                    _("You can edit only your own cooperative's products."),
                    code=LabelErrorCode.PRODUCT_NOT_OWNED.value,
                )
            }
        )
    origin = ProductOrigin.objects.filter(product_id=product_id).first()
    if origin is None:
        origin = ProductOrigin(
            product_id=product_id,
            province=link.cooperative.province,
            commune=link.cooperative.commune,
        )
    origin.cooperative = link.cooperative
    return origin


def product_origin_update(*, user, product_id, data):
    """Set the product's provenance and packaging facts; bad input changes nothing."""
    origin = origin_for_update(user=user, product_id=product_id)
    for field in ORIGIN_FIELDS:
        if field in data and data[field] is not None:
            value = data[field]
            setattr(origin, field, value.strip() if isinstance(value, str) else value)
    origin.updated_by = user
    try:
        origin.full_clean(exclude=["product"])
    except ValidationError as error:
        raise ValidationError(
            {
                field: [
                    ValidationError(
                        item.message % (item.params or {}),
                        code=item.code
                        if item.code == LabelErrorCode.INVALID_ONSSA_NUMBER.value
                        else LabelErrorCode.INVALID.value,
                    )
                    for item in items
                ]
                for field, items in error.error_dict.items()
            }
        )
    with transaction.atomic():
        origin.save()
    return origin
