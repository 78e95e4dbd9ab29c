"""A cooperative prints the packaging label of one of its products.

The sticker states what the cooperative recorded about the product (its
origin and packaging facts) and what staff verified (the labels it carries);
the cooperative adds, at print time, the lot number and best-before date.
The QR code leads to the verification page of the product's certification,
or to the product's page when it has none.
"""

import hashlib
import re
from datetime import date

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from marketplace.cooperatives import access
from marketplace.cooperatives import saleor_catalogue as catalogue
from marketplace.cooperatives.models import Cooperative
from marketplace.core.regions import Province

from .errors import LabelErrorCode
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
                    code=LabelErrorCode.PRODUCT_NOT_OWNED.value,
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
            code=LabelErrorCode.UNKNOWN_STICKER_FORMAT.value,
        )
    if not LOT_NUMBER.match(lot_number):
        errors["lot_number"] = ValidationError(
            _("Enter the lot number: up to 30 letters, digits, dots, slashes or dashes."),
            code=LabelErrorCode.INVALID_LOT_NUMBER.value,
        )
    if best_before is None or best_before < today_in_morocco():
        errors["best_before"] = ValidationError(
            _("The best-before date cannot be in the past."),
            code=LabelErrorCode.BEST_BEFORE_PASSED.value,
        )
    if copies is not None and not 1 <= copies <= MAX_COPIES:
        errors["copies"] = ValidationError(
            _("Print between 1 and %(max)d stickers at a time.") % {"max": MAX_COPIES},
            code=LabelErrorCode.INVALID_COPIES.value,
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


# --- a download link for API clients --------------------------------------------------

DOWNLOAD_SALT = "labels.packaging-download"
DOWNLOAD_SECONDS = 15 * 60


def packaging_label_download_token(
    *, user, cooperative, product_id, sticker_format, lot_number, best_before, copies
):
    """A signed, short-lived token for the sheet, after checking everything the print checks."""
    access.ensure_member(user, cooperative)
    if catalogue.cooperative_product_detail(cooperative, product_id) is None:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("This product is not one of your cooperative's."),
                    code=LabelErrorCode.PRODUCT_NOT_OWNED.value,
                )
            }
        )
    lot_number = (lot_number or "").strip()
    _validate(sticker_format, lot_number, best_before, copies)
    return signing.dumps(
        {
            "user": user.pk,
            "cooperative": cooperative.pk,
            "product": product_id,
            "format": sticker_format,
            "lot": lot_number,
            "best_before": best_before.isoformat(),
            "copies": copies,
        },
        salt=DOWNLOAD_SALT,
        compress=True,
    )


def packaging_label_from_token(token, *, build_url):
    """The sheet a download token names, for its user if still a member; None if invalid.

    A sheet is laid out once per link: fetching the link again within its
    lifetime serves the same PDF, so a replayed link costs no layout.
    """
    try:
        order = signing.loads(token, salt=DOWNLOAD_SALT, max_age=DOWNLOAD_SECONDS)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=order["user"], is_active=True).first()
    cooperative = Cooperative.objects.filter(pk=order["cooperative"]).first()
    if user is None or cooperative is None or not access.is_member(user, cooperative):
        return None
    cache_key = "packaging-pdf:" + hashlib.sha256(token.encode()).hexdigest()
    pdf = cache.get(cache_key)
    if pdf is None:
        pdf = packaging_label_sheet(
            user=user,
            cooperative=cooperative,
            product_id=order["product"],
            sticker_format=order["format"],
            lot_number=order["lot"],
            best_before=date.fromisoformat(order["best_before"]),
            copies=order["copies"],
            build_url=build_url,
        )
        cache.set(cache_key, pdf, DOWNLOAD_SECONDS)
    return pdf
