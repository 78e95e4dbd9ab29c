"""Product illustrations drawn locally: a coloured motif per product family and the initials.

No network and no binary files in the repository: a few kilobytes of PNG each.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFont

SIZE = 540
FONT_NAMES = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "FreeSansBold.ttf"]
SMALL_WORDS = {"à", "au", "aux", "d", "de", "des", "du", "en", "et", "la", "le", "les", "l"}

# (background, motif, text) per product type.
PALETTES = {
    "huile-dolive": ((96, 110, 36), (150, 164, 62), (250, 236, 160)),
    "miel": ((190, 120, 20), (222, 160, 48), (255, 244, 214)),
    "epicerie": ((140, 78, 44), (178, 112, 70), (250, 232, 208)),
    "plantes": ((52, 102, 74), (86, 140, 104), (226, 244, 230)),
    "artisanat": ((24, 64, 130), (52, 98, 170), (244, 244, 252)),
}
DEFAULT_PALETTE = ((90, 90, 90), (130, 130, 130), (250, 250, 250))


def initials(name):
    words = name.replace("'", " ").replace("’", " ").split()
    significant = [word for word in words if word.lower() not in SMALL_WORDS and word[0].isalpha()]
    return "".join(word[0].upper() for word in significant[:2]) or "?"


def product_illustration(*, name, family):
    """PNG bytes: the family's colours and motif with the product's initials."""
    background, motif, text = PALETTES.get(family, DEFAULT_PALETTE)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.polygon(_motif_points(family), fill=motif)
    _draw_centered_text(image, initials(name), text)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _motif_points(family):
    center = SIZE / 2
    if family == "artisanat":  # an eight-pointed zellige star
        return _star(center, outer=SIZE * 0.42, inner=SIZE * 0.32, points=8)
    if family == "miel":  # a honeycomb cell
        return _polygon(center, radius=SIZE * 0.4, sides=6)
    return _polygon(center, radius=SIZE * 0.38, sides=48)


def _polygon(center, *, radius, sides, offset=0.0):
    return [
        (
            center + radius * math.cos(offset + 2 * math.pi * i / sides),
            center + radius * math.sin(offset + 2 * math.pi * i / sides),
        )
        for i in range(sides)
    ]


def _star(center, *, outer, inner, points):
    outer_points = _polygon(center, radius=outer, sides=points)
    inner_points = _polygon(center, radius=inner, sides=points, offset=math.pi / points)
    return [point for pair in zip(outer_points, inner_points, strict=True) for point in pair]


def _draw_centered_text(image, text, colour):
    font = _font(size=int(SIZE * 0.3))
    if font is None:
        _draw_scaled_bitmap_text(image, text, colour)
        return
    draw = ImageDraw.Draw(image)
    draw.text((SIZE / 2, SIZE / 2), text, font=font, fill=colour, anchor="mm")


def _font(*, size):
    for font_name in FONT_NAMES:
        try:
            return ImageFont.truetype(font_name, size)
        except OSError:
            continue
    return None


def _draw_scaled_bitmap_text(image, text, colour):
    # Without a TrueType font on the machine, enlarge Pillow's built-in bitmap font.
    font = ImageFont.load_default()
    left, top, right, bottom = font.getbbox(text)
    small = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(small).text((-left, -top), text, font=font, fill=255)
    scale = int(SIZE * 0.4 / max(small.width, small.height)) or 1
    mask = small.resize((small.width * scale, small.height * scale), Image.NEAREST)
    position = ((SIZE - mask.width) // 2, (SIZE - mask.height) // 2)
    image.paste(Image.new("RGB", mask.size, colour), position, mask)
