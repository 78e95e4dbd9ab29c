"""The shop's pages in a real browser: phone and desktop, Arabic and French."""

import re
from pathlib import Path

import pytest

from tests.search.conftest import catalogue, categories, cooperatives, shop  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".artefacts" / "screenshots"


@pytest.fixture
def products(request):
    """The search suite's small regional catalogue."""
    return request.getfixturevalue("catalogue")


VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def open_(viewport="phone", language="fr", javascript=True):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORTS[viewport],
            locale=f"{language}-MA" if language == "ar" else "fr-FR",
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield open_
    for context in contexts:
        context.close()


def shop_paths(products):
    product = products["amlou"]
    return {
        "home": "",
        "catalogue": "catalogue/",
        "category": "categories/douceurs/",
        "search": "search/?q=huile",
        "product": f"products/{product.slug}/",
        "cooperatives": "cooperatives/",
        "cooperative": "cooperatives/nahl-ifrane/",
    }


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_no_shop_page_is_wider_than_the_screen(open_page, products, viewport, language):
    # given
    page = open_page(viewport, language)
    prefix = "/ar/" if language == "ar" else "/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}

    # when
    for name, path in shop_paths(products).items():
        response = page.goto(prefix + path)
        assert response.status == 200, name
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            too_wide[name] = widths
        page.screenshot(
            path=str(SCREENSHOTS / f"shop-{name}-{language}-{viewport}.png"), full_page=True
        )

    # then
    assert too_wide == {}
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")


def test_filters_live_in_the_url_and_the_back_button_restores_them(open_page, products):
    # given
    page = open_page("phone", "fr")
    page.goto("/catalogue/")
    everything = page.locator(".product-card").count()

    # when: a facet link, then the sort through the form
    page.locator('[data-facet="province"] a', has_text="Ifrane").click()
    page.wait_for_url(re.compile(r"province=ifrane"))
    by_province = page.locator(".product-card").count()
    page.select_option("#id_sort", "-price")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"sort=-price"))
    sorted_names = page.locator(".product-card h2").all_inner_texts()
    page.go_back()

    # then
    assert (everything, by_province) == (4, 2)
    assert sorted_names == ["Miel de thym", "Amlou aux amandes"]
    assert "province=ifrane" in page.url and "sort=" not in page.url
    assert page.locator(".product-card").count() == 2
    page.go_back()
    assert page.url.endswith("/catalogue/")
    assert page.locator(".product-card").count() == everything


def test_catalogue_filters_and_product_page_work_with_javascript_off(open_page, products):
    # given
    page = open_page("phone", "ar", javascript=False)
    page.goto("/ar/catalogue/")

    # when
    page.fill("#id_price_min", "100")
    page.check("input[name=in_stock]")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"price_min=100"))
    names = page.locator(".product-card h2").all_inner_texts()
    page.locator(".product-card a.product-link").first.click()

    # then
    assert sorted(names) == sorted(["زيت الزيتون البكر الممتاز", "طاجين من الفخار"])
    assert page.locator("h1").inner_text() in names
    assert page.locator("form.add-to-basket input[name=variant]").count() == 1
