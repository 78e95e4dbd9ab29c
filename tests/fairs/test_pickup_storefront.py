"""Pickup at a fair stop through the storefront's checkout pages and the pages after it.

Regressions found by tests/browser/test_buying_pickup.py, replayed with the
Django test client over the real pages.
"""
# ruff: noqa: F811  (pytest fixtures imported from the cooperatives scene)

import datetime
import re

import pytest
from django.core import mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from saleor.checkout.models import Checkout
from saleor.order.models import Order

from marketplace.fairs.pickup.models import CheckoutPickup, PickupOrder
from marketplace.fairs.pickup.saleor_checkout import pickup_method
from tests.cooperatives.orders_helpers import honey, oil, olive, thyme_honey  # noqa: F401
from tests.fixtures.cooperatives import make_user
from tests.storefront.shopping import ADDRESS, add

from .pickup_helpers import make_stop

pytestmark = pytest.mark.django_db

HOME = {**ADDRESS, "street_address_1": "4 derb Lalla Fatima", "city": "SEFROU"}


@pytest.fixture
def stop(olive):
    starts_at = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=10), datetime.time(9, 30)
        )
    )
    return make_stop(exhibitors=[olive], starts_in=starts_at - timezone.now())


def to_delivery(client, product, language=""):
    prefix = f"/{language}" if language else ""
    add(client, product, 1, language=language)
    assert client.post(f"{prefix}/checkout/address/", HOME).status_code == 302
    return client.get(f"{prefix}/checkout/delivery/")


def collect_at(client, stop, language=""):
    prefix = f"/{language}" if language else ""
    chosen = client.post(f"{prefix}/checkout/delivery/", {"delivery": f"pickup:{stop.pk}"})
    assert chosen.status_code == 302, chosen.context["form"].errors
    paid = client.post(
        f"{prefix}/checkout/payment/", {"gateway": "marketplace.payments.cash_on_delivery"}
    )
    assert paid.status_code == 302
    return client.get(f"{prefix}/checkout/review/")


def place(client, review, language=""):
    prefix = f"/{language}" if language else ""
    token = review.context["summary"]["basket"].token
    placed = client.post(f"{prefix}/checkout/place/", {"basket": str(token)})
    assert placed.status_code == 302
    return Order.objects.get(), placed["Location"]


def in_language(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_delivery_step_offers_the_stop_with_its_date_time_and_no_fee(
    client, stop, oil, language
):
    # given
    prefix = "ar" if language == "ar" else ""
    opening = timezone.localtime(stop.starts_at)

    # when
    page = to_delivery(client, oil, language=prefix)

    # then
    html = page.content.decode()
    option = html[html.index(f'value="pickup:{stop.pk}"'):]
    option = re.sub(r"<[^>]+>", "", option[: option.index("</label>")])  # the text shown
    assert stop.venue in option
    assert in_language(language, formats.date_format, opening, "j F Y") in option
    assert "09:30" in option
    assert in_language(language, translation.pgettext, "price", "free") in option


def test_pickup_is_never_offered_as_a_home_delivery_method(client, stop, oil):
    # given: the pickup method exists once a first shopper chose a stop
    method = pickup_method()

    # when
    page = to_delivery(client, oil)

    # then
    keys = [key for key, _option in page.context["options"]]
    assert f"shipping:{method.pk}" not in keys
    assert f"pickup:{stop.pk}" in keys
    assert any(key.startswith("shipping:") for key in keys)


def test_going_back_to_home_delivery_ships_to_the_shoppers_address_not_the_venue(
    client, stop, oil
):
    # given
    delivery = to_delivery(client, oil)
    collect_at(client, stop)
    home = next(key for key, _option in delivery.context["options"] if key.startswith("shipping"))

    # when
    answer = client.post("/checkout/delivery/", {"delivery": home})

    # then
    assert answer.status_code == 302
    checkout = Checkout.objects.get()
    assert checkout.shipping_address.street_address_1 == "4 derb Lalla Fatima"
    assert checkout.shipping_method_id == int(home.partition(":")[2])
    assert not CheckoutPickup.objects.exists()


def test_the_address_step_after_choosing_a_stop_shows_the_shoppers_address(client, stop, oil):
    # given
    to_delivery(client, oil)
    collect_at(client, stop)

    # when
    page = client.get("/checkout/address/")

    # then
    assert page.context["form"]["street_address_1"].value() == "4 derb Lalla Fatima"


def test_the_review_page_names_the_stop_instead_of_a_home_address(client, stop, oil):
    # given
    to_delivery(client, oil, language="en")

    # when
    review = collect_at(client, stop, language="en")

    # then
    html = review.content.decode()
    assert 'class="pickup-stop"' in html and stop.venue in html
    assert "Delivery address" not in html
    assert "delivered in 2 to 5 working days" not in html
    assert "Your order arrives in 1 parcel." not in html


def test_a_pickup_order_shows_its_stop_on_the_confirmation_order_and_account_pages(
    client, stop, oil
):
    # given
    shopper = make_user("salma@example.ma")
    client.force_login(shopper)
    to_delivery(client, oil, language="en")
    review = collect_at(client, stop, language="en")

    # when
    order, confirmation_url = place(client, review, language="en")
    pages = {
        "confirmation": client.get(confirmation_url),
        "order": client.get(f"/en/orders/{order.token}/"),
        "account": client.get("/en/account/"),
    }

    # then
    assert PickupOrder.objects.get(order=order).stop == stop
    for name, page in pages.items():
        html = page.content.decode()
        assert page.status_code == 200, name
        assert f'data-stop="{stop.pk}"' in html and stop.venue in html, name
        assert "4 derb Lalla Fatima" not in html, name
        assert "Your order arrives in 1 parcel." not in html, name
    assert "Pay each parcel&#x27;s amount to its courier." not in pages["order"].content.decode()


def test_a_home_delivery_order_still_shows_its_address_and_parcels(client, stop, oil):
    # given
    delivery = to_delivery(client, oil, language="en")
    home = next(key for key, _option in delivery.context["options"] if key.startswith("shipping"))
    client.post("/en/checkout/delivery/", {"delivery": home})
    client.post("/en/checkout/payment/", {"gateway": "marketplace.payments.cash_on_delivery"})
    review = client.get("/en/checkout/review/")

    # when
    order, confirmation_url = place(client, review, language="en")

    # then
    assert not PickupOrder.objects.exists()
    assert "Your order arrives in 1 parcel." in client.get(confirmation_url).content.decode()
    detail = client.get(f"/en/orders/{order.token}/").content.decode()
    assert "4 derb Lalla Fatima" in detail and 'class="pickup-stop"' not in detail


def test_the_cooperative_is_told_to_hand_the_order_over_at_the_stop(
    client, stop, oil, olive, owner
):
    # given
    to_delivery(client, oil, language="en")
    order, _url = place(client, collect_at(client, stop, language="en"), language="en")
    client.logout()
    client.force_login(owner)

    # when
    detail = client.get(f"/en/backoffice/cooperatives/{olive.slug}/orders/{order.pk}/")
    fairs = client.get(f"/en/backoffice/fairs/cooperatives/{olive.slug}/")

    # then
    pickup_list = f"/en/backoffice/pickup/stops/{stop.pk}/cooperatives/{olive.slug}/"
    html = detail.content.decode()
    assert detail.status_code == 200
    assert f'data-stop="{stop.pk}"' in html and pickup_list in html
    assert in_language("en", gettext, "Ship to") not in html
    assert pickup_list in fairs.content.decode()
    assert f'data-order="{order.pk}"' in client.get(pickup_list).content.decode()


@pytest.mark.django_db(transaction=True)  # Saleor sends it once the order is committed
def test_the_order_email_tells_where_and_when_to_collect_instead_of_parcels(client, stop, oil):
    # given
    to_delivery(client, oil, language="ar")
    review = collect_at(client, stop, language="ar")

    # when
    place(client, review, language="ar")

    # then
    [message] = [m for m in mail.outbox if m.to == ["salma@example.ma"]]
    with translation.override("ar"):
        collect = gettext("To collect at %(title)s, %(venue)s") % {
            "title": stop.title,
            "venue": stop.venue,
        }
        parcels = translation.ngettext(
            "Your order arrives in %(counter)s parcel.",
            "Your order arrives in %(counter)s parcels.",
            1,
        ) % {"counter": 1}
        day = formats.date_format(timezone.localtime(stop.starts_at), "j F Y")
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert collect in body and f"{day}, 09:30" in body
        assert parcels not in body
        assert "4 derb Lalla Fatima" not in body


def test_back_at_the_delivery_step_the_chosen_stop_is_still_selected(client, stop, oil):
    # given
    to_delivery(client, oil)
    collect_at(client, stop)

    # when
    page = client.get("/checkout/delivery/")

    # then
    assert len(page.context["options"]) > 1
    assert page.context["chosen"] == f"pickup:{stop.pk}"
    assert f'value="pickup:{stop.pk}" checked' in page.content.decode()


def test_an_order_the_shopper_cancels_leaves_the_cooperatives_pickup_list(
    client, stop, oil, olive, owner
):
    # given
    shopper = make_user("salma@example.ma")
    client.force_login(shopper)
    to_delivery(client, oil)
    order, _url = place(client, collect_at(client, stop))
    pickup_list = f"/backoffice/pickup/stops/{stop.pk}/cooperatives/{olive.slug}/"

    # when
    cancelled = client.post(f"/account/orders/{order.token}/cancel/")
    client.force_login(owner)
    page = client.get(pickup_list)

    # then
    order.refresh_from_db()
    assert cancelled.status_code == 302 and order.status == "canceled"
    assert page.status_code == 200
    assert f'data-order="{order.pk}"' not in page.content.decode()


def test_the_payment_step_says_cash_is_paid_at_the_stands_only_for_pickup(client, stop, oil):
    # given
    delivery = to_delivery(client, oil, language="en")
    home = next(key for key, _option in delivery.context["options"] if key.startswith("shipping"))
    client.post("/en/checkout/delivery/", {"delivery": home})
    delivered = client.get("/en/checkout/payment/").content.decode()

    # when
    client.post("/en/checkout/delivery/", {"delivery": f"pickup:{stop.pk}"})
    collected = client.get("/en/checkout/payment/").content.decode()

    # then
    assert "paid to each cooperative at its stand" in collected
    assert "paid to each cooperative at its stand" not in delivered


def choice_labels(page):
    return [str(label) for _key, label in page.context["form"].fields["gateway"].choices]


def test_the_cash_choice_says_pay_at_the_stands_not_the_courier_for_pickup(client, stop, oil):
    # given
    delivery = to_delivery(client, oil, language="en")
    home = next(key for key, _option in delivery.context["options"] if key.startswith("shipping"))
    client.post("/en/checkout/delivery/", {"delivery": home})
    delivered = client.get("/en/checkout/payment/")

    # when
    review = collect_at(client, stop, language="en")
    collected = client.get("/en/checkout/payment/")

    # then
    stand = "Cash at the fair stop: pay each cooperative at its stand when you collect"
    courier = "Cash on delivery: pay each parcel to the courier"
    assert choice_labels(delivered)[0] == courier
    assert choice_labels(collected)[0] == stand
    assert stand in collected.content.decode() and courier not in collected.content.decode()
    assert stand in review.content.decode() and courier not in review.content.decode()


def pickup_order_as_seller(client, stop, oil, owner):
    to_delivery(client, oil, language="en")
    order, _url = place(client, collect_at(client, stop, language="en"), language="en")
    client.logout()
    client.force_login(owner)
    return order


def test_the_cooperative_hands_a_pickup_order_over_instead_of_shipping_it(
    client, stop, oil, olive, owner
):
    # given
    order = pickup_order_as_seller(client, stop, oil, owner)
    detail_url = f"/en/backoffice/cooperatives/{olive.slug}/orders/{order.pk}/"
    before = client.get(detail_url).content.decode()

    # when
    handed = client.post(
        f"/en/backoffice/pickup/orders/{order.pk}/collect/",
        {"cooperative": olive.slug, "next": detail_url},
    )
    after = client.get(detail_url).content.decode()

    # then
    collect_form = f'action="/en/backoffice/pickup/orders/{order.pk}/collect/"'
    assert "Record the shipment" not in before and 'name="line-' not in before
    assert collect_form in before and "Handed over to the shopper" in before
    assert handed.status_code == 302 and handed["Location"] == detail_url
    assert PickupOrder.objects.get(order=order).status == "collected"
    assert collect_form not in after and 'class="handed-over"' in after
    assert "Record the shipment" not in after


def test_a_shipment_posted_for_a_pickup_order_is_refused_and_ships_nothing(
    client, stop, oil, olive, owner
):
    # given
    order = pickup_order_as_seller(client, stop, oil, owner)
    line = order.lines.get()
    detail_url = f"/en/backoffice/cooperatives/{olive.slug}/orders/{order.pk}/"

    # when
    refused = client.post(
        detail_url, {f"line-{line.pk}": "1", "notify_customer": "on"}, follow=True
    )

    # then
    order.refresh_from_db()
    line.refresh_from_db()
    assert [str(m) for m in refused.context["messages"]] == [
        "This order is collected at a fair stop: hand it over at your stand, do not ship it."
    ]
    assert line.quantity_fulfilled == 0
    assert not order.fulfillments.exists()
    assert order.status == "unfulfilled"
    assert PickupOrder.objects.get(order=order).status == "awaiting"


def parts_shown(html):
    """The text of each cooperative's part on the account page, then on the order page."""
    found = re.findall(r'data-shipping="[^"]*">(.*?)</li>', html, re.S)
    found += re.findall(r'<small class="fulfilment-status"[^>]*>(.*?)</small>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", part)).strip() for part in found]


def test_a_cancelled_pickup_order_no_longer_says_to_collect(client, stop, oil, olive):
    # given
    client.force_login(make_user("salma@example.ma"))
    to_delivery(client, oil, language="en")
    order, _url = place(client, collect_at(client, stop, language="en"), language="en")

    # when
    client.post(f"/en/account/orders/{order.token}/cancel/")
    account = client.get("/en/account/").content.decode()
    detail = client.get(f"/en/orders/{order.token}/").content.decode()

    # then
    for html in (account, detail):
        assert "To collect at" not in html and "Collect at the fair stop" not in html
        assert "Not shipped yet" not in html
    assert parts_shown(account) == [f"{olive.name}: Cancelled"]
    assert parts_shown(detail) == ["Cancelled"]


def test_a_pickup_orders_part_says_where_and_when_to_collect_then_collected(
    client, stop, oil, olive, owner
):
    # given
    shopper = make_user("salma@example.ma")
    client.force_login(shopper)
    to_delivery(client, oil, language="en")
    order, _url = place(client, collect_at(client, stop, language="en"), language="en")
    day = in_language("en", formats.date_format, timezone.localtime(stop.starts_at), "j F Y")
    to_collect = f"To collect at {stop.title}, {day}"

    # when
    before = [client.get("/en/account/"), client.get(f"/en/orders/{order.token}/")]
    client.force_login(owner)
    client.post(
        f"/en/backoffice/pickup/orders/{order.pk}/collect/", {"cooperative": olive.slug}
    )
    client.force_login(shopper)
    after = [client.get("/en/account/"), client.get(f"/en/orders/{order.token}/")]

    # then
    account, detail = (page.content.decode() for page in before)
    assert parts_shown(account) == [f"{olive.name}: {to_collect}"]
    assert parts_shown(detail) == [to_collect]
    account, detail = (page.content.decode() for page in after)
    assert parts_shown(account) == [f"{olive.name}: Collected"]
    assert parts_shown(detail) == ["Collected"]
    assert 'data-order-status="collected"' in detail
    for page in before + after:
        assert "Not shipped yet" not in page.content.decode()
