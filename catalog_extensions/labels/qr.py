"""QR codes that point at a public page (a certification's verification page, a product page)."""

import io

import segno

# Level M survives a scuffed jar label (15 % of the code) and keeps the code small.
ERROR_CORRECTION = "m"


def qr_png(url, *, scale=8):
    """A PNG of the QR code for `url`, with the standard 4-module quiet zone."""
    buffer = io.BytesIO()
    segno.make(url, error=ERROR_CORRECTION, micro=False).save(
        buffer, kind="png", scale=scale, border=4
    )
    return buffer.getvalue()


def qr_svg(url, *, scale=4):
    """A scalable SVG of the QR code for `url`, for print and high-density screens."""
    buffer = io.BytesIO()
    segno.make(url, error=ERROR_CORRECTION, micro=False).save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True
    )
    return buffer.getvalue()
