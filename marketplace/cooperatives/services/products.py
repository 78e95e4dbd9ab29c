"""A cooperative's own shop: its products, variants, stock, images and publication.

Only members of an approved cooperative act here, and only on products tied
to their cooperative (``CooperativeProduct``). Saleor's own product
mutations stay staff-only (``manage_products``), so this is the members' path.

``data`` keys (every one optional on update): name_fr, name_ar (one of the two
is enough: an Arabic-speaking cooperative may leave French for later), name_en,
description_fr, description_ar, description_en, product_type, category
(instances, pks, slugs or names), price (MAD, > 0), sku and quantity (the
first variant), variants ([{sku, name, price, quantity}], matched by SKU on
update, never removed), is_published.

Deleting a product is refused while an unfulfilled or partly fulfilled order
still holds one of its lines: the cooperative must ship or cancel it first.
Otherwise Saleor keeps past order lines (variant set to null, name and SKU
copied) and ``OrderLineCooperative`` keeps whose they were.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.images import decode_image

from .. import access
from .. import saleor_catalogue as catalogue
from ..errors import CooperativeErrorCode
from ..models import CooperativeStatus

MAX_PRICE = Decimal("99999999.99")
MAX_NAME_LENGTH = 250
MAX_SKU_LENGTH = 255
MAX_QUANTITY = 2_000_000_000
MAX_IMAGE_SIZE = 10 * 1024 * 1024
LANGUAGE_FIELDS = (("ar", "name_ar", "description_ar"), ("en", "name_en", "description_en"))


def _error(field, message, code):
    return ValidationError({field: ValidationError(message, code=code.value)})


# --- who may act ------------------------------------------------------------------------


def ensure_shop_open(*, cooperative, user):
    """A member of an approved cooperative; raises PermissionDenied or NOT_APPROVED."""
    access.ensure_member(user, cooperative)
    if cooperative.status != CooperativeStatus.APPROVED:
        raise _error(
            "cooperative",
            _("Your cooperative must be approved before it can sell."),
            CooperativeErrorCode.NOT_APPROVED,
        )


def ensure_product_owned(*, product, user):
    """The product's cooperative, if the user acts for it; PRODUCT_NOT_OWNED otherwise."""
    if not user or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in to manage your cooperative's products."))
    cooperative = catalogue.cooperative_of(product)
    if cooperative is None or not access.is_member(user, cooperative):
        raise _error(
            "product",
            _("This product does not belong to your cooperative."),
            CooperativeErrorCode.PRODUCT_NOT_OWNED,
        )
    ensure_shop_open(cooperative=cooperative, user=user)
    return cooperative


def cooperative_warehouse(cooperative):
    if cooperative.warehouse_id is None:
        raise _error(
            "cooperative",
            _("Your cooperative has no warehouse yet; ask the council to set it up."),
            CooperativeErrorCode.NO_WAREHOUSE,
        )
    return cooperative.warehouse


# --- cleaning ---------------------------------------------------------------------------


def _text(value):
    return "" if value is None else str(value).strip()


def _clean_price(value, field, errors):
    if value is None or value == "":
        errors[field] = ValidationError(
            _("Enter a price."), code=CooperativeErrorCode.REQUIRED.value
        )
        return None
    try:
        price = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        price = None
    if (
        price is None
        or not price.is_finite()
        or price <= 0
        or price > MAX_PRICE
        or (price != price.quantize(Decimal("0.01")))
    ):
        errors[field] = ValidationError(
            _("Enter a price in dirhams greater than zero, with at most two decimals."),
            code=CooperativeErrorCode.INVALID.value,
        )
        return None
    return price.quantize(Decimal("0.01"))


def _clean_quantity(value, field, errors):
    if value is None or value == "":
        return 0
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if (
        number is None
        or not number.is_finite()
        or number != number.to_integral_value()
        or not 0 <= number <= MAX_QUANTITY
    ):
        errors[field] = ValidationError(
            _("Enter a whole number of items, zero or more."),
            code=CooperativeErrorCode.INVALID.value,
        )
        return None
    return int(number)


def _clean_sku(value, field, errors):
    sku = _text(value)
    if not sku:
        errors[field] = ValidationError(
            _("Enter a SKU."), code=CooperativeErrorCode.REQUIRED.value
        )
        return None
    if len(sku) > MAX_SKU_LENGTH or any(ch.isspace() for ch in sku):
        errors[field] = ValidationError(
            _("A SKU has at most 255 characters and no spaces."),
            code=CooperativeErrorCode.INVALID.value,
        )
        return None
    return sku


def _clean_name(value, field, errors, *, required=True):
    name = _text(value)
    if not name and not required:
        return ""
    if not name:
        errors[field] = ValidationError(
            _("Enter the product's name."), code=CooperativeErrorCode.REQUIRED.value
        )
        return None
    if len(name) > MAX_NAME_LENGTH:
        errors[field] = ValidationError(
            _("A name has at most 250 characters."), code=CooperativeErrorCode.INVALID.value
        )
        return None
    return name


def _require_a_name(cleaned, product, errors):
    """A product needs a name in Arabic or in French; either may be left for later."""
    if "name_fr" in errors or "name_ar" in errors:
        return
    current = {"name_fr": product.name, "name_ar": ""} if product else {}
    if product is not None and "name_ar" not in cleaned:
        current["name_ar"] = catalogue.translations_of(product).get("ar", ("", ""))[0]
    names = {field: cleaned.get(field, current.get(field, "")) for field in ("name_fr", "name_ar")}
    if not any(names.values()):
        for field in ("name_ar", "name_fr"):
            errors[field] = ValidationError(
                _("Enter the product's name in Arabic or in French."),
                code=CooperativeErrorCode.REQUIRED.value,
            )


def _clean_reference(data, field, finder, errors, *, required):
    value = data.get(field)
    if value in (None, ""):
        if required:
            errors[field] = ValidationError(
                _("Choose one."), code=CooperativeErrorCode.REQUIRED.value
            )
        return None
    found = finder(value)
    if found is None:
        errors[field] = ValidationError(
            _("There is no such choice in the catalogue."),
            code=CooperativeErrorCode.NOT_FOUND.value,
        )
    return found


def _clean_variants(items, errors):
    if not isinstance(items, (list, tuple)):
        errors["variants"] = ValidationError(
            _("Variants must be a list."), code=CooperativeErrorCode.INVALID.value
        )
        return None
    cleaned, variant_errors = [], {}
    for index, item in enumerate(items):
        item_errors = {}
        sku = _clean_sku(item.get("sku"), "sku", item_errors)
        variant = {"sku": sku}
        if "name" in item:
            variant["name"] = _text(item.get("name"))[:255]
        if item.get("price") not in (None, ""):
            variant["price"] = _clean_price(item.get("price"), "price", item_errors)
        if "quantity" in item:
            variant["quantity"] = _clean_quantity(item.get("quantity"), "quantity", item_errors)
        for field, error in item_errors.items():
            variant_errors.setdefault(f"variants.{index}.{field}", error)
        cleaned.append(variant)
    skus = [variant["sku"] for variant in cleaned if variant["sku"]]
    if len(skus) != len(set(skus)):
        variant_errors["variants"] = ValidationError(
            _("Each variant needs its own SKU."), code=CooperativeErrorCode.DUPLICATE_SKU.value
        )
    errors.update(variant_errors)
    return cleaned


def clean_product_data(data, *, product=None):
    """Validated values of the keys present in ``data``; all errors at once."""
    creating = product is None
    errors, cleaned = {}, {}

    for field in ("name_fr", "name_ar"):
        if creating or field in data:
            cleaned[field] = _clean_name(data.get(field), field, errors, required=False)
    _require_a_name(cleaned, product, errors)
    if "name_en" in data:
        cleaned["name_en"] = _clean_name(data.get("name_en"), "name_en", errors, required=False)
    for field in ("description_fr", "description_ar", "description_en"):
        if field in data:
            cleaned[field] = _text(data.get(field))
    for field, finder in (
        ("product_type", catalogue.find_product_type),
        ("category", catalogue.find_category),
    ):
        if creating or field in data:
            cleaned[field] = _clean_reference(data, field, finder, errors, required=True)
    if creating or "price" in data:
        cleaned["price"] = _clean_price(data.get("price"), "price", errors)
    if data.get("variants"):
        cleaned["variants"] = _clean_variants(data["variants"], errors)
    elif creating or "sku" in data:
        cleaned["sku"] = _clean_sku(data.get("sku"), "sku", errors)
    if creating or "quantity" in data:
        cleaned["quantity"] = _clean_quantity(data.get("quantity"), "quantity", errors)
    if creating or "is_published" in data:
        cleaned["is_published"] = bool(data.get("is_published"))

    product_type = cleaned.get("product_type") or (product.product_type if product else None)
    variants = cleaned.get("variants") or []
    if product_type is not None and not product_type.has_variants:
        existing = set(product.variants.values_list("sku", flat=True)) if product else set()
        if len(existing | {variant["sku"] for variant in variants}) > 1:
            errors["variants"] = ValidationError(
                _("This product type has a single variant."),
                code=CooperativeErrorCode.INVALID.value,
            )
    if errors:
        raise ValidationError(errors)
    _check_skus_free(cleaned, product)
    return cleaned


def _check_skus_free(cleaned, product):
    skus = [variant["sku"] for variant in cleaned.get("variants") or []]
    if cleaned.get("sku"):
        skus.append(cleaned["sku"])
    for sku in skus:
        if catalogue.sku_taken(sku, exclude_product=product):
            field = "sku" if sku == cleaned.get("sku") else "variants"
            raise _error(
                field,
                _("The SKU %(sku)s is already used by another product.") % {"sku": sku},
                CooperativeErrorCode.DUPLICATE_SKU,
            )


# --- writing ----------------------------------------------------------------------------


def _write_translations(product, cleaned):
    for language, name_field, description_field in LANGUAGE_FIELDS:
        if name_field in cleaned or description_field in cleaned:
            current = catalogue.translations_of(product).get(language, ("", ""))
            catalogue.set_translation(
                product,
                language,
                name=cleaned.get(name_field, current[0]),
                description=cleaned.get(description_field, current[1]),
            )


def _set_stock(variant, warehouse, quantity):
    stock = catalogue.set_stock_quantity(variant, warehouse, quantity)
    allocated = catalogue.allocated_quantity(stock)
    if quantity < allocated:
        raise _error(
            "quantity",
            ngettext(
                "%(allocated)d item is already allocated to an order; stock cannot go lower.",
                "%(allocated)d items are already allocated to orders; stock cannot go lower.",
                allocated,
            )
            % {"allocated": allocated},
            CooperativeErrorCode.INSUFFICIENT_STOCK,
        )
    return stock


def _write_variants(product, cleaned, warehouse, *, creating):
    variants = list(product.variants.order_by("pk"))
    changed_price = False
    if "variants" in cleaned:
        by_sku = {variant.sku: variant for variant in variants}
        for item in cleaned["variants"]:
            existing = by_sku.get(item["sku"])
            if existing is None or "name" in item or "price" in item:
                existing = catalogue.save_variant(
                    product,
                    sku=item["sku"],
                    name=item.get("name", existing.name if existing else ""),
                    price=item.get("price"),
                    variant=existing,
                )
                changed_price = changed_price or "price" in item
            if "quantity" in item or creating:
                _set_stock(existing, warehouse, item.get("quantity") or 0)
        return changed_price
    first = variants[0] if variants else None
    if first is None or (cleaned.get("sku") and cleaned["sku"] != first.sku):
        first = catalogue.save_variant(product, sku=cleaned["sku"], variant=first)
    if "quantity" in cleaned:
        _set_stock(first, warehouse, cleaned["quantity"])
    return changed_price


def _write_product(product, cleaned, cooperative, *, creating):
    warehouse = cooperative_warehouse(cooperative)
    # Saleor's base name is the French one; an Arabic-only product is known by its Arabic name.
    base_name = cleaned.get("name_fr")
    if base_name == "":
        base_name = cleaned.get("name_ar") or None
    catalogue.assign_product_fields(
        product,
        name=base_name,
        description=cleaned.get("description_fr"),
        product_type=cleaned.get("product_type"),
        category=cleaned.get("category"),
        price=cleaned.get("price"),
        is_published=cleaned.get("is_published"),
    )
    catalogue.save_product(product)
    if creating:
        catalogue.link_product(product, cooperative)
        catalogue.announce_product_created(product)
    _write_translations(product, cleaned)
    changed_price = _write_variants(product, cleaned, warehouse, creating=creating)
    if changed_price or "price" in cleaned:
        catalogue.refresh_minimal_variant_price(product)
    return product


def cooperative_product_create(*, cooperative, user, data):
    ensure_shop_open(cooperative=cooperative, user=user)
    cooperative_warehouse(cooperative)
    cleaned = clean_product_data(data)
    with transaction.atomic():
        return _write_product(catalogue.new_product(), cleaned, cooperative, creating=True)


def cooperative_product_update(*, product, user, data):
    cooperative = ensure_product_owned(product=product, user=user)
    cleaned = clean_product_data(data, product=product)
    with transaction.atomic():
        return _write_product(product, cleaned, cooperative, creating=False)


def cooperative_product_set_published(*, product, user, is_published):
    ensure_product_owned(product=product, user=user)
    if is_published and product.category_id is None:
        # Saleor will not publish a product without a category (its category was deleted).
        raise _error(
            "category",
            _("Choose a category before publishing."),
            CooperativeErrorCode.REQUIRED,
        )
    with transaction.atomic():
        catalogue.assign_product_fields(product, is_published=bool(is_published))
        catalogue.save_product(product)
    return product


def cooperative_product_delete(*, product, user):
    ensure_product_owned(product=product, user=user)
    if catalogue.has_open_order_lines(product):
        raise _error(
            "product",
            _("Orders waiting to be shipped contain this product; fulfil or cancel them first."),
            CooperativeErrorCode.PRODUCT_HAS_OPEN_ORDERS,
        )
    with transaction.atomic():
        catalogue.delete_product(product)


def cooperative_stock_set(*, variant, user, quantity):
    cooperative = ensure_product_owned(product=variant.product, user=user)
    warehouse = cooperative_warehouse(cooperative)
    errors = {}
    quantity = _clean_quantity(quantity, "quantity", errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _set_stock(variant, warehouse, quantity)


def validate_product_image(image):
    """A real raster image, checked by decoding it (never by its name)."""
    if image is None:
        raise _error("image", _("Choose an image."), CooperativeErrorCode.REQUIRED)
    if image.size > MAX_IMAGE_SIZE:
        raise _error(
            "image", _("An image can be at most 10 MB."), CooperativeErrorCode.FILE_TOO_LARGE
        )
    if decode_image(image) is None:
        raise _error(
            "image",
            _("Upload a JPEG, PNG, WebP or GIF image."),
            CooperativeErrorCode.INVALID_FILE_TYPE,
        )


def cooperative_product_image_add(*, product, user, image, alt=""):
    ensure_product_owned(product=product, user=user)
    validate_product_image(image)
    with transaction.atomic():
        return catalogue.add_product_image(product, image, alt=alt)


def cooperative_product_image_remove(*, product, user, image_id):
    ensure_product_owned(product=product, user=user)
    image = catalogue.product_image(product, image_id)
    if image is None:
        raise _error(
            "image", _("This image is not on the product."), CooperativeErrorCode.NOT_FOUND
        )
    with transaction.atomic():
        catalogue.delete_product_image(image)
