"""Print-ready packaging labels: an A4 sheet of stickers in Arabic and French.

A small cooperative needs the physical label as much as the online one: this
lays out, on the common sticker sheets, the facts a terroir product's label
carries (names, producer, origin, net quantity, ingredients, lot, best-before
date, ONSSA authorisation) with the verified label logos and a QR code to the
public verification page. WeasyPrint (installed with Saleor) shapes Arabic and
sets it right to left; the text stays extractable, so the tests read it back.
"""

import base64
import io
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from pypdf import PdfReader, PdfWriter

from .qr import qr_png

A4_WIDTH_MM = 210
A4_HEIGHT_MM = 297
MAX_COPIES = 480
CONTEXT = "packaging label"


@dataclass(frozen=True)
class StickerFormat:
    """One sticker size and where its stickers sit on an A4 sheet (in millimetres)."""

    code: str
    name: str
    width: float
    height: float
    columns: int
    rows: int
    top: float
    left: float
    gap_x: float = 0
    gap_y: float = 0
    font_pt: float = 7
    qr_mm: float = 20

    @property
    def per_sheet(self):
        return self.columns * self.rows

    def positions(self):
        for row in range(self.rows):
            for column in range(self.columns):
                yield (
                    self.top + row * (self.height + self.gap_y),
                    self.left + column * (self.width + self.gap_x),
                )


STICKER_FORMATS = {
    sticker.code: sticker
    for sticker in (
        StickerFormat(
            "a4", _("Full A4 page (1 per sheet)"), 190, 277, 1, 1, 10, 10, font_pt=14, qr_mm=45
        ),
        StickerFormat(
            "a6", _("105 × 148 mm (4 per sheet)"), 105, 148, 2, 2, 0, 0, font_pt=9, qr_mm=30
        ),
        StickerFormat(
            "99x68",
            _("99.1 × 67.7 mm (8 per sheet)"),
            99.1,
            67.7,
            2,
            4,
            13.1,
            4.65,
            gap_x=2.5,
            font_pt=6.5,
            qr_mm=21,
        ),
        StickerFormat(
            "70x37", _("70 × 37 mm (24 per sheet)"), 70, 37, 3, 8, 0.5, 0, font_pt=4.6, qr_mm=15
        ),
    )
}
DEFAULT_FORMAT = "99x68"


@dataclass(frozen=True)
class Logo:
    name: str
    data_uri: str


@dataclass(frozen=True)
class PackagingLabel:
    """What one product's sticker says; every text in Arabic and in French."""

    product_name_ar: str
    product_name_fr: str
    cooperative_name_ar: str
    cooperative_name_fr: str
    cooperative_address: str
    province_ar: str
    province_fr: str
    net_quantity: str
    ingredients_ar: str
    ingredients_fr: str
    lot_number: str
    best_before: date
    onssa_authorisation: str
    qr_url: str
    qr_verifies: bool  # the QR leads to a certification's verification page
    logos: tuple = field(default_factory=tuple)


def captions(language):
    """The fixed wording of a sticker, in `language` whatever the page's language."""
    with translation.override(language):
        return {
            "produced_by": pgettext(CONTEXT, "Produced by"),
            "origin": pgettext(CONTEXT, "Origin"),
            "net_quantity": pgettext(CONTEXT, "Net quantity"),
            "ingredients": pgettext(CONTEXT, "Ingredients"),
            "lot": pgettext(CONTEXT, "Lot"),
            "best_before": pgettext(CONTEXT, "Best before"),
            "onssa": pgettext(CONTEXT, "ONSSA sanitary authorisation"),
            "scan_verify": pgettext(CONTEXT, "Scan to verify the label"),
            "scan_product": pgettext(CONTEXT, "Scan to see the product"),
        }


def image_data_uri(content, mime_type):
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def render_sheet(label, sticker_format, *, copies=None):
    """The PDF bytes of as many sheets as `copies` stickers need (one full sheet by default).

    Every full sheet is the same page: it is laid out once and repeated, so a
    large print run costs at most two layouts.
    """
    copies = copies or sticker_format.per_sheet
    copies = max(1, min(int(copies), MAX_COPIES))
    full_sheets, last_sheet = divmod(copies, sticker_format.per_sheet)
    writer = PdfWriter()
    if full_sheets:
        full = _layout(label, sticker_format, sticker_format.per_sheet)
        for _sheet in range(full_sheets):
            writer.add_page(full)
    if last_sheet:
        writer.add_page(_layout(label, sticker_format, last_sheet))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _layout(label, sticker_format, stickers):
    # Imported here: WeasyPrint loads Pango at import time, which only this path needs.
    from weasyprint import HTML

    html = render_to_string(
        "labels/packaging/sheet.html",
        {
            "label": label,
            "format": sticker_format,
            "positions": list(sticker_format.positions())[:stickers],
            "ar": captions("ar"),
            "fr": captions("fr"),
            "best_before": label.best_before.strftime("%d/%m/%Y"),
            "qr": image_data_uri(qr_png(label.qr_url, scale=10), "image/png"),
            "page_width": A4_WIDTH_MM,
            "page_height": A4_HEIGHT_MM,
        },
    )
    return PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages[0]
