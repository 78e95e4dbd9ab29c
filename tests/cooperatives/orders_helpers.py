"""Builders for the order, fulfilment and ledger tests:
real Saleor orders, split per cooperative.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from saleor.account.models import Address
from saleor.order import OrderStatus
from saleor.order.actions import order_created
from saleor.order.models import Fulfillment, Order, OrderLine
from saleor.product.models import Category, ProductType
from saleor.shipping.models import ShippingMethod, ShippingMethodType, ShippingZone
from saleor.warehouse.management import allocate_stock
from saleor.warehouse.models import Stock, Warehouse

from marketplace.cooperatives.models import (
    CooperativeProduct,
    CooperativeStatus,
    LedgerEntry,
    OrderLineCooperative,
    PayoutBatch,
)
from tests.fixtures.catalogue import make_product
from tests.fixtures.cooperatives import make_cooperative

PLUGIN = "marketplace.cooperatives.plugin.CooperativeMarketplacePlugin"

ACTORS = [
    "anonymous",
    "customer",
    "other_cooperative_member",
    "member",
    "staff_without_permission",
    "reviewer",
]


@pytest.fixture
def with_plugin(settings):
    if PLUGIN not in settings.PLUGINS:
        settings.PLUGINS = [*settings.PLUGINS, PLUGIN]


def make_address(**fields):
    defaults = {
        "first_name": "Salma",
        "last_name": "Bennani",
        "street_address_1": "12 rue Talaa Kebira",
        "city": "FES",
        "postal_code": "30000",
        "country": "MA",
        "phone": "+212612345678",
    }
    return Address.objects.create(**{**defaults, **fields})


def give_warehouse(cooperative):
    zone = ShippingZone.objects.filter(countries__contains="MA").first()
    if zone is None:
        zone = ShippingZone.objects.create(name="Maroc", countries=["MA"])
        ShippingMethod.objects.create(
            name="Livraison à domicile",
            type=ShippingMethodType.PRICE_BASED,
            price_amount=Decimal("30.00"),
            shipping_zone=zone,
        )
    warehouse = Warehouse.objects.create(
        name=f"Entrepôt {cooperative.slug}",
        slug=f"entrepot-{cooperative.slug}",
        company_name=cooperative.name_fr,
        address=make_address(company_name=cooperative.name_fr),
        email=f"stock-{cooperative.slug}@example.ma",
    )
    warehouse.shipping_zones.add(zone)
    cooperative.warehouse = warehouse
    cooperative.save(update_fields=["warehouse"])
    return warehouse


def seller(cooperative=None, *, owner=None, **fields):
    """An approved cooperative with its own warehouse."""
    if cooperative is None:
        cooperative = make_cooperative(owner=owner, status=CooperativeStatus.APPROVED, **fields)
    if cooperative.warehouse_id is None:
        give_warehouse(cooperative)
    return cooperative


def product_of(cooperative, *, price="120.00", quantity=10, name=None):
    product_type = ProductType.objects.get_or_create(
        slug="terroir", defaults={"name": "Terroir", "has_variants": False}
    )[0]
    category = Category.objects.get_or_create(slug="terroir", defaults={"name": "Terroir"})[0]
    product = make_product(
        product_type=product_type,
        category=category,
        warehouse=cooperative.warehouse,
        price=price,
        quantity=quantity,
        name=name,
    )
    CooperativeProduct.objects.create(product=product, cooperative=cooperative)
    return product


def place_order(items, *, user=None, email="shopper@example.com"):
    """Place a Saleor order for [(product, quantity), …] the way checkout completion does.

    Stock is allocated in the warehouses serving Morocco, then Saleor's
    ``order_created`` runs the plugins' hooks.
    """
    order = Order.objects.create(
        user=user,
        user_email=email if user is None else user.email,
        status=OrderStatus.UNFULFILLED,
        billing_address=make_address(),
        shipping_address=make_address(),
        currency="MAD",
    )
    total = Decimal("0")
    for product, quantity in items:
        variant = product.variants.get()
        line = OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=product.name,
            product_sku=variant.sku,
            is_shipping_required=True,
            quantity=quantity,
            currency="MAD",
            unit_price_net_amount=product.price_amount,
            unit_price_gross_amount=product.price_amount,
        )
        allocate_stock(line, "MA", quantity)
        total += product.price_amount * quantity
    order.total_net_amount = order.total_gross_amount = total
    order.save(update_fields=["total_net_amount", "total_gross_amount"])
    order_created(order, user or AnonymousUser())
    order.refresh_from_db()
    return order


CHECKOUT_ADDRESS = {
    "firstName": "Salma", "lastName": "Bennani", "streetAddress1": "12 rue Talaa Kebira",
    "city": "FES", "postalCode": "30000", "country": "MA", "phone": "+212612345678",
}


def checkout_ready_to_pay(graphql, items, *, email="client@example.ma", promo_codes=()):
    """A checkout of [(product, quantity), …] made as a Saleor 2.10 client makes it.

    checkoutCreate with an address, the first shipping method, then each
    promo code through checkoutAddPromoCode. Returns (its global ID, its
    token, the total Saleor then asks for).
    """
    from graphql_relay import to_global_id

    lines = [
        {"variantId": to_global_id("ProductVariant", product.variants.get().pk),
         "quantity": quantity}
        for product, quantity in items
    ]
    created = graphql(
        """mutation($email: String!, $lines: [CheckoutLineInput]!, $address: AddressInput!) {
             checkoutCreate(input: {email: $email, lines: $lines,
                                    shippingAddress: $address, billingAddress: $address}) {
               checkout { token availableShippingMethods { id } }
               checkoutErrors { field code } } }""",
        {"email": email, "lines": lines, "address": CHECKOUT_ADDRESS},
    )["data"]["checkoutCreate"]
    assert created["checkoutErrors"] == []
    token = created["checkout"]["token"]
    checkout_id = to_global_id("Checkout", token)
    shipping = graphql(
        """mutation($id: ID!, $method: ID!) {
             checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {
               checkoutErrors { code } } }""",
        {"id": checkout_id, "method": created["checkout"]["availableShippingMethods"][0]["id"]},
    )["data"]["checkoutShippingMethodUpdate"]
    assert shipping["checkoutErrors"] == []
    for code in promo_codes:
        added = graphql(
            """mutation($id: ID!, $code: String!) {
                 checkoutAddPromoCode(checkoutId: $id, promoCode: $code) {
                   checkoutErrors { field code } } }""",
            {"id": checkout_id, "code": code},
        )["data"]["checkoutAddPromoCode"]
        assert added["checkoutErrors"] == []
    total = graphql(
        """query($token: UUID!) { checkout(token: $token) {
             totalPrice { gross { amount } } } }""",
        {"token": token},
    )["data"]["checkout"]["totalPrice"]["gross"]["amount"]
    return checkout_id, token, total


def checkout_pay_and_complete(graphql, checkout_id, *, gateway, token, amount):
    """checkoutPaymentCreate then checkoutComplete; return the order's fields Saleor answered."""
    payment = graphql(
        """mutation($id: ID!, $gateway: String!, $token: String!, $amount: Decimal) {
             checkoutPaymentCreate(checkoutId: $id,
               input: {gateway: $gateway, token: $token, amount: $amount}) {
               paymentErrors { field code } } }""",
        {"id": checkout_id, "gateway": gateway, "token": token, "amount": amount},
    )["data"]["checkoutPaymentCreate"]
    assert payment["paymentErrors"] == []
    completed = graphql(
        """mutation($id: ID!) { checkoutComplete(checkoutId: $id) {
             order { token paymentStatus isPaid } checkoutErrors { field code message } } }""",
        {"id": checkout_id},
    )["data"]["checkoutComplete"]
    assert completed["checkoutErrors"] == []
    return completed["order"]


def checkout_order(graphql, items, *, email="client@example.ma", promo_codes=()):
    """Buy [(product, quantity), …] through Saleor's own checkout, paid by the dummy gateway."""
    checkout_id, _token, total = checkout_ready_to_pay(
        graphql, items, email=email, promo_codes=promo_codes
    )
    completed = checkout_pay_and_complete(
        graphql, checkout_id, gateway="mirumee.payments.dummy", token="charged", amount=total
    )
    return Order.objects.get(token=completed["token"])


def stock_quantity(product, warehouse):
    return Stock.objects.get(product_variant__product=product, warehouse=warehouse).quantity


def order_snapshot(order):
    """What a refused action on an order must leave untouched."""
    order.refresh_from_db()
    return {
        "status": order.status,
        "fulfillments": Fulfillment.objects.filter(order=order).count(),
        "fulfilled": sorted(order.lines.values_list("pk", "quantity_fulfilled")),
        "stock": sorted(
            Stock.objects.filter(product_variant__order_lines__order=order).values_list(
                "pk", "quantity"
            )
        ),
        "links": OrderLineCooperative.objects.filter(order=order).count(),
    }


def ledger_snapshot():
    return {
        "entries": sorted(LedgerEntry.objects.values_list("pk", "kind", "net", "payout_batch_id")),
        "batches": sorted(PayoutBatch.objects.values_list("pk", "status", "paid_by_id")),
    }


# Two cooperatives, one product each, and an order holding both: the common scene.


@pytest.fixture
def olive(owner):
    return seller(owner=owner)


@pytest.fixture
def honey(other_member):
    return seller(owner=other_member)


@pytest.fixture
def oil(olive):
    return product_of(olive, price="100.00", name="Huile Zitoun")


@pytest.fixture
def thyme_honey(honey):
    return product_of(honey, price="50.00", name="Miel Assal")


@pytest.fixture
def order(oil, thyme_honey):
    return place_order([(oil, 2), (thyme_honey, 1)])


def sku(product):
    return product.variants.get().sku
