"""PostgreSQL refuses to allocate more stock than a row holds, whatever code allocates."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from saleor.order.models import Order, OrderLine
from saleor.warehouse.management import allocate_stock
from saleor.warehouse.models import Allocation

pytestmark = pytest.mark.django_db(transaction=True)

PRICE = Decimal("120.00")


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
