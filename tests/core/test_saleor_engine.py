"""Smoke tests of the Saleor engine on our locked dependency set.

Each guards a pin that once broke silently: PyJWT (log-in), Pillow
(thumbnails), Django/psycopg2 and the checkout flow end to end.
"""

import pytest
from graphql_relay import to_global_id
from PIL import Image
from saleor.order.models import Order

pytestmark = pytest.mark.django_db

SHIPPING_ADDRESS = {
    "firstName": "Fatima",
    "lastName": "Alaoui",
    "streetAddress1": "12 Derb Lamtiyine",
    "city": "Fès",
    "postalCode": "30110",
    "country": "MA",
    "phone": "+212612345678",
}


def test_token_create_logs_a_customer_in(graphql, customer):
    # when
    content = graphql(
        """mutation { tokenCreate(email: "customer@example.com", password: "password-123") {
             token user { email } accountErrors { code } } }"""
    )

    # then
    result = content["data"]["tokenCreate"]
    assert result["accountErrors"] == []
    assert result["token"]
    assert result["user"]["email"] == customer.email


def test_product_thumbnail_is_rendered(client, product_factory):
    # given
    product = product_factory(with_image=True)
    image = product.images.first()

    # when
    thumbnail = image.image.thumbnail["255x255"]

    # then
    assert thumbnail.url.endswith(".png")
    with thumbnail.storage.open(thumbnail.name) as rendered:
        assert Image.open(rendered).size == (255, 255)


def test_checkout_completes_into_an_order_in_mad(graphql, product_factory, shipping_zone):
    # given
    product = product_factory(price="80.00", quantity=5)
    variant_id = to_global_id("ProductVariant", product.variants.first().pk)

    # when
    created = graphql(
        """mutation($lines: [CheckoutLineInput]!, $address: AddressInput!) {
             checkoutCreate(input: {email: "client@example.ma", lines: $lines,
                                    shippingAddress: $address, billingAddress: $address}) {
               checkout { token availableShippingMethods { id } totalPrice { gross { currency } } }
               checkoutErrors { field code } } }""",
        {"lines": [{"variantId": variant_id, "quantity": 2}], "address": SHIPPING_ADDRESS},
    )["data"]["checkoutCreate"]
    assert created["checkoutErrors"] == []
    checkout = created["checkout"]
    checkout_id = to_global_id("Checkout", checkout["token"])
    shipping = graphql(
        """mutation($id: ID!, $method: ID!) {
             checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {
               checkout { totalPrice { gross { amount } } } checkoutErrors { code } } }""",
        {"id": checkout_id, "method": checkout["availableShippingMethods"][0]["id"]},
    )["data"]["checkoutShippingMethodUpdate"]
    total = shipping["checkout"]["totalPrice"]["gross"]["amount"]
    payment = graphql(
        """mutation($id: ID!, $amount: Decimal) {
             checkoutPaymentCreate(checkoutId: $id,
               input: {gateway: "mirumee.payments.dummy", token: "charged", amount: $amount}) {
               paymentErrors { code } } }""",
        {"id": checkout_id, "amount": total},
    )["data"]["checkoutPaymentCreate"]
    assert payment["paymentErrors"] == []
    completed = graphql(
        """mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
             order { number total { gross { amount currency } } } checkoutErrors { code } } }""",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]

    # then
    assert checkout["totalPrice"]["gross"]["currency"] == "MAD"
    assert completed["checkoutErrors"] == []
    assert completed["order"]["total"]["gross"] == {"amount": 190.0, "currency": "MAD"}
    order = Order.objects.get()
    assert order.lines.get().quantity == 2
    assert product.variants.first().stocks.get().quantity == 5
    assert product.variants.first().stocks.get().allocations.get().quantity_allocated == 2
