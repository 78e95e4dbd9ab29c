from datetime import UTC

import pytest
from django.core import mail
from django.utils import translation
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment.models import Payment
from saleor.warehouse.models import Allocation

from .shopping import ADDRESS, add, fill_checkout

pytestmark = pytest.mark.django_db


def place(client, language=""):
    prefix = f"/{language}" if language else ""
    review = client.get(f"{prefix}/checkout/review/")
    token = review.context["summary"]["basket"].token
    return client.post(f"{prefix}/checkout/place/", {"basket": str(token)})


def test_a_guest_buys_with_cash_on_delivery_and_gets_one_unpaid_order(client, oil, honey):
    # given
    add(client, oil, 2)
    add(client, honey, 1)
    review = fill_checkout(client)

    # when
    response = place(client)

    # then
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checkout/confirmation/{order.token}/"
    assert order.user is None and order.user_email == "salma@example.ma"
    assert order.total_gross_amount == review.context["summary"]["total"].amount == 280
    assert order.shipping_address.phone == "+212612345678"
    assert order.shipping_address.city == "FES"
    payment = Payment.objects.get(order=order)
    assert payment.gateway == "marketplace.payments.cash_on_delivery"
    assert payment.charge_status == "not-charged"
    assert sum(Allocation.objects.values_list("quantity_allocated", flat=True)) == 3
    assert not Checkout.objects.exists()
    assert response.cookies["basket"].value == ""


def test_the_confirmation_page_counts_one_parcel_per_cooperative(client, oil, honey):
    # given
    add(client, oil, 1)
    add(client, honey, 1)
    fill_checkout(client, language="en")

    # when
    page = client.get(place(client, language="en")["Location"])

    # then
    content = page.content.decode()
    assert "Your order arrives in 2 parcels." in content
    assert "Zitoun Sefrou" in content and "Assal Imouzzer" in content


def test_placing_twice_gives_one_order_and_one_payment(client, oil):
    # given
    add(client, oil, 1)
    review = fill_checkout(client)
    token = str(review.context["summary"]["basket"].token)

    # when
    first = client.post("/checkout/place/", {"basket": token})
    second = client.post("/checkout/place/", {"basket": token})

    # then
    assert first["Location"] == second["Location"]
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # Saleor sends it once the order is committed
def test_the_order_email_groups_lines_by_cooperative_in_the_shoppers_language(
    client, oil, honey, olive_coop, honey_coop
):
    # given
    add(client, oil, 1, language="ar")
    add(client, honey, 2, language="ar")
    fill_checkout(client, language="ar")

    # when
    place(client, language="ar")

    # then
    [message] = [m for m in mail.outbox if m.to == ["salma@example.ma"]]
    body = message.body
    with translation.override("ar"):
        parcels = translation.ngettext(
            "Your order arrives in %(counter)s parcel.",
            "Your order arrives in %(counter)s parcels.",
            2,
        ) % {"counter": 2}
    assert body.index(honey_coop.name_ar) < body.index("Miel Assal")
    assert body.index(olive_coop.name_ar) < body.index("Huile Zitoun")
    assert parcels in body


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "12345"),
        ("phone", "+33 6 12 34 56 78"),
        ("city", "PARIS"),
        ("postal_code", "3000"),
    ],
)
def test_a_bad_address_is_refused_with_a_message_and_nothing_saved(client, oil, field, value):
    # given
    add(client, oil, 1)

    # when
    response = client.post("/en/checkout/address/", {**ADDRESS, field: value})

    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Checkout.objects.get().shipping_address is None


@pytest.mark.parametrize("phone", ["0612345678", "+212 612-345-678", "00212612345678"])
def test_any_way_of_writing_a_moroccan_phone_is_stored_as_plus_212(client, oil, phone):
    # given
    add(client, oil, 1)

    # when
    client.post("/checkout/address/", {**ADDRESS, "phone": phone})

    # then
    assert Checkout.objects.get().shipping_address.phone == "+212612345678"


def test_the_postal_code_is_optional_and_the_city_list_has_the_region_first(client, oil):
    # given
    add(client, oil, 1)

    # when
    page = client.get("/ar/checkout/address/")

    # then
    cities = page.context["form"].fields["city"].choices
    assert [code for code, _label in cities[1][1]][:2] == ["FES", "MEKNES"]
    assert not page.context["form"].fields["postal_code"].required


def test_the_delivery_step_shows_the_price_and_the_delay(client, oil):
    # given
    add(client, oil, 1)
    client.post("/en/checkout/address/", ADDRESS)

    # when
    page = client.get("/en/checkout/delivery/")

    # then
    content = page.content.decode()
    assert "Livraison à domicile" in content
    assert "30.00" in content
    assert "delivered in 2 to 5 working days" in content


def test_checkout_with_an_empty_basket_goes_back_to_the_basket(client):
    # when
    response = client.get("/checkout/review/")

    # then
    assert response.status_code == 302
    assert response["Location"] == "/basket/"


def test_an_order_that_stock_no_longer_covers_is_refused_and_nothing_placed(client, oil):
    # given
    add(client, oil, 3)
    review = fill_checkout(client)
    stock = oil.variants.get().stocks.get()
    stock.quantity = 2
    stock.save()

    # when
    response = client.post(
        "/checkout/place/", {"basket": str(review.context["summary"]["basket"].token)}
    )

    # then
    assert response["Location"] == "/basket/"
    assert not Order.objects.exists()
    assert not Payment.objects.exists()


def test_a_logged_in_shopper_orders_and_finds_the_order_in_the_account(client, oil, customer):
    # given
    client.force_login(customer)
    add(client, oil, 1)
    fill_checkout(client)

    # when
    place(client)

    # then
    order = Order.objects.get()
    assert order.user == customer
    account = client.get("/account/")
    assert [o.pk for o in account.context["orders"]] == [order.pk]
    assert "Zitoun Sefrou" in account.content.decode()


def test_cancelling_a_cash_on_delivery_order_voids_its_payment_and_frees_the_stock(
    client, oil, customer
):
    # given
    client.force_login(customer)
    add(client, oil, 2)
    fill_checkout(client)
    place(client)
    order = Order.objects.get()

    # when
    client.post(f"/account/orders/{order.token}/cancel/")

    # then
    order.refresh_from_db()
    payment = Payment.objects.get(order=order)
    assert order.status == "canceled"
    assert payment.transactions.filter(kind="void", is_success=True).exists()
    assert sum(Allocation.objects.values_list("quantity_allocated", flat=True)) == 0
    assert client.get("/basket/").context["basket_count"] == 0


def test_pickup_at_a_fair_stop_is_offered_when_the_fairs_app_has_one(client, oil, monkeypatch):
    # given
    from datetime import datetime

    from marketplace.fairs.pickup import PickupOption

    stop = PickupOption(
        stop_id=7,
        title="Foire de Sefrou",
        venue="Place Bab Lmrabaa",
        starts_at=datetime(2026, 12, 5, 9, tzinfo=UTC),
        ends_at=datetime(2026, 12, 5, 18, tzinfo=UTC),
        available=True,
        reason="",
    )
    chosen = []
    monkeypatch.setattr("storefront.checkout.pickup_options", lambda checkout: [stop])
    monkeypatch.setattr(
        "storefront.checkout.choose_pickup", lambda checkout, stop_id: chosen.append(stop_id)
    )
    add(client, oil, 1)
    client.post("/en/checkout/address/", ADDRESS)

    # when
    page = client.get("/en/checkout/delivery/")
    client.post("/en/checkout/delivery/", {"delivery": "pickup:7"})

    # then
    assert "Pick up at Foire de Sefrou, Place Bab Lmrabaa" in page.content.decode()
    assert chosen == [7]
