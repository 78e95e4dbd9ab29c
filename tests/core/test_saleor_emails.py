"""Saleor 2.10's e-mails render from our templates (its wheel ships none).

Each test calls the Saleor sender itself (Celery runs eagerly in tests) and
reads the message from the locmem outbox.
"""

import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.utils import translation
from django_prices.templatetags.prices import amount
from saleor.account import emails as account_emails
from saleor.account.models import Address, StaffNotificationRecipient, User
from saleor.order import emails as order_emails
from saleor.order.models import Fulfillment, Order
from saleor.product.models import Product, ProductType, ProductVariant
from templated_email import get_templated_mail

pytestmark = pytest.mark.django_db

SITE_NAME = "Terroir Fès–Meknès"
SITE_DOMAIN = "terroir-fes-meknes.ma"


@pytest.fixture(autouse=True)
def site():
    # Saleor caches the current site process-wide (saleor/site/patch_sites.py);
    # a copy cached while migrations ran carries a historical SiteSettings
    # without `default_from_email`, and our renamed copy must not outlive the test.
    Site.objects.clear_cache()
    site = Site.objects.get_current()
    site.name = SITE_NAME
    site.domain = SITE_DOMAIN
    site.save()
    yield site
    Site.objects.clear_cache()


@pytest.fixture
def customer():
    return User.objects.create_user("salma@example.com", "password")


@pytest.fixture
def address():
    return Address.objects.create(
        first_name="Salma",
        last_name="Bennani",
        street_address_1="12 Derb Sidi Ahmed",
        city="Fès",
        postal_code="30000",
        country="MA",
        phone="+212535000000",
    )


@pytest.fixture
def variant():
    product_type = ProductType.objects.create(name="Huiles", slug="huiles")
    product = Product.objects.create(
        product_type=product_type,
        name="Huile d'olive de Meknès",
        slug="huile-olive-meknes",
        price_amount=Decimal("120.00"),
        currency="MAD",
    )
    # save(), not objects.create(): the queryset's create() schedules a price task
    # whose module only imports cleanly once Saleor's GraphQL schema is loaded.
    variant = ProductVariant(product=product, sku="OLIVE-1L", name="1 L")
    variant.save()
    return variant


def _order(address, variant, language_code="fr", product_name="Huile d'olive de Meknès"):
    order = Order.objects.create(
        user_email="salma@example.com",
        language_code=language_code,
        billing_address=address,
        shipping_address=address.get_copy(),
        shipping_method_name="Livraison Fès–Meknès",
        shipping_price_net_amount=Decimal("30.00"),
        shipping_price_gross_amount=Decimal("30.00"),
        total_net_amount=Decimal("315.00"),
        total_gross_amount=Decimal("355.00"),
        currency="MAD",
    )
    order.lines.create(
        variant=variant,
        product_name=product_name,
        variant_name="1 L",
        product_sku="OLIVE-1L",
        is_shipping_required=True,
        quantity=2,
        currency="MAD",
        unit_price_net_amount=Decimal("100.00"),
        unit_price_gross_amount=Decimal("120.00"),
    )
    order.lines.create(
        product_name="Miel de thym du Moyen Atlas",
        product_sku="MIEL-500",
        is_shipping_required=True,
        quantity=1,
        currency="MAD",
        unit_price_net_amount=Decimal("85.00"),
        unit_price_gross_amount=Decimal("85.00"),
    )
    return order


@pytest.fixture
def order(address, variant):
    return _order(address, variant)


@pytest.fixture
def fulfillment(order):
    fulfillment = Fulfillment.objects.create(order=order, tracking_number="MA123456789")
    first_line = order.lines.first()
    fulfillment.lines.create(order_line=first_line, quantity=2)
    return fulfillment


def _html(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def _formatted(money, language_code):
    with translation.override(language_code):
        return amount(money)


def test_account_confirmation_email_links_to_confirm_url(customer):
    # given
    redirect_url = "https://shop.example/account-confirm/"

    # when
    account_emails.send_account_confirmation_email(customer, redirect_url)

    # then
    [message] = mail.outbox
    assert message.to == [customer.email]
    assert SITE_NAME in message.subject
    assert f"{redirect_url}?email=salma%40example.com&token=" in message.body
    assert f"{redirect_url}?email=salma%40example.com&amp;token=" in _html(message)


def test_password_reset_email_links_to_reset_url(customer):
    # given
    redirect_url = "https://shop.example/reset-password/"

    # when
    account_emails.send_user_password_reset_email_with_url(redirect_url, customer)

    # then
    [message] = mail.outbox
    assert message.to == [customer.email]
    assert message.subject
    assert f"{redirect_url}?email=salma%40example.com&token=" in message.body


def test_email_change_request_goes_to_new_address_with_confirmation_url(customer):
    # given
    redirect_url = "https://shop.example/confirm-email-change/"

    # when
    account_emails.send_user_change_email_url(
        redirect_url, customer, "salma.new@example.com", "change-token"
    )

    # then
    [message] = mail.outbox
    assert message.to == ["salma.new@example.com"]
    assert f"{redirect_url}?token=change-token" in message.body
    assert f"{redirect_url}?token=change-token" in _html(message)


def test_email_changed_notification_goes_to_old_address():
    # given
    old_email = "salma.old@example.com"

    # when
    account_emails.send_user_change_email_notification(old_email)

    # then
    [message] = mail.outbox
    assert message.to == [old_email]
    assert SITE_NAME in message.subject
    assert SITE_DOMAIN in message.body


def test_account_delete_email_links_to_delete_url(customer):
    # given
    redirect_url = "https://shop.example/delete-account/"

    # when
    account_emails.send_account_delete_confirmation_email_with_url(redirect_url, customer)

    # then
    [message] = mail.outbox
    assert message.to == [customer.email]
    assert f"{redirect_url}?token=" in message.body
    assert f"{redirect_url}?token=" in _html(message)


@pytest.mark.parametrize("staff", [False, True], ids=["customer", "staff"])
def test_set_password_email_links_to_password_set_url(customer, staff):
    # given
    redirect_url = "https://dashboard.example/new-password/"

    # when
    account_emails.send_set_password_email_with_url(redirect_url, customer, staff=staff)

    # then
    [message] = mail.outbox
    assert message.to == [customer.email]
    assert SITE_NAME in message.subject
    assert f"{redirect_url}?email=salma%40example.com&token=" in message.body


def test_set_password_emails_differ_for_staff_and_customers(customer):
    # given
    redirect_url = "https://dashboard.example/new-password/"

    # when
    account_emails.send_set_password_email_with_url(redirect_url, customer, staff=False)
    account_emails.send_set_password_email_with_url(redirect_url, customer, staff=True)

    # then
    customer_message, staff_message = mail.outbox
    assert customer_message.subject != staff_message.subject


def test_order_confirmation_lists_lines_totals_and_details_url(order):
    # given
    redirect_url = "https://shop.example/order-details/"

    # when
    order_emails.send_order_confirmation(order.pk, redirect_url)

    # then
    [message] = mail.outbox
    html = _html(message)
    assert message.to == ["salma@example.com"]
    assert re.search(rf"\b{order.pk}\b", message.subject)
    assert f"{redirect_url}?token={order.token}" in message.body
    assert f"{redirect_url}?token={order.token}" in html
    line_total = _formatted(order.lines.first().get_total().gross, "fr")
    total = _formatted(order.total.gross, "fr")
    for body in (message.body, html):
        assert "Huile d&#x27;olive de Meknès" in body or "Huile d'olive de Meknès" in body
        assert "Miel de thym du Moyen Atlas" in body
        assert line_total in body
        assert total in body
        assert "Livraison Fès–Meknès" in body
        assert "12 Derb Sidi Ahmed" in body
        assert "+212 5" in body
    assert '<script type="application/ld+json">' in html


def test_staff_order_confirmation_goes_to_staff_recipients(order):
    # given
    staff = User.objects.create_user("equipe@terroir-fes-meknes.ma", "password", is_staff=True)
    StaffNotificationRecipient.objects.create(user=staff)

    # when
    order_emails.send_staff_order_confirmation(order.pk, "https://shop.example/order-details/")

    # then
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert re.search(rf"\b{order.pk}\b", message.subject)
    assert "salma@example.com" in message.body
    assert "Miel de thym du Moyen Atlas" in message.body
    assert _formatted(order.total.gross, "fr") in message.body


def test_fulfillment_confirmation_lists_shipped_lines_and_tracking_number(order, fulfillment):
    # when
    order_emails.send_fulfillment_confirmation(order.pk, fulfillment.pk)

    # then
    [message] = mail.outbox
    html = _html(message)
    assert message.to == ["salma@example.com"]
    assert re.search(rf"\b{order.pk}\b", message.subject)
    assert "2 × Huile d'olive de Meknès (1 L)" in message.body
    assert "MA123456789" in message.body
    assert "MA123456789" in html
    assert _formatted(order.total.gross, "fr") in html


def test_fulfillment_update_shows_new_tracking_number(order, fulfillment):
    # given
    fulfillment.tracking_number = "MA987654321"
    fulfillment.save()

    # when
    order_emails.send_fulfillment_update(order.pk, fulfillment.pk)

    # then
    [message] = mail.outbox
    assert message.to == ["salma@example.com"]
    assert re.search(rf"\b{order.pk}\b", message.subject)
    assert "MA987654321" in message.body
    assert "MA987654321" in _html(message)


def test_payment_confirmation_states_amount_paid(order):
    # when
    order_emails.send_payment_confirmation(order.pk)

    # then
    [message] = mail.outbox
    total = _formatted(order.total.gross, "fr")
    assert message.to == ["salma@example.com"]
    assert re.search(rf"\b{order.pk}\b", message.subject)
    assert total in message.body
    assert total in _html(message)


def test_fulfillment_email_lists_digital_lines(order):
    # given
    digital_line = SimpleNamespace(
        quantity=1,
        order_line=SimpleNamespace(
            product_name="Recettes du terroir (e-book)",
            translated_product_name="",
            digital_content_url=SimpleNamespace(token="a1b2c3"),
        ),
    )
    context = {
        "site_name": SITE_NAME,
        "domain": SITE_DOMAIN,
        "order": order,
        "fulfillment": SimpleNamespace(tracking_number=""),
        "physical_lines": [],
        "digital_lines": [digital_line],
    }

    # when
    message = get_templated_mail("order/confirm_fulfillment", context, to=["a@example.com"])

    # then
    assert message.subject
    assert "1 × Recettes du terroir (e-book)" in message.body
    assert "Recettes du terroir (e-book)" in _html(message)


def test_email_html_is_right_to_left_in_arabic(customer):
    # when
    with translation.override("ar"):
        account_emails.send_account_confirmation_email(customer, "https://shop.example/c/")

    # then
    html = _html(mail.outbox[0])
    assert '<html lang="ar" dir="rtl">' in html


def test_email_html_is_left_to_right_in_french(customer):
    # when
    with translation.override("fr"):
        account_emails.send_account_confirmation_email(customer, "https://shop.example/c/")

    # then
    assert '<html lang="fr" dir="ltr">' in _html(mail.outbox[0])


def test_customer_order_email_uses_language_of_the_order(address, variant):
    # given
    order = _order(address, variant, language_code="ar")

    # when
    with translation.override("fr"):
        order_emails.send_payment_confirmation(order.pk)

    # then
    html = _html(mail.outbox[0])
    assert '<html lang="ar" dir="rtl">' in html
    assert _formatted(order.total.gross, "ar") in html


def test_staff_order_email_uses_active_language_not_the_order_language(address, variant):
    # given
    order = _order(address, variant, language_code="ar")
    staff = User.objects.create_user("equipe@terroir-fes-meknes.ma", "password", is_staff=True)
    StaffNotificationRecipient.objects.create(user=staff)

    # when
    with translation.override("fr"):
        order_emails.send_staff_order_confirmation(order.pk, "https://shop.example/o/")

    # then
    assert '<html lang="fr" dir="ltr">' in _html(mail.outbox[0])


def test_order_email_escapes_html_but_keeps_plain_text_raw(address, variant):
    # given
    order = _order(address, variant, product_name="<b>Amlou</b> & argan")

    # when
    order_emails.send_order_confirmation(order.pk, "https://shop.example/o/")

    # then
    [message] = mail.outbox
    assert "&lt;b&gt;Amlou&lt;/b&gt; &amp; argan" in _html(message)
    assert "<b>Amlou</b>" not in _html(message)
    assert "<b>Amlou</b> & argan" in message.body
