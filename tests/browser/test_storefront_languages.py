import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shopper_switches_the_catalogue_to_arabic_and_reads_right_to_left(page, product_factory):
    # given
    product_factory(name="Miel de Zendaz", name_ar="عسل الزنداز", with_image=True)

    # when
    page.goto("/")
    french_title = page.locator("h2.product-name").first.inner_text()
    page.locator("nav.languages a[hreflang=ar]").click()

    # then
    assert french_title == "Miel de Zendaz"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h2.product-name").first.inner_text() == "عسل الزنداز"
    image_width = page.locator(".product-card img").first.evaluate("img => img.naturalWidth")
    assert image_width == 255
