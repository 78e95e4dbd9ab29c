"""What a caller without the right token could read from Saleor's root fields, replayed.

Found while sweeping the anonymously reachable schema (test_public_surface.py):
``checkoutLine(id)`` served any shopper's cart line by its sequential id, and
``translations(kind)`` listed every sale and voucher name. Both are now kept
to their owners and to staff; the rest pins what Saleor 2.10 already guards
and our storefront relies on staying guarded.
"""

import pytest
from django.contrib.auth.models import Permission
from graphene import Node
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.discount.models import Sale, Voucher
from saleor.shipping.models import ShippingZone

from marketplace.cooperatives.models import CooperativeStatus
from marketplace.cooperatives.services.orders import cooperative_order_fulfil
from marketplace.cooperatives.services.review import cooperative_warehouse_ensure
from tests.cooperatives.orders_helpers import place_order, product_of, seller
from tests.fixtures.cooperatives import make_cooperative, make_user

pytestmark = pytest.mark.django_db

CHECKOUT_LINE = """
  query($id: ID) { checkoutLine(id: $id) { quantity variant { sku } } }
"""


@pytest.fixture
def oil(owner):
    return product_of(seller(owner=owner), name="Huile d'olive Ain Nokbi")


@pytest.fixture
def shopper(db):
    return make_user("shopper@example.com")


@pytest.fixture
def shopper_cart_line(shopper, oil):
    checkout = Checkout.objects.create(user=shopper, email=shopper.email)
    return CheckoutLine.objects.create(checkout=checkout, variant=oil.variants.get(), quantity=7)


def line_id(line):
    return Node.to_global_id("CheckoutLine", line.pk)


@pytest.mark.parametrize("intruder", ["anonymous", "customer"])
def test_checkout_line_of_another_shopper_is_not_served(
    graphql, user_token, customer, shopper_cart_line, intruder
):
    # given
    token = user_token(customer) if intruder == "customer" else None

    # when
    content = graphql(CHECKOUT_LINE, {"id": line_id(shopper_cart_line)}, token=token)

    # then
    assert content["data"]["checkoutLine"] is None
    assert "SKU-" not in str(content)


def test_shopper_still_reads_own_checkout_line(graphql, user_token, shopper, shopper_cart_line):
    # when
    content = graphql(CHECKOUT_LINE, {"id": line_id(shopper_cart_line)}, token=user_token(shopper))

    # then
    assert content["data"]["checkoutLine"]["quantity"] == 7


def test_staff_managing_checkouts_reads_any_checkout_line(graphql, user_token, shopper_cart_line):
    # given
    staff = make_user(
        "checkouts@example.com", is_staff=True, permissions=["checkout.manage_checkouts"]
    )

    # when
    content = graphql(CHECKOUT_LINE, {"id": line_id(shopper_cart_line)}, token=user_token(staff))

    # then
    assert content["data"]["checkoutLine"]["quantity"] == 7


TRANSLATIONS = """
  query($kind: TranslatableKinds!) {
    translations(kind: $kind, first: 20) {
      edges { node {
        ... on SaleTranslatableContent { saleName: name }
        ... on VoucherTranslatableContent { voucherName: name }
        ... on ProductTranslatableContent { productName: name }
      } }
    }
  }
"""


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("SALE", lambda: Sale.objects.create(name="Remise interne du personnel")),
        (
            "VOUCHER",
            lambda: Voucher.objects.create(
                code="STAFF50", name="Remise interne du personnel", discount_value=50
            ),
        ),
    ],
)
@pytest.mark.parametrize("intruder", ["anonymous", "customer"])
def test_translation_listing_does_not_reveal_internal_discount_names(
    graphql, user_token, customer, kind, make, intruder
):
    # given
    make()
    token = user_token(customer) if intruder == "customer" else None

    # when
    content = graphql(TRANSLATIONS, {"kind": kind}, token=token)

    # then
    assert content["data"]["translations"] is None
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert "Remise interne" not in str(content)


def test_translators_still_list_translatable_items(graphql, user_token, oil):
    # given
    translator = make_user(
        "translator@example.com", is_staff=True, permissions=["site.manage_translations"]
    )
    assert Permission.objects.filter(codename="manage_translations").exists()

    # when
    content = graphql(TRANSLATIONS, {"kind": "PRODUCT"}, token=user_token(translator))

    # then
    names = [edge["node"]["productName"] for edge in content["data"]["translations"]["edges"]]
    assert names == ["Huile d'olive Ain Nokbi"]


def test_order_token_shows_the_order_but_not_the_account_behind_it(graphql, shopper, oil):
    # given
    order = place_order([(oil, 1)], user=shopper)
    query = """
      query($token: UUID!) { orderByToken(token: $token) {
        number user { email addresses { phone } orders(first: 5) { edges { node { token } } } }
        events { id }
      } }
    """

    # when
    content = graphql(query, {"token": str(order.token)})

    # then
    order_data = content["data"]["orderByToken"]
    assert order_data["number"] == str(order.pk)
    assert order_data["user"] is None
    assert order_data["events"] is None
    refused = {tuple(error["path"][1:]) for error in content["errors"]}
    assert refused == {("user",), ("events",)}


def test_anonymous_cannot_read_stock_rows_or_their_warehouses(graphql, oil):
    # given
    query = """
      { products(first: 5) { edges { node { name variants {
          quantityAvailable
          stocks { quantity warehouse { email address { phone streetAddress1 } } }
      } } } } }
    """

    # when
    content = graphql(query)

    # then
    variant = content["data"]["products"]["edges"][0]["node"]["variants"][0]
    assert variant["quantityAvailable"] == 10
    assert variant["stocks"] is None
    assert "stock-" not in str(content)


@pytest.mark.parametrize(
    "query",
    [
        "{ user(id: \"%s\") { email } }",
        "{ customers(first: 5) { edges { node { email } } } }",
        "{ staffUsers(first: 5) { edges { node { email } } } }",
        "{ orders(first: 5) { edges { node { token } } } }",
        "{ checkouts(first: 5) { edges { node { token } } } }",
        "{ homepageEvents(first: 5) { edges { node { id } } } }",
        "{ webhooks(first: 5) { edges { node { targetUrl } } } }",
        "{ apps(first: 5) { edges { node { name } } } }",
        "{ warehouses(first: 5) { edges { node { email } } } }",
        "{ giftCards(first: 5) { edges { node { code } } } }",
    ],
)
def test_account_and_back_office_listings_refuse_anonymous(graphql, shopper, oil, query):
    # given
    place_order([(oil, 1)], user=shopper)
    if "%s" in query:
        query = query % Node.to_global_id("User", shopper.pk)

    # when
    content = graphql(query)

    # then
    assert content["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert set(content["data"].values()) == {None}
    assert shopper.email not in str(content)


FULFILMENT_WAREHOUSE = """
  query($token: UUID!) { orderByToken(token: $token) {
    number fulfillments { status warehouse { name email address { phone streetAddress1 } } }
  } }
"""


@pytest.fixture
def fulfilled_order(owner):
    """An order shipped from a warehouse made as approval makes it: from the council's contacts."""
    cooperative = make_cooperative(
        owner=owner,
        status=CooperativeStatus.APPROVED,
        phone="+212535000101",
        email="bureau@ain-nokbi.ma",
        address="Quartier Ain Nokbi, Fès",
    )
    ShippingZone.objects.create(name="Maroc", countries=["MA"])
    cooperative_warehouse_ensure(cooperative=cooperative)
    order = place_order([(product_of(cooperative), 1)])
    cooperative_order_fulfil(
        cooperative=cooperative,
        user=owner,
        order=order,
        lines={order.lines.get(): 1},
        notify_customer=False,
    )
    return order


@pytest.mark.parametrize("intruder", ["anonymous", "customer", "other_cooperative_member"])
def test_order_token_does_not_reveal_the_cooperatives_private_contacts(
    graphql, user_token, actors, fulfilled_order, intruder
):
    # when
    content = graphql(
        FULFILMENT_WAREHOUSE,
        {"token": str(fulfilled_order.token)},
        token=user_token(actors[intruder]),
    )

    # then
    [fulfilment] = content["data"]["orderByToken"]["fulfillments"]
    assert fulfilment["status"] == "FULFILLED"
    assert fulfilment["warehouse"] is None
    body = str(content)
    for private in ("bureau@ain-nokbi.ma", "535000101", "Quartier Ain Nokbi"):
        assert private not in body


@pytest.mark.parametrize("reader", ["member", "order_staff"])
def test_members_and_order_staff_still_see_the_shipping_warehouse(
    graphql, user_token, owner, fulfilled_order, reader
):
    # given
    user = owner if reader == "member" else make_user(
        "orders@example.com", is_staff=True, permissions=["order.manage_orders"]
    )

    # when
    content = graphql(
        FULFILMENT_WAREHOUSE, {"token": str(fulfilled_order.token)}, token=user_token(user)
    )

    # then
    [fulfilment] = content["data"]["orderByToken"]["fulfillments"]
    assert fulfilment["warehouse"]["email"] == "bureau@ain-nokbi.ma"
