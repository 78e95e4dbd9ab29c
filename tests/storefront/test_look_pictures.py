import io

from PIL import Image

from marketplace.core.demo import data
from marketplace.core.demo.images import (
    KIND_KEYWORDS,
    cooperative_logo,
    picture_kind,
    product_illustration,
)


def demo_products():
    return [product for producer in data.PRODUCERS for product in producer["products"]]


def test_every_demo_product_gets_a_picture_of_its_own_kind():
    # when
    kinds = {
        spec["slug"]: picture_kind(slug=spec["slug"], family=spec["type"])
        for spec in demo_products()
    }

    # then
    assert kinds["huile-olive-vierge-extra-zerhoune"] == "olive-oil"
    assert kinds["miel-de-zendaz"] == "honey"
    assert kinds["figues-sechees-nabout-taounate"] == "figs"
    assert kinds["couscous-ble-dur-roule-main"] == "couscous"
    assert kinds["handira-couverture-laine"] == "textile"
    assert kinds["tajine-de-service-bleu-de-fes"] == "tajine"
    assert kinds["amlou-amandes-aknoul"] == "amlou"
    assert len(set(kinds.values())) >= 12
    # each is recognised from its own words, not guessed from its product type
    assert [slug for slug in kinds if not any(word in slug for word, _kind in KIND_KEYWORDS)] == []


def test_picture_depends_on_what_the_product_is_not_on_its_name():
    # given: two honeys with different names, written in different scripts
    first = product_illustration(slug="miel-de-zendaz", family="miel")
    second = product_illustration(slug="miel-de-romarin", family="miel")

    # when
    oil = product_illustration(slug="huile-olive-vierge-extra-sefrou", family="huile-dolive")

    # then: no initials drawn on top, and a different product shows differently
    assert first == second
    assert oil != first


def test_pictures_are_small_square_pngs_with_more_than_a_flat_background():
    # when
    image = Image.open(io.BytesIO(product_illustration(slug="figues-sechees", family="epicerie")))

    # then
    assert image.format == "PNG"
    assert image.size == (540, 540)
    assert len(image.getcolors(maxcolors=100_000)) > 50


def test_cooperative_logo_shows_its_sector_without_letters():
    # when
    honey = cooperative_logo(sectors=["honey"])
    pottery = cooperative_logo(sectors=["pottery", "honey"])

    # then
    assert honey != pottery
    assert Image.open(io.BytesIO(honey)).size == (540, 540)
