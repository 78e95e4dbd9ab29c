"""Demo pictures drawn locally with Pillow: each shows what the product is.

An olive-oil bottle, a honey jar, figs, a couscous bowl, a tajine, a woven
blanket… chosen from the product's slug and type, never from its name, and
with no letters at all, so the same picture fits French, Arabic and English
pages. No network and no binary files in the repository: a few kilobytes of
PNG each. Cooperative logos are drawn the same way from their sectors.
"""

import io
import math

from PIL import Image, ImageDraw

SIZE = 540
SCALE = 2  # drawn at twice the size, then reduced: smooth edges

# Keywords of a product's slug, most specific first, and the picture they get.
KIND_KEYWORDS = [
    ("amlou", "amlou"),
    ("confiture-cerises", "cherry-jam"),
    ("confiture", "fig-jam"),
    ("olives", "olives"),
    ("huile", "olive-oil"),
    ("argan", "argan-oil"),
    ("miel", "honey"),
    ("figues", "figs"),
    ("dattes", "dates"),
    ("amandes", "almonds"),
    ("couscous", "couscous"),
    ("belboula", "couscous"),
    ("caroube", "powder"),
    ("epices", "spices"),
    ("ras-el-hanout", "spices"),
    ("fromage", "cheese"),
    ("jben", "cheese"),
    ("romarin", "herbs"),
    ("armoise", "herbs"),
    ("origan", "herbs"),
    ("zaatar", "herbs"),
    ("tajine", "tajine"),
    ("plat", "pottery"),
    ("bols", "pottery"),
    ("poterie", "pottery"),
    ("nappe", "textile"),
    ("serviettes", "textile"),
    ("handira", "textile"),
    ("housse", "textile"),
    ("tapis", "textile"),
    ("aakad", "buttons"),
    ("sfifa", "buttons"),
    ("cedre", "cedar-box"),
]
KIND_BY_FAMILY = {
    "huile-dolive": "olive-oil",
    "miel": "honey",
    "epicerie": "spices",
    "plantes": "herbs",
    "artisanat": "pottery",
}
KIND_BY_SECTOR = {
    "olive-oil": "olive-oil",
    "honey": "honey",
    "nuts-dried-fruit": "almonds",
    "cereals": "couscous",
    "aromatic-plants": "herbs",
    "dairy": "cheese",
    "pottery": "pottery",
    "textiles": "textile",
    "woodwork": "cedar-box",
    "cosmetics": "argan-oil",
}
BACKGROUNDS = {
    "olive-oil": (233, 236, 205),
    "argan-oil": (246, 230, 200),
    "olives": (228, 236, 210),
    "honey": (250, 236, 196),
    "cherry-jam": (248, 222, 222),
    "fig-jam": (236, 224, 240),
    "amlou": (244, 228, 208),
    "figs": (238, 228, 240),
    "dates": (246, 232, 214),
    "almonds": (246, 236, 220),
    "couscous": (240, 232, 212),
    "powder": (240, 228, 212),
    "spices": (250, 234, 214),
    "cheese": (232, 238, 246),
    "herbs": (224, 238, 226),
    "tajine": (246, 230, 214),
    "pottery": (226, 234, 246),
    "textile": (246, 232, 226),
    "buttons": (238, 228, 242),
    "cedar-box": (240, 230, 214),
}


def picture_kind(*, slug, family):
    for keyword, kind in KIND_KEYWORDS:
        if keyword in slug:
            return kind
    return KIND_BY_FAMILY.get(family, "pottery")


def product_illustration(*, slug, family):
    """PNG bytes of a drawing of what the product is."""
    kind = picture_kind(slug=slug, family=family)
    return _png(kind, _DRAWINGS[kind])


def cooperative_logo(*, sectors):
    """PNG bytes of a round badge showing the cooperative's first sector."""
    kind = next((KIND_BY_SECTOR[s] for s in sectors if s in KIND_BY_SECTOR), "pottery")
    return _png(kind, _DRAWINGS[kind], round_badge=True)


def _png(kind, drawing, *, round_badge=False):
    size = SIZE * SCALE
    image = Image.new("RGB", (size, size), BACKGROUNDS[kind])
    draw = ImageDraw.Draw(image)
    if not round_badge:
        draw.rectangle((0, size * 0.78, size, size), fill=_shade(BACKGROUNDS[kind], 0.9))
    drawing(draw, lambda v: v * size)
    image = image.resize((SIZE, SIZE), Image.LANCZOS)
    if round_badge:
        mask = Image.new("L", (SIZE, SIZE), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, SIZE - 1, SIZE - 1), fill=255)
        badge = Image.new("RGB", (SIZE, SIZE), (255, 255, 255))
        badge.paste(image, (0, 0), mask)
        image = badge
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _shade(colour, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in colour)


def _box(u, x0, y0, x1, y1):
    return (u(x0), u(y0), u(x1), u(y1))


def _ellipse(draw, u, cx, cy, rx, ry, fill, outline=None, width=0):
    draw.ellipse(_box(u, cx - rx, cy - ry, cx + rx, cy + ry), fill=fill, outline=outline,
                 width=int(u(width)))


def _leaf(draw, u, cx, cy, length, width, angle, fill):
    """An olive or herb leaf: a pointed oval turned by ``angle`` (radians)."""
    points = []
    for i in range(24):
        t = 2 * math.pi * i / 24
        x, y = length * math.cos(t), width * math.sin(t) * abs(math.cos(t / 2)) ** 0.2
        points.append((u(cx + x * math.cos(angle) - y * math.sin(angle)),
                       u(cy + x * math.sin(angle) + y * math.cos(angle))))
    draw.polygon(points, fill=fill)


def _bottle(draw, u, liquid, glass=(236, 244, 232), cap=(120, 60, 30)):
    draw.rounded_rectangle(_box(u, .36, .30, .64, .80), radius=u(.05), fill=glass,
                           outline=(150, 150, 130), width=int(u(.006)))
    draw.rounded_rectangle(_box(u, .375, .42, .625, .785), radius=u(.04), fill=liquid)
    draw.polygon([(u(.36), u(.32)), (u(.64), u(.32)), (u(.56), u(.22)), (u(.44), u(.22))],
                 fill=glass)
    draw.rectangle(_box(u, .45, .12, .55, .23), fill=glass, outline=(150, 150, 130),
                   width=int(u(.006)))
    draw.rectangle(_box(u, .445, .09, .555, .14), fill=cap)
    draw.rectangle(_box(u, .40, .52, .60, .66), fill=(250, 244, 226))
    _leaf(draw, u, .47, .59, .045, .018, -0.5, (96, 120, 40))
    _ellipse(draw, u, .53, .60, .018, .024, (70, 90, 30))


def _olive_branch(draw, u, x, y):
    draw.line([(u(x), u(y)), (u(x + .22), u(y - .12))], fill=(110, 80, 40), width=int(u(.01)))
    for i, (dx, dy, a) in enumerate([(.04, -.03, -1.2), (.09, -.04, 0.9), (.14, -.08, -1.0),
                                     (.18, -.09, 0.7)]):
        _leaf(draw, u, x + dx, y + dy, .05, .016, a, (96, 120, 40) if i % 2 else (120, 146, 60))
    _ellipse(draw, u, x + .11, y - .02, .022, .03, (60, 80, 30))


def _jar(draw, u, content, lid=(200, 160, 60), fruits=None):
    draw.rounded_rectangle(_box(u, .33, .36, .67, .80), radius=u(.06), fill=content,
                           outline=_shade(content, .7), width=int(u(.006)))
    draw.rounded_rectangle(_box(u, .31, .28, .69, .37), radius=u(.02), fill=lid)
    for i in range(5):
        draw.line([(u(.33 + i * .085), u(.29)), (u(.33 + i * .085), u(.36))],
                  fill=_shade(lid, .8), width=int(u(.006)))
    draw.rectangle(_box(u, .38, .50, .62, .66), fill=(250, 244, 226))
    if fruits:
        fruits(draw, u)


def draw_olive_oil(draw, u):
    _bottle(draw, u, liquid=(170, 170, 40))
    _olive_branch(draw, u, .62, .74)


def draw_argan_oil(draw, u):
    _bottle(draw, u, liquid=(214, 150, 40))
    for dx in (0, .06, .12):
        _ellipse(draw, u, .70 + dx, .74, .026, .018, (150, 100, 50))


def draw_olives(draw, u):
    _ellipse(draw, u, .5, .66, .34, .12, (190, 110, 60))
    _ellipse(draw, u, .5, .62, .30, .08, (214, 136, 80))
    for i in range(14):
        x = .28 + (i % 7) * .075
        y = .58 - (i // 7) * .06 + (i % 2) * .015
        _ellipse(draw, u, x, y, .035, .028, (120, 140, 40) if i % 3 else (96, 110, 30))
    _leaf(draw, u, .7, .42, .06, .02, -0.6, (96, 120, 40))


def _honeycomb(draw, u, cx, cy, r, colour):
    for row in range(3):
        for col in range(3):
            x = cx + col * r * 1.8 + (row % 2) * r * .9
            y = cy + row * r * 1.56
            points = [(u(x + r * math.cos(math.pi / 3 * k + math.pi / 6)),
                       u(y + r * math.sin(math.pi / 3 * k + math.pi / 6))) for k in range(6)]
            draw.polygon(points, fill=colour, outline=_shade(colour, .75))


def draw_honey(draw, u):
    _honeycomb(draw, u, .08, .16, .05, (240, 190, 60))
    _jar(draw, u, content=(226, 150, 20))
    # a honey dipper
    draw.line([(u(.64), u(.30)), (u(.86), u(.12))], fill=(150, 100, 50), width=int(u(.018)))
    for k in range(4):
        _ellipse(draw, u, .64 - k * .012, .31 + k * .012, .03, .03, (170, 120, 60))


def draw_cherry_jam(draw, u):
    def cherries(draw, u):
        for x in (.72, .80):
            draw.line([(u(x), u(.68)), (u(.77), u(.56))], fill=(60, 100, 40), width=int(u(.008)))
            _ellipse(draw, u, x, .70, .035, .035, (170, 20, 40))
    _jar(draw, u, content=(150, 20, 40), fruits=cherries)


def _fig(draw, u, cx, cy, r, cut=False):
    if cut:
        _ellipse(draw, u, cx, cy, r, r * 1.1, (110, 50, 90))
        _ellipse(draw, u, cx, cy, r * .8, r * .9, (236, 210, 190))
        _ellipse(draw, u, cx, cy, r * .55, r * .65, (200, 60, 70))
        return
    draw.polygon([(u(cx - r * .25), u(cy - r * .9)), (u(cx + r * .25), u(cy - r * .9)),
                  (u(cx), u(cy - r * 1.4))], fill=(110, 60, 80))
    _ellipse(draw, u, cx, cy, r, r * 1.05, (110, 50, 90))
    _ellipse(draw, u, cx - r * .3, cy - r * .3, r * .25, r * .3, (150, 90, 130))


def draw_fig_jam(draw, u):
    _jar(draw, u, content=(110, 50, 80), fruits=lambda d, uu: _fig(d, uu, .78, .70, .06, True))


def draw_figs(draw, u):
    _ellipse(draw, u, .5, .72, .36, .08, (200, 170, 120))
    for cx, cy in ((.34, .60), (.5, .56), (.66, .60), (.42, .48), (.58, .48)):
        _fig(draw, u, cx, cy, .085)
    _fig(draw, u, .8, .74, .07, cut=True)


def draw_dates(draw, u):
    _ellipse(draw, u, .5, .72, .36, .08, (200, 170, 120))
    for i in range(9):
        x = .28 + (i % 5) * .11
        y = .64 - (i // 5) * .08
        _ellipse(draw, u, x, y, .055, .03, (120, 60, 30) if i % 2 else (150, 80, 40))


def _almond(draw, u, cx, cy, angle=0.0, colour=(190, 130, 80)):
    _leaf(draw, u, cx, cy, .05, .03, angle, colour)


def draw_almonds(draw, u):
    _ellipse(draw, u, .5, .68, .34, .13, (120, 80, 50))
    _ellipse(draw, u, .5, .64, .30, .09, (160, 110, 70))
    for i in range(13):
        _almond(draw, u, .3 + (i % 5) * .1, .62 - (i // 5) * .05, 0.4 * (i % 3 - 1))
    _almond(draw, u, .82, .80, 0.3)


def draw_amlou(draw, u):
    def almonds(draw, uu):
        _almond(draw, uu, .76, .74, .3)
        _almond(draw, uu, .84, .70, -.5)
    _jar(draw, u, content=(150, 90, 50), lid=(160, 60, 40), fruits=almonds)


def _bowl(draw, u, colour, rim=None):
    draw.pieslice(_box(u, .18, .34, .82, .86), 0, 180, fill=colour)
    _ellipse(draw, u, .5, .60, .32, .06, rim or _shade(colour, 1.15))
    draw.rectangle(_box(u, .40, .84, .60, .88), fill=_shade(colour, .8))


def draw_couscous(draw, u):
    _bowl(draw, u, (180, 80, 50))
    draw.pieslice(_box(u, .22, .40, .78, .80), 180, 360, fill=(236, 204, 130))
    for i in range(60):
        x = .25 + (i * 37 % 53) / 53 * .5
        y = .45 + (i * 19 % 29) / 29 * .15
        if (x - .5) ** 2 / .08 + (y - .6) ** 2 / .03 < 1:
            _ellipse(draw, u, x, y, .006, .006, (200, 160, 80))
    _ellipse(draw, u, .5, .46, .05, .03, (220, 120, 40))


def draw_powder(draw, u):
    _bowl(draw, u, (200, 170, 130))
    draw.pieslice(_box(u, .24, .36, .76, .84), 180, 360, fill=(110, 70, 40))
    for dx in (-.08, .0, .08):
        _ellipse(draw, u, .78 + dx * .5, .20 + dx, .03, .06, (80, 50, 30))


def draw_spices(draw, u):
    for cx, colour in ((.27, (200, 60, 30)), (.5, (230, 170, 30)), (.73, (150, 80, 40))):
        _ellipse(draw, u, cx, .74, .12, .04, (190, 170, 140))
        draw.polygon([(u(cx - .11), u(.74)), (u(cx + .11), u(.74)), (u(cx), u(.52))],
                     fill=colour)
    _leaf(draw, u, .8, .35, .07, .02, 0.4, (80, 60, 40))


def draw_cheese(draw, u):
    draw.polygon([(u(.2), u(.7)), (u(.8), u(.7)), (u(.8), u(.5)), (u(.2), u(.62))],
                 fill=(250, 236, 170))
    draw.polygon([(u(.2), u(.62)), (u(.8), u(.5)), (u(.62), u(.42))], fill=(255, 246, 200))
    for cx, cy, r in ((.4, .64, .025), (.62, .6, .03), (.72, .66, .02)):
        _ellipse(draw, u, cx, cy, r, r, (230, 210, 140))


def draw_herbs(draw, u):
    for k, (x, colour) in enumerate(((.36, (70, 120, 70)), (.5, (90, 140, 90)),
                                    (.64, (60, 110, 80)))):
        draw.line([(u(.5), u(.82)), (u(x), u(.22))], fill=(90, 80, 40), width=int(u(.01)))
        for i in range(8):
            t = .25 + i * .07
            px = .5 + (x - .5) * (1 - (t - .22) / .6)
            _leaf(draw, u, px - .03, t, .045, .012, 2.5 + .2 * k, colour)
            _leaf(draw, u, px + .03, t, .045, .012, 0.6 - .2 * k, colour)
    draw.rectangle(_box(u, .44, .72, .56, .76), fill=(180, 60, 40))


def draw_tajine(draw, u):
    _ellipse(draw, u, .5, .74, .36, .07, (150, 60, 30))
    draw.rectangle(_box(u, .18, .66, .82, .74), fill=(180, 80, 40))
    draw.polygon([(u(.2), u(.66)), (u(.8), u(.66)), (u(.53), u(.22)), (u(.47), u(.22))],
                 fill=(200, 100, 50))
    _ellipse(draw, u, .5, .21, .04, .03, (170, 80, 40))
    for y in (.42, .54):
        draw.line([(u(.5 - (y - .2) * .7), u(y)), (u(.5 + (y - .2) * .7), u(y))],
                  fill=(240, 210, 150), width=int(u(.01)))


def draw_pottery(draw, u):
    _ellipse(draw, u, .5, .62, .38, .20, (245, 245, 250), outline=(30, 70, 150), width=.01)
    _ellipse(draw, u, .5, .62, .26, .13, (235, 240, 250), outline=(30, 70, 150), width=.008)
    for k in range(8):
        a = math.pi * k / 4
        _leaf(draw, u, .5 + .32 * math.cos(a), .62 + .165 * math.sin(a), .03, .012, a,
              (30, 70, 150))
    star = [(u(.5 + (.1 if i % 2 == 0 else .05) * math.cos(math.pi * i / 8)),
             u(.62 + (.055 if i % 2 == 0 else .027) * math.sin(math.pi * i / 8)))
            for i in range(16)]
    draw.polygon(star, fill=(30, 70, 150))


def draw_textile(draw, u):
    draw.rectangle(_box(u, .14, .22, .86, .76), fill=(200, 60, 50))
    for i, colour in enumerate(((250, 240, 220), (40, 40, 60), (240, 180, 40))):
        y = .30 + i * .16
        draw.rectangle(_box(u, .14, y, .86, y + .03), fill=colour)
        for k in range(6):
            x = .2 + k * .11
            draw.polygon([(u(x), u(y + .1)), (u(x + .05), u(y + .05)), (u(x + .1), u(y + .1)),
                          (u(x + .05), u(y + .15))], outline=colour, width=int(u(.008)))
    for k in range(15):
        x = .15 + k * .05
        draw.line([(u(x), u(.76)), (u(x), u(.84))], fill=(250, 240, 220), width=int(u(.006)))


def draw_buttons(draw, u):
    for i in range(12):
        x = .22 + (i % 4) * .18
        y = .32 + (i // 4) * .18
        colour = ((120, 30, 60), (30, 90, 120), (200, 150, 40))[i % 3]
        _ellipse(draw, u, x, y, .055, .055, colour)
        _ellipse(draw, u, x, y, .025, .025, _shade(colour, 1.3))
    draw.line([(u(.12), u(.80)), (u(.88), u(.80))], fill=(120, 30, 60), width=int(u(.02)))


def draw_cedar_box(draw, u):
    draw.polygon([(u(.2), u(.45)), (u(.8), u(.45)), (u(.8), u(.78)), (u(.2), u(.78))],
                 fill=(160, 100, 60))
    draw.polygon([(u(.2), u(.45)), (u(.8), u(.45)), (u(.7), u(.32)), (u(.3), u(.32))],
                 fill=(190, 130, 80))
    for k in range(8):
        a = math.pi * k / 4
        _leaf(draw, u, .5 + .09 * math.cos(a), .615 + .09 * math.sin(a), .04, .012, a,
              (110, 60, 30))
    draw.rectangle(_box(u, .2, .74, .8, .78), fill=(120, 70, 40))


_DRAWINGS = {
    "olive-oil": draw_olive_oil,
    "argan-oil": draw_argan_oil,
    "olives": draw_olives,
    "honey": draw_honey,
    "cherry-jam": draw_cherry_jam,
    "fig-jam": draw_fig_jam,
    "amlou": draw_amlou,
    "figs": draw_figs,
    "dates": draw_dates,
    "almonds": draw_almonds,
    "couscous": draw_couscous,
    "powder": draw_powder,
    "spices": draw_spices,
    "cheese": draw_cheese,
    "herbs": draw_herbs,
    "tajine": draw_tajine,
    "pottery": draw_pottery,
    "textile": draw_textile,
    "buttons": draw_buttons,
    "cedar-box": draw_cedar_box,
}
