"""The packaging-label sheet as a printer gets it: text, QR code and page count."""

import io
from datetime import date

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from catalog_extensions.labels.packaging import (
    DEFAULT_FORMAT,
    STICKER_FORMATS,
    PackagingLabel,
    render_sheet,
)

VERIFY_URL = "https://terroir.example.ma/verify/Zk3v9QpL2xR7/"


def zerhoune_oil(**changes):
    facts = dict(
        product_name_ar="زيت زيتون زرهون البكر الممتاز",
        product_name_fr="Huile d'olive vierge extra de Zerhoune",
        cooperative_name_ar="تعاونية زيتون زرهون",
        cooperative_name_fr="Coopérative Zitoune Zerhoune",
        cooperative_address="Douar Aït Ali, Moulay Driss Zerhoun",
        province_ar="مكناس",
        province_fr="Meknès",
        net_quantity="1 L",
        ingredients_ar="زيت الزيتون البكر الممتاز",
        ingredients_fr="Huile d'olive vierge extra",
        lot_number="L-2611-07",
        best_before=date(2027, 11, 30),
        onssa_authorisation="AS.12.345.67",
        qr_url=VERIFY_URL,
        qr_verifies=True,
    )
    return PackagingLabel(**{**facts, **changes})


def read(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    # A long name wraps inside its sticker: compare words, not lines.
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_sticker_carries_both_languages_lot_and_dates_as_text():
    # when
    reader, text = read(render_sheet(zerhoune_oil(), STICKER_FORMATS[DEFAULT_FORMAT]))

    # then
    assert "زيت زيتون زرهون البكر الممتاز" in text
    assert "Huile d'olive vierge extra de Zerhoune" in text
    assert "تعاونية زيتون زرهون" in text
    assert "L-2611-07" in text
    assert "30/11/2027" in text
    assert "AS.12.345.67" in text
    assert "Produit par" in text and "إنتاج" in text
    assert "Scannez pour vérifier le label" in text


def test_sheet_holds_one_sticker_per_place_of_the_format():
    # when
    _, text = read(render_sheet(zerhoune_oil(), STICKER_FORMATS[DEFAULT_FORMAT]))

    # then
    assert text.count("L-2611-07") == STICKER_FORMATS[DEFAULT_FORMAT].per_sheet


def test_qr_code_on_the_sticker_decodes_to_the_verification_page():
    # when
    reader, _ = read(render_sheet(zerhoune_oil(), STICKER_FORMATS["a4"]))

    # then
    image = Image.open(io.BytesIO(reader.pages[0].images[0].data))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [VERIFY_URL]


def test_copies_beyond_one_sheet_continue_on_new_sheets():
    # when
    reader, text = read(render_sheet(zerhoune_oil(), STICKER_FORMATS["a4"], copies=3))

    # then
    assert len(reader.pages) == 3
    assert text.count("L-2611-07") == 3


@pytest.mark.parametrize("asked, printed", [(0, 1), (-5, 1), (10_000, 480)])
def test_copies_are_kept_within_a_printable_range(asked, printed):
    # when
    reader, _ = read(render_sheet(zerhoune_oil(), STICKER_FORMATS["a4"], copies=asked))

    # then
    assert len(reader.pages) == printed
