"""axe-core on every page of the list, in Arabic and French: no serious or critical violation.

axe.min.js comes from the locked ``axe-playwright-python`` package and is
injected into the page Playwright loaded: the shop, label and fair pages,
the basket, checkout and account as a shopper with a basket, and the back
office as a member and as staff.
"""

from pathlib import Path

import axe_playwright_python
import pytest
from django.test import Client
from django.urls import reverse

from storefront import checkout_saleor
from storefront.demo import seed as seed_pages
from tests.cooperatives.orders_helpers import product_of, seller

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
LANGUAGES = ["ar", "fr"]


def pages_to_check(cooperative, product):
    """(name, address, who looks at it): every page that exists on this branch."""
    slug = cooperative.slug
    return [
        ("home", reverse("storefront:home"), None),
        ("cooperatives", reverse("storefront:cooperative-list"), None),
        ("cooperative", reverse("storefront:cooperative-detail", kwargs={"slug": slug}), None),
        ("page-about", reverse("storefront:page", kwargs={"slug": "about"}), None),
        ("login", reverse("storefront:login"), None),
        ("signup", reverse("storefront:signup"), None),
        ("not-found", "/pages/no-such-page/", None),
        ("backoffice", reverse("backoffice:home"), "member"),
        (
            "bo-products",
            reverse("backoffice:cooperative-products", kwargs={"slug": slug}),
            "member",
        ),
        (
            "bo-product-edit",
            reverse(
                "backoffice:cooperative-product-edit",
                kwargs={"slug": slug, "product_id": product.pk},
            ),
            "member",
        ),
        ("bo-members", reverse("backoffice:cooperative-members", kwargs={"slug": slug}), "member"),
        ("council-queue", reverse("backoffice:cooperative-review-queue"), "staff"),
        ("catalogue", reverse("storefront:catalogue"), None),
        ("search", reverse("storefront:search") + "?q=huile", None),
        ("category", reverse("storefront:category", kwargs={"slug": product.category.slug}), None),
        ("product", reverse("storefront:product-detail", kwargs={"slug": product.slug}), None),
        ("labels", reverse("labels:label-list"), None),
        ("fairs", reverse("fairs:fair-list"), None),
        ("basket", reverse("storefront:basket"), "shopper"),
        ("checkout-address", reverse("storefront:checkout-address"), "shopper"),
        ("account", reverse("storefront:account"), "shopper"),
        ("account-addresses", reverse("storefront:account-addresses"), "shopper"),
        ("password-forgot", reverse("storefront:password-forgot"), None),
    ]


def in_language(path, language):
    return path if language == "fr" else f"/{language}{path}"


def context_for(browser, live_server, user):
    # The site's CSP forbids inline scripts: only axe's own injection may pass.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, bypass_csp=True
    )
    if user is not None:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}]
        )
    return context


def blocking_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_have_no_serious_accessibility_violations(
    browser, live_server, owner, reviewer, customer, language
):
    # given
    seed_pages(None)
    olive = seller(owner=owner)
    oil = product_of(olive, price="100.00", name="Huile Zitoun")
    basket = checkout_saleor.checkout_create(user=customer)
    checkout_saleor.checkout_add_variant(basket, oil.variants.get(), 1)
    users = {None: None, "member": owner, "staff": reviewer, "shopper": customer}
    contexts = {who: context_for(browser, live_server, user) for who, user in users.items()}
    found = {}

    # when
    for name, path, who in pages_to_check(olive, oil):
        page = contexts[who].new_page()
        page.set_default_timeout(60_000)
        page.goto(in_language(path, language), wait_until="load")
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
        page.close()

    # then
    for context in contexts.values():
        context.close()
    assert found == {}
