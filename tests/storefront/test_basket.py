import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.checkout.models import Checkout

from storefront.basket import basket_add
from tests.cooperatives.orders_helpers import product_of

from .shopping import add, variant_id

pytestmark = pytest.mark.django_db


def basket_lines(response):
    return {
        line.variant.product.name: line.quantity for line in response.context["summary"]["lines"]
    }


def test_an_anonymous_shopper_adds_a_product_and_finds_it_in_the_basket(client, oil):
    # when
    response = add(client, oil, 2)

    # then
    assert response.status_code == 302
    assert response["Location"] == "/basket/"
    assert client.cookies["basket"]["httponly"]
    page = client.get("/basket/")
    assert basket_lines(page) == {"Huile Zitoun": 2}
    assert page.context["basket_count"] == 2
    assert "Zitoun Sefrou" in page.content.decode()


def test_adding_more_than_the_stock_is_refused_with_a_clear_message(client, oil):
    # given
    add(client, oil, 4)

    # when
    response = client.get("/en/basket/") if add(client, oil, 3, language="en") else None

    # then
    assert basket_lines(response) == {"Huile Zitoun": 4}
    assert "Sorry, only 5 of Huile Zitoun are left in stock." in response.content.decode()


def test_the_stock_message_is_translated_in_arabic(client, oil):
    # when
    add(client, oil, 9, language="ar")
    response = client.get("/ar/basket/")

    # then
    assert "عذرًا، لم يتبقَّ من Huile Zitoun في المخزون إلا 5 وحدات." in response.content.decode()


def test_a_shopper_changes_a_quantity_and_removes_a_line(client, oil, honey):
    # given
    add(client, oil, 1)
    add(client, honey, 1)
    lines = {
        line.variant.product.name: line
        for line in client.get("/basket/").context["summary"]["lines"]
    }

    # when
    client.post(f"/basket/lines/{lines['Huile Zitoun'].pk}/", {"quantity": 3})
    client.post(f"/basket/lines/{lines['Miel Assal'].pk}/remove/")

    # then
    page = client.get("/basket/")
    assert basket_lines(page) == {"Huile Zitoun": 3}
    assert page.context["basket_count"] == 3


def test_a_quantity_above_the_stock_is_refused_and_the_line_kept(client, oil):
    # given
    add(client, oil, 2)
    line = client.get("/basket/").context["summary"]["lines"][0]

    # when
    client.post(f"/en/basket/lines/{line.pk}/", {"quantity": 6})

    # then
    page = client.get("/en/basket/")
    assert basket_lines(page) == {"Huile Zitoun": 2}
    assert "only 5 of Huile Zitoun" in page.content.decode()


def test_a_basket_that_stock_no_longer_covers_says_so_and_offers_no_checkout(client, oil):
    # given
    add(client, oil, 3)
    stock = oil.variants.get().stocks.get()
    stock.quantity = 1
    stock.save()

    # when
    page = client.get("/en/basket/")

    # then
    assert page.context["summary"]["problems"] == ["Sorry, only 1 Huile Zitoun is left in stock."]
    assert 'href="/en/checkout/"' not in page.content.decode()


def test_a_shopper_never_touches_another_shoppers_basket(client, oil):
    # given
    other = Checkout.objects.create()
    other.lines.create(variant=oil.variants.get(), quantity=1)
    add(client, oil, 1)

    # when
    removed = client.post(f"/basket/lines/{other.lines.get().pk}/remove/")
    changed = client.post(f"/basket/lines/{other.lines.get().pk}/", {"quantity": 3})

    # then
    assert removed.status_code == changed.status_code == 302
    assert list(other.lines.values_list("quantity", flat=True)) == [1]
    assert basket_lines(client.get("/basket/")) == {"Huile Zitoun": 1}


def test_a_cookie_cannot_open_an_accounts_basket(client, oil, customer):
    # given
    account_basket = Checkout.objects.create(user=customer)
    account_basket.lines.create(variant=oil.variants.get(), quantity=2)

    # when
    client.cookies["basket"] = str(account_basket.token)
    page = client.get("/basket/")

    # then
    assert page.context["summary"]["lines"] == []
    assert page.context["basket_count"] == 0


def test_an_unknown_product_is_refused_and_nothing_is_added(client, oil):
    # when
    response = client.post("/basket/add/", {"variant": "999999", "quantity": "1"})

    # then
    assert response.status_code == 302
    assert Checkout.objects.count() == 0


def test_the_add_form_accepts_the_variants_graphql_id(client, oil):
    # given
    from graphql_relay import to_global_id

    # when
    client.post(
        "/basket/add/", {"variant": to_global_id("ProductVariant", variant_id(oil)), "quantity": 1}
    )

    # then
    assert basket_lines(client.get("/basket/")) == {"Huile Zitoun": 1}


def test_an_anonymous_basket_joins_the_accounts_basket_at_log_in(client, oil, honey, customer):
    # given
    account_basket = Checkout.objects.create(user=customer, email=customer.email)
    account_basket.lines.create(variant=honey.variants.get(), quantity=1)
    add(client, oil, 2)
    add(client, honey, 1)

    # when
    response = client.post(
        "/accounts/login/", {"username": customer.email, "password": "password-123"}
    )

    # then
    assert response.status_code == 302
    assert basket_lines(client.get("/basket/")) == {"Huile Zitoun": 2, "Miel Assal": 2}
    assert Checkout.objects.count() == 1


def basket_page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/basket/")
    return len(response.context["summary"]["lines"]), len(queries)


def test_the_basket_page_costs_the_same_queries_for_3_or_30_lines(client, olive_coop):
    # given
    products = [product_of(olive_coop, price="10.00", name=f"Produit {n}") for n in range(30)]
    for product in products[:3]:
        add(client, product, 1)
    basket_page_queries(client)  # what the process caches on a first page (site, plugins)
    few = basket_page_queries(client)
    basket = Checkout.objects.get()
    for product in products[3:]:
        basket_add(basket=basket, variant=product.variants.get(), quantity=1)

    # when
    many = basket_page_queries(client)

    # then
    assert few[0] == 3 and many[0] == 30
    assert many[1] == few[1]
