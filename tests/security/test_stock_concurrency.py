"""Buyers completing checkouts at the same moment never get more than the stock.

Replays the overselling of issue 6 (item 3): many shoppers, each with a paid
checkout for the last units of one product, call ``checkoutComplete`` at once
through the real /graphql/ URL, each thread with its own Django test client
and its own PostgreSQL connection. Saleor 2.10 alone gave 9 orders for 3 units.
"""

import json
import threading
import time
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from graphql_relay import to_global_id
from saleor.account.models import Address
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.payment.utils import create_payment
from saleor.warehouse.management import allocate_stock
from saleor.warehouse.models import Allocation

pytestmark = pytest.mark.django_db(transaction=True)

COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(checkoutId: $id) {
    order { number }
    confirmationNeeded
    checkoutErrors { field code message }
  }
}
"""
PRICE = Decimal("120.00")
SHIPPING = Decimal("30.00")  # tests.fixtures.catalogue.shipping_zone


def paid_checkout(variant, shipping_method, number, *, quantity=1):
    """A guest checkout ready to complete: address, shipping and a Dummy payment covering it."""
    address = Address.objects.create(
        first_name="Salma", last_name=f"Bennani {number}", street_address_1="12 rue Talaa Kebira",
        city="FES", postal_code="30000", country="MA", phone="+212612345678",
    )
    checkout = Checkout.objects.create(
        email=f"buyer-{number}@example.ma", country="MA", currency="MAD",
        shipping_address=address, billing_address=address, shipping_method=shipping_method,
    )
    CheckoutLine.objects.create(checkout=checkout, variant=variant, quantity=quantity)
    create_payment(
        gateway="mirumee.payments.dummy", total=PRICE * quantity + SHIPPING, currency="MAD",
        email=checkout.email, payment_token="charged", checkout=checkout,
    )
    return checkout


def complete_at_once(checkouts, *, path="/graphql/"):
    """POST checkoutComplete for every checkout from its own thread, all released together.

    Returns the decoded responses in the order of ``checkouts`` and the lowest
    free quantity a watcher saw on any stock row of the run.
    """
    responses = [None] * len(checkouts)
    start = threading.Barrier(len(checkouts) + 1)
    done = threading.Event()
    lowest_free = []

    def buyer(index, checkout):
        try:
            client = Client()
            body = json.dumps({"query": COMPLETE, "variables": {
                "id": to_global_id("Checkout", checkout.token)}})
            start.wait()
            responses[index] = client.post(path, body, content_type="application/json").json()
        finally:
            connection.close()

    def watcher():
        try:
            with connection.cursor() as cursor:
                while not done.is_set():
                    cursor.execute(
                        """SELECT min(s.quantity - coalesce(a.allocated, 0)) FROM warehouse_stock s
                           LEFT JOIN (SELECT stock_id, sum(quantity_allocated) AS allocated
                                      FROM warehouse_allocation GROUP BY stock_id) a
                           ON a.stock_id = s.id"""
                    )
                    lowest_free.append(cursor.fetchone()[0])
                    time.sleep(0.005)
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=pair) for pair in enumerate(checkouts)]
    observer = threading.Thread(target=watcher)
    for thread in [observer, *threads]:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    observer.join(timeout=10)
    assert not any(thread.is_alive() for thread in [observer, *threads])
    return responses, min(value for value in lowest_free if value is not None)


def backend_pids():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {row[0] for row in cursor.fetchall()}


def connections_left_open(before):
    """Backends the test opened that are still connected (a worker started by an
    earlier test may hold its own connection for the whole session)."""
    deadline = time.monotonic() + 5
    while True:
        left = backend_pids() - before
        if not left or time.monotonic() > deadline:
            return len(left)
        time.sleep(0.05)


def captured_payments(checkouts_or_orders, field):
    return Transaction.objects.filter(
        kind=TransactionKind.CAPTURE, is_success=True,
        **{f"payment__{field}__in": checkouts_or_orders},
    )


@pytest.mark.parametrize("attempt", [1, 2, 3])  # a race: replay it
def test_fifty_buyers_for_ten_units_get_ten_orders_and_forty_clear_refusals(
    attempt, product_factory, shipping_zone
):
    # given
    product = product_factory(price=str(PRICE), quantity=10)
    variant = product.variants.get()
    method = shipping_zone.shipping_methods.get()
    checkouts = [paid_checkout(variant, method, number) for number in range(50)]
    connected_before = backend_pids()

    # when
    responses, lowest_free = complete_at_once(checkouts)

    # then
    results = [response["data"]["checkoutComplete"] for response in responses]
    placed = [result for result in results if result["order"]]
    refused = [result for result in results if not result["order"]]
    assert len(placed) == 10
    assert all(result["checkoutErrors"] == [] for result in placed)
    assert len(refused) == 40
    for result in refused:
        [error] = result["checkoutErrors"]
        assert error["code"] == "INSUFFICIENT_STOCK"
        assert product.name in error["message"]
    assert Order.objects.count() == 10
    stock = variant.stocks.get()
    assert stock.quantity == 10
    assert sum(stock.allocations.values_list("quantity_allocated", flat=True)) == 10
    assert lowest_free == 0
    available = Client().post(
        "/graphql/",
        json.dumps({"query": "query($id: ID!) { productVariant(id: $id) { quantityAvailable } }",
                    "variables": {"id": to_global_id("ProductVariant", variant.pk)}}),
        content_type="application/json",
    ).json()["data"]["productVariant"]["quantityAvailable"]
    assert available == 0
    assert captured_payments(Order.objects.all(), "order").count() == 10
    refused_checkouts = Checkout.objects.all()
    assert refused_checkouts.count() == 40
    refused_payments = Payment.objects.filter(checkout__in=refused_checkouts)
    assert refused_payments.count() == 40
    assert all(p.charge_status == ChargeStatus.NOT_CHARGED for p in refused_payments)
    assert not Transaction.objects.filter(payment__in=refused_payments).exists()
    assert connections_left_open(connected_before) == 0


def test_two_simultaneous_completions_of_one_checkout_give_one_order_and_one_capture(
    product_factory, shipping_zone
):
    # given
    product = product_factory(price=str(PRICE), quantity=10)
    method = shipping_zone.shipping_methods.get()
    checkouts = [paid_checkout(product.variants.get(), method, n) for n in range(5)]
    connected_before = backend_pids()

    # when
    responses, _ = complete_at_once([checkout for checkout in checkouts for _ in range(2)])

    # then
    results = [response["data"]["checkoutComplete"] for response in responses]
    assert all(result["checkoutErrors"] == [] for result in results)
    numbers = [result["order"]["number"] for result in results]
    assert numbers[0::2] == numbers[1::2]
    assert len(set(numbers)) == 5
    assert Order.objects.count() == 5
    assert not Checkout.objects.exists()
    assert captured_payments(Order.objects.all(), "order").count() == 5
    assert Transaction.objects.count() == 5
    stock = product.variants.get().stocks.get()
    assert sum(stock.allocations.values_list("quantity_allocated", flat=True)) == 5
    assert connections_left_open(connected_before) == 0


def test_completing_an_already_completed_checkout_returns_its_order_without_charging_again(
    graphql, product_factory, shipping_zone
):
    # given
    product = product_factory(price=str(PRICE), quantity=3)
    checkout = paid_checkout(product.variants.get(), shipping_zone.shipping_methods.get(), 1)
    checkout_id = to_global_id("Checkout", checkout.token)
    first = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # when
    retry = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert retry == first
    assert retry["order"]["number"]
    order = Order.objects.get()
    assert captured_payments([order], "order").count() == 1
    assert sum(Allocation.objects.values_list("quantity_allocated", flat=True)) == 1


def test_a_customer_cannot_read_another_customers_order_through_its_spent_checkout(
    graphql, product_factory, shipping_zone, customer
):
    # given
    product = product_factory(price=str(PRICE), quantity=3)
    checkout = paid_checkout(product.variants.get(), shipping_zone.shipping_methods.get(), 1)
    checkout.user = customer
    checkout.save(update_fields=["user"])
    checkout_id = to_global_id("Checkout", checkout.token)
    assert graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]["order"]

    # when
    retry = graphql(COMPLETE, {"id": checkout_id})["data"]["checkoutComplete"]

    # then
    assert retry["order"] is None
    assert [error["code"] for error in retry["checkoutErrors"]] == ["NOT_FOUND"]
    assert Order.objects.count() == 1


def test_a_buyer_refused_for_stock_keeps_the_checkout_and_is_not_charged(
    graphql, product_factory, shipping_zone
):
    # given
    product = product_factory(price=str(PRICE), quantity=1)
    checkout = paid_checkout(
        product.variants.get(), shipping_zone.shipping_methods.get(), 1, quantity=2
    )

    # when
    result = graphql(COMPLETE, {"id": to_global_id("Checkout", checkout.token)})

    # then
    [error] = result["data"]["checkoutComplete"]["checkoutErrors"]
    assert error == {"field": None, "code": "INSUFFICIENT_STOCK", "message": error["message"]}
    assert product.name in error["message"]
    assert not Order.objects.exists()
    assert Checkout.objects.filter(pk=checkout.pk).exists()
    assert not Transaction.objects.exists()
    assert Payment.objects.get().charge_status == ChargeStatus.NOT_CHARGED


def test_a_storefront_address_outside_the_allowed_hosts_is_refused_before_charging(
    graphql, product_factory, shipping_zone, settings
):
    # given
    settings.ALLOWED_CLIENT_HOSTS = ["terroir-fes-meknes.ma"]
    product = product_factory(price=str(PRICE), quantity=3)
    checkout = paid_checkout(product.variants.get(), shipping_zone.shipping_methods.get(), 1)

    # when
    result = graphql(
        """mutation($id: ID!, $url: String) {
             checkoutComplete(checkoutId: $id, redirectUrl: $url) {
               order { number } checkoutErrors { field code } } }""",
        {"id": to_global_id("Checkout", checkout.token), "url": "https://evil.example/orders/"},
    )["data"]["checkoutComplete"]

    # then
    assert result["order"] is None
    assert [error["field"] for error in result["checkoutErrors"]] == ["redirectUrl"]
    assert not Order.objects.exists()
    assert not Transaction.objects.exists()
    assert Payment.objects.get().charge_status == ChargeStatus.NOT_CHARGED


def test_database_refuses_an_allocation_beyond_the_stock_from_any_code_path(product_factory):
    # given: Saleor's own allocate_stock, racing without our lock, as staff paths call it
    product = product_factory(quantity=3)
    variant = product.variants.get()
    lines = []
    for number in range(12):
        order = Order.objects.create(user_email=f"staff-{number}@example.ma", currency="MAD")
        lines.append(OrderLine.objects.create(
            order=order, variant=variant, product_name=product.name, product_sku=variant.sku,
            is_shipping_required=True, quantity=1, currency="MAD",
            unit_price_net_amount=PRICE, unit_price_gross_amount=PRICE,
        ))
    outcomes = []
    start = threading.Barrier(len(lines))

    def allocate(line):
        try:
            start.wait()
            with transaction.atomic():
                allocate_stock(line, "MA", 1)
            outcomes.append("allocated")
        except IntegrityError:
            outcomes.append("refused")
        except Exception as error:  # InsufficientStock when it read the sums late enough
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate, args=(line,)) for line in lines]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then
    assert outcomes.count("allocated") == 3
    assert sum(Allocation.objects.values_list("quantity_allocated", flat=True)) == 3
    assert variant.stocks.get().quantity == 3


def test_database_refuses_to_allocate_more_than_the_stock_holds(product_factory):
    # given
    product = product_factory(quantity=2)
    variant = product.variants.get()
    order = Order.objects.create(user_email="staff@example.ma", currency="MAD")
    line = OrderLine.objects.create(
        order=order, variant=variant, product_name=product.name, product_sku=variant.sku,
        is_shipping_required=True, quantity=3, currency="MAD",
        unit_price_net_amount=PRICE, unit_price_gross_amount=PRICE,
    )

    # when
    stock = variant.stocks.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(order_line=line, stock=stock, quantity_allocated=3)

    # then
    assert not Allocation.objects.exists()
