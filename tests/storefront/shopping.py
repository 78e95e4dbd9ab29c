"""Helpers shared by the basket, checkout and account tests."""

from django.utils import translation

ADDRESS = {
    "email": "salma@example.ma",
    "first_name": "Salma",
    "last_name": "Bennani",
    "street_address_1": "12 rue Talaa Kebira",
    "city": "FES",
    "postal_code": "",
    "phone": "06 12 34 56 78",
}


def variant_id(product):
    return product.variants.get().pk


def add(client, product, quantity=1, language=""):
    prefix = f"/{language}" if language else ""
    return client.post(
        f"{prefix}/basket/add/", {"variant": variant_id(product), "quantity": quantity}
    )


def fill_checkout(client, *, address=None, language=""):
    """Address, the first delivery option and cash on delivery: the review page is next."""
    prefix = f"/{language}" if language else ""
    response = client.post(f"{prefix}/checkout/address/", {**ADDRESS, **(address or {})})
    assert response.status_code == 302, response.context["form"].errors
    delivery = client.get(f"{prefix}/checkout/delivery/")
    option = delivery.context["options"][0][0]
    assert client.post(f"{prefix}/checkout/delivery/", {"delivery": option}).status_code == 302
    payment = client.post(
        f"{prefix}/checkout/payment/", {"gateway": "marketplace.payments.cash_on_delivery"}
    )
    assert payment.status_code == 302
    return client.get(f"{prefix}/checkout/review/")


def gettext_in(language, message):
    with translation.override(language):
        return translation.gettext(message)
