"""Anonymous shop pages come from the cache, per language, and are never stale."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from marketplace.cooperatives.models import CooperativeProduct, CooperativeStatus

from ..fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db


def cards(response):
    return re.findall(r'class="product-card" data-product="([^"]+)"', response.content.decode())


def test_a_cached_page_is_kept_per_language(client, product_factory, page_cache):
    # given
    product = product_factory(name="Miel", name_ar="عسل")
    client.get(f"/products/{product.slug}/")

    # when
    arabic = client.get(f"/ar/products/{product.slug}/").content.decode()

    # then
    assert "<h1>عسل</h1>" in arabic


def test_cached_page_never_carries_another_visitors_csrf_token(product_factory, page_cache):
    # given
    product = product_factory(quantity=3)
    first, second = Client(), Client()

    # when
    one = first.get(f"/products/{product.slug}/").content.decode()
    two = second.get(f"/products/{product.slug}/").content.decode()

    # then
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(one).group(1) != token.search(two).group(1)
    assert "__storefront_csrf_token__" not in two


def test_a_suspended_cooperative_disappears_at_once_from_cached_lists(
    client, product_factory, page_cache
):
    # given
    cooperative = make_cooperative(status=CooperativeStatus.APPROVED)
    product = product_factory(name="Huile")
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)
    assert product.slug in cards(client.get("/"))
    assert client.get(f"/cooperatives/{cooperative.slug}/").status_code == 200

    # when
    cooperative.status = CooperativeStatus.SUSPENDED
    cooperative.save()

    # then
    assert product.slug not in cards(client.get("/"))
    assert client.get(f"/cooperatives/{cooperative.slug}/").status_code == 404
    assert client.get(f"/products/{product.slug}/").status_code == 404


def test_pages_staff_see_never_reach_the_shoppers_cache(client, product_factory, page_cache):
    # given
    draft = product_factory(name="Brouillon")
    draft.is_published = False
    draft.save()
    staff = make_user("staff@example.ma", is_staff=True, permissions=["product.manage_products"])
    client.force_login(staff)
    staff_view = client.get(f"/products/{draft.slug}/")
    client.logout()

    # when
    anonymous_view = client.get(f"/products/{draft.slug}/")

    # then
    assert staff_view.status_code == 200
    assert anonymous_view.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_committed_price_change_shows_at_once(product_factory, settings):
    # given: real commits, the triggers deferred to commit as in production
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 600
    client = Client()
    product = product_factory(price="100.00")
    assert "100,00" in client.get(f"/products/{product.slug}/").content.decode()

    # when
    product.price_amount = product.minimal_variant_price_amount = Decimal("75.00")
    product.save()

    # then
    assert "75,00" in client.get(f"/products/{product.slug}/").content.decode()
