"""A cooperative prints the packaging label of one of its products.

The sticker states what the cooperative recorded about the product (its
origin and packaging facts) and what staff verified (the labels it carries);
the cooperative adds, at print time, the lot number and best-before date.
The QR code leads to the verification page of the product's certification,
or to the product's page when it has none.
"""

import re
from enum import Enum

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives import access
from marketplace.cooperatives import saleor_catalogue as catalogue
from marketplace.core.regions import Province

from .models import Certification, today_in_morocco
from .packaging import (
    MAX_COPIES,
    STICKER_FORMATS,
    Logo,
    PackagingLabel,
    image_data_uri,
    render_sheet,
)

LOT_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{0,29}$")
LOGO_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "svg": "image/svg+xml",
}
PRODUCT_PAGE = "storefront:product-detail"


class PackagingErrorCode(str, Enum):
    PRODUCT_NOT_OWNED = "product_not_owned"
    INVALID_LOT_NUMBER = "invalid_lot_number"
    BEST_BEFORE_PASSED = "best_before_passed"
    UNKNOWN_FORMAT = "unknown_format"
    INVALID_COPIES = "invalid_copies"


def packaging_label_sheet(
    *, user, cooperative, product_id, sticker_format, lot_number, best_before, copies, build_url
):
    """The PDF sheet of one product's stickers; only its cooperative's members may print it.

    ``build_url(path)`` turns a site path into the absolute URL the QR code carries.
    """
    access.ensure_member(user, cooperative)
    product = catalogue.cooperative_product_detail(cooperative, product_id)
    if product is None:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("This product is not one of your cooperative's."),
                    code=PackagingErrorCode.PRODUCT_NOT_OWNED.value,
                )
            }
        )
    lot_number = (lot_number or "").strip()
    _validate(sticker_format, lot_number, best_before, copies)
    label = packaging_label_for(
        product=product,
        cooperative=cooperative,
        lot_number=lot_number,
        best_before=best_before,
        build_url=build_url,
    )
    return render_sheet(label, STICKER_FORMATS[sticker_format], copies=copies)


def _validate(sticker_format, lot_number, best_before, copies):
    errors = {}
    if sticker_format not in STICKER_FORMATS:
        errors["format"] = ValidationError(
            _("Choose one of the sticker formats offered."),
            code=PackagingErrorCode.UNKNOWN_FORMAT.value,
        )
    if not LOT_NUMBER.match(lot_number):
        errors["lot_number"] = ValidationError(
            _("Enter the lot number: up to 30 letters, digits, dots, slashes or dashes."),
            code=PackagingErrorCode.INVALID_LOT_NUMBER.value,
        )
    if best_before is None or best_before < today_in_morocco():
        errors["best_before"] = ValidationError(
            _("The best-before date cannot be in the past."),
            code=PackagingErrorCode.BEST_BEFORE_PASSED.value,
        )
    if copies is not None and not 1 <= copies <= MAX_COPIES:
        errors["copies"] = ValidationError(
            _("Print between 1 and %(max)d stickers at a time.") % {"max": MAX_COPIES},
            code=PackagingErrorCode.INVALID_COPIES.value,
        )
    if errors:
        raise ValidationError(errors)


def packaging_label_for(*, product, cooperative, lot_number, best_before, build_url):
    names = catalogue.translations_of(product)
    origin = getattr(product, "terroir_origin", None)
    province = (origin.province if origin else "") or cooperative.province
    certifications = list(
        Certification.objects.displayable()
        .filter(product=product, cooperative=cooperative)
        .select_related("label")
        .order_by("label__kind", "pk")
    )
    if certifications:
        qr_url = build_url(certifications[0].get_absolute_url())
    else:
        qr_url = build_url(_product_page(product))
    return PackagingLabel(
        product_name_ar=(names.get("ar") or (product.name, ""))[0],
        product_name_fr=product.name,
        cooperative_name_ar=cooperative.name_ar or cooperative.name_fr,
        cooperative_name_fr=cooperative.name_fr,
        cooperative_address=", ".join(
            part for part in (cooperative.address, cooperative.commune) if part
        ),
        province_ar=_province_in(province, "ar"),
        province_fr=_province_in(province, "fr"),
        net_quantity=origin.net_quantity if origin else "",
        ingredients_ar=origin.ingredients_ar if origin else "",
        ingredients_fr=origin.ingredients_fr if origin else "",
        lot_number=lot_number,
        best_before=best_before,
        onssa_authorisation=origin.onssa_number if origin else "",
        qr_url=qr_url,
        qr_verifies=bool(certifications),
        logos=tuple(_logos(certification.label for certification in certifications)),
    )


def _province_in(province, language):
    if not province:
        return ""
    with translation.override(language):
        return str(Province(province).label)


def _product_page(product):
    try:
        return reverse(PRODUCT_PAGE, kwargs={"slug": product.slug})
    except NoReverseMatch:
        return "/"


def _logos(labels):
    seen = set()
    for label in labels:
        if not label.logo or label.pk in seen:
            continue
        seen.add(label.pk)
        extension = label.logo.name.rsplit(".", 1)[-1].lower()
        if extension not in LOGO_TYPES:
            continue
        with label.logo.open("rb") as logo:
            yield Logo(label.name, image_data_uri(logo.read(), LOGO_TYPES[extension]))
