import json

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.account.models import Address, User
from saleor.order import OrderStatus
from saleor.warehouse.models import Allocation

from tests.cooperatives.orders_helpers import make_address, place_order
from tests.fixtures.cooperatives import make_user

from .shopping import ADDRESS

pytestmark = pytest.mark.django_db


def link_in(message):
    return next(word for word in message.body.split() if "token=" in word).replace(
        "http://testserver", ""
    )


def sign_up(client, email="amina@example.ma", path="/accounts/signup/"):
    return client.post(
        path,
        {"email": email, "password": "zendaz-honey-42", "password_again": "zendaz-honey-42"},
    )


def test_the_sign_up_email_link_confirms_the_account_and_logs_in(client):
    # given
    sign_up(client)
    [message] = mail.outbox

    # when
    response = client.get(link_in(message))

    # then
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert User.objects.get(email="amina@example.ma").is_active
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_a_wrong_confirmation_token_activates_nothing(client):
    # given
    sign_up(client)

    # when
    response = client.get("/accounts/confirm/?email=amina@example.ma&token=forged-1")

    # then
    assert response.status_code == 400
    assert not User.objects.get().is_active
    assert "_auth_user_id" not in client.session


def test_accountregister_links_land_on_our_confirmation_through_the_home_page(client):
    # given: a 2.10 client registers with Saleor's default redirect to the home page
    result = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": """mutation { accountRegister(input: {email: "youssef@example.ma",
                     password: "zendaz-honey-42", redirectUrl: "http://localhost:8000/"}) {
                     requiresConfirmation accountErrors { code } } }"""
            }
        ),
        content_type="application/json",
    ).json()
    assert result["data"]["accountRegister"]["requiresConfirmation"] is True
    link = link_in(mail.outbox[-1]).replace("http://localhost:8000", "")

    # when
    forwarded = client.get(link)
    confirmed = client.get(forwarded["Location"])

    # then
    assert forwarded["Location"].startswith("/accounts/confirm/?")
    assert confirmed.status_code == 302
    assert User.objects.get(email="youssef@example.ma").is_active
    assert "_auth_user_id" in client.session


def test_a_shopper_logs_in_to_the_account_never_the_back_office(client, customer):
    # when
    response = client.post(
        "/accounts/login/", {"username": customer.email, "password": "password-123"}
    )

    # then
    assert response["Location"] == "/account/"


def test_a_cooperative_member_logs_in_to_the_back_office(client, approved_cooperative, owner):
    # when
    response = client.post(
        "/accounts/login/", {"username": owner.email, "password": "password-123"}
    )

    # then
    assert response["Location"] == "/backoffice/"


def test_a_shopper_logging_in_from_a_page_goes_back_to_it(client, customer):
    # when
    response = client.post(
        "/accounts/login/?next=/basket/",
        {"username": customer.email, "password": "password-123", "next": "/basket/"},
    )

    # then
    assert response["Location"] == "/basket/"


def test_forgot_password_sends_a_link_that_sets_a_new_password_and_logs_in(client, customer):
    # given
    client.post("/accounts/password/forgot/", {"email": customer.email})
    link = link_in(mail.outbox[-1])

    # when
    page = client.get(link)
    response = client.post(
        link, {"new_password1": "figs-of-taounate-7", "new_password2": "figs-of-taounate-7"}
    )

    # then
    assert page.status_code == 200
    assert response["Location"] == "/account/"
    customer.refresh_from_db()
    assert customer.check_password("figs-of-taounate-7")


def test_forgot_password_answers_the_same_for_an_unknown_address(client, customer):
    # when
    known = client.post("/en/accounts/password/forgot/", {"email": customer.email})
    unknown = client.post("/en/accounts/password/forgot/", {"email": "nobody@example.ma"})

    # then
    assert known.content == unknown.content
    assert len(mail.outbox) == 1


def test_forgot_password_is_rate_limited(client, customer):
    # given
    for _ in range(3):
        client.post("/accounts/password/forgot/", {"email": customer.email})

    # when
    response = client.post("/accounts/password/forgot/", {"email": customer.email})

    # then
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_a_forged_reset_token_changes_no_password(client, customer):
    # when
    response = client.post(
        f"/accounts/password/reset/?email={customer.email}&token=forged-1",
        {"new_password1": "figs-of-taounate-7", "new_password2": "figs-of-taounate-7"},
    )

    # then
    assert response.status_code == 400
    customer.refresh_from_db()
    assert customer.check_password("password-123")


def test_a_shopper_saves_and_deletes_an_address(client, customer):
    # given
    client.force_login(customer)

    # when
    client.post("/account/addresses/", ADDRESS)
    address = customer.addresses.get()
    client.post(f"/account/addresses/{address.pk}/delete/")

    # then
    assert address.phone == "+212612345678"
    assert not customer.addresses.exists()


def test_a_shopper_cannot_delete_another_shoppers_address(client, customer):
    # given
    other = make_user("other-shopper@example.ma")
    address = make_address()
    other.addresses.add(address)
    client.force_login(customer)

    # when
    response = client.post(f"/account/addresses/{address.pk}/delete/")

    # then
    assert response.status_code == 404
    assert Address.objects.filter(pk=address.pk).exists()
    assert "Salma" not in client.get("/account/addresses/").content.decode()


def test_the_account_pages_need_a_log_in(client):
    # when
    response = client.get("/account/")

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


def test_the_order_history_shows_each_cooperatives_shipping_status(client, customer, oil, honey):
    # given
    order = place_order([(oil, 1), (honey, 1)], user=customer)
    order.lines.filter(variant__product=oil).update(quantity_fulfilled=1)
    client.force_login(customer)

    # when
    page = client.get("/en/account/")

    # then
    [shown] = page.context["orders"]
    statuses = {group["cooperative"].name_fr: group["status"].label for group in shown.groups}
    assert statuses == {"Zitoun Sefrou": "Shipped", "Assal Imouzzer": "Not shipped yet"}


def test_a_shopper_never_sees_another_shoppers_orders(client, customer, oil):
    # given
    place_order([(oil, 1)], user=make_user("other-shopper@example.ma"))
    client.force_login(customer)

    # when
    page = client.get("/account/")

    # then
    assert page.context["orders"] == []


def history_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/account/")
    return len(response.context["orders"]), len(queries)


def test_the_order_history_costs_the_same_queries_for_3_or_30_orders(client, customer, oil):
    # given
    for _ in range(3):
        place_order([(oil, 1)], user=customer)
    oil.variants.get().stocks.update(quantity=100)
    client.force_login(customer)
    history_queries(client)
    few = history_queries(client)
    for _ in range(27):
        place_order([(oil, 1)], user=customer)

    # when
    many = history_queries(client)

    # then
    assert few[0] == 3 and many[0] == 30
    assert many[1] == few[1]


def test_a_shopper_cancels_an_unshipped_order_and_the_stock_comes_back(client, customer, oil):
    # given
    order = place_order([(oil, 2)], user=customer)
    client.force_login(customer)

    # when
    response = client.post(f"/account/orders/{order.token}/cancel/")

    # then
    order.refresh_from_db()
    assert response["Location"] == "/account/"
    assert order.status == OrderStatus.CANCELED
    reserved = Allocation.objects.filter(order_line__order=order)
    assert sum(reserved.values_list("quantity_allocated", flat=True)) == 0


def test_a_shipped_order_cannot_be_cancelled(client, customer, oil):
    # given
    from saleor.order.models import Fulfillment

    order = place_order([(oil, 2)], user=customer)
    Fulfillment.objects.create(order=order)
    client.force_login(customer)

    # when
    client.post(f"/en/account/orders/{order.token}/cancel/")

    # then
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    reserved = Allocation.objects.filter(order_line__order=order)
    assert sum(reserved.values_list("quantity_allocated", flat=True)) == 2
    assert "can no longer be cancelled" in client.get("/en/account/").content.decode()


def test_a_shopper_cannot_cancel_another_shoppers_order(client, customer, oil):
    # given
    order = place_order([(oil, 1)], user=make_user("other-shopper@example.ma"))
    client.force_login(customer)

    # when
    response = client.post(f"/account/orders/{order.token}/cancel/")

    # then
    order.refresh_from_db()
    assert response.status_code == 404
    assert order.status == OrderStatus.UNFULFILLED
