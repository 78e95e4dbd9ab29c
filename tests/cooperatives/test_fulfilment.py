import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from saleor.order import OrderStatus
from saleor.order.models import Fulfillment

from marketplace.cooperatives.errors import CooperativeErrorCode
from marketplace.cooperatives.selectors.orders import (
    FulfilmentStatus,
    order_fulfilment_by_cooperative,
)
from marketplace.cooperatives.services.orders import cooperative_order_fulfil

from .orders_helpers import (  # noqa: F401
    ACTORS,
    order_snapshot,
    place_order,
    product_of,
    seller,
    stock_quantity,
    with_plugin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]


@pytest.fixture
def olive(owner):
    return seller(owner=owner)


@pytest.fixture
def honey(other_member):
    return seller(owner=other_member)


@pytest.fixture
def oil(olive):
    return product_of(olive, quantity=10)


@pytest.fixture
def thyme_honey(honey):
    return product_of(honey, quantity=10)


@pytest.fixture
def order(oil, thyme_honey):
    return place_order([(oil, 3), (thyme_honey, 2)])


def line_of(order, product):
    return order.lines.get(variant__product=product)


def code_of(error, field):
    return error.value.error_dict[field][0].code


def statuses(order):
    return {
        group["cooperative"].pk: group["status"]
        for group in order_fulfilment_by_cooperative(order)
    }


def test_fulfilling_own_lines_takes_stock_from_own_warehouse(
    order, olive, honey, oil, thyme_honey, owner
):
    # when
    fulfillments = cooperative_order_fulfil(
        cooperative=olive, user=owner, order=order, lines={line_of(order, oil): 3}
    )
    # then
    assert len(fulfillments) == 1
    assert stock_quantity(oil, olive.warehouse) == 7
    assert stock_quantity(thyme_honey, honey.warehouse) == 10
    assert fulfillments[0].lines.get().stock.warehouse_id == olive.warehouse_id
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    assert statuses(order) == {
        olive.pk: FulfilmentStatus.FULFILLED,
        honey.pk: FulfilmentStatus.UNFULFILLED,
    }


def test_partial_fulfilment_shows_partly_shipped(order, olive, oil, owner):
    # when
    cooperative_order_fulfil(
        cooperative=olive,
        user=owner,
        order=order,
        lines={line_of(order, oil): 1},
        notify_customer=False,
    )
    # then
    assert statuses(order)[olive.pk] == FulfilmentStatus.PARTIALLY_FULFILLED
    assert line_of(order, oil).quantity_unfulfilled == 2


def test_order_is_fulfilled_when_every_cooperative_shipped(
    order, olive, honey, oil, thyme_honey, owner, other_member
):
    # when
    cooperative_order_fulfil(
        cooperative=olive,
        user=owner,
        order=order,
        lines={line_of(order, oil): 3},
        notify_customer=False,
    )
    cooperative_order_fulfil(
        cooperative=honey,
        user=other_member,
        order=order,
        lines={line_of(order, thyme_honey): 2},
        notify_customer=False,
    )
    # then
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert set(statuses(order).values()) == {FulfilmentStatus.FULFILLED}


def test_member_cannot_fulfil_another_cooperatives_line(order, olive, oil, thyme_honey, owner):
    # given a request mixing its own line with the other cooperative's
    before = order_snapshot(order)
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_order_fulfil(
            cooperative=olive,
            user=owner,
            order=order,
            lines={line_of(order, oil): 1, line_of(order, thyme_honey): 1},
        )
    # then nothing shipped, not even its own line
    assert code_of(error, "lines") == CooperativeErrorCode.PRODUCT_NOT_OWNED
    assert order_snapshot(order) == before


def test_member_cannot_act_for_another_cooperative(order, honey, thyme_honey, owner):
    # given
    before = order_snapshot(order)
    # when
    with pytest.raises(PermissionDenied):
        cooperative_order_fulfil(
            cooperative=honey, user=owner, order=order, lines={line_of(order, thyme_honey): 1}
        )
    # then
    assert order_snapshot(order) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_fulfil_permission_matrix(actors, actor, order, olive, oil):
    # given
    user = actors[actor]
    before = order_snapshot(order)
    # when / then
    if actor == "member":
        cooperative_order_fulfil(
            cooperative=olive,
            user=user,
            order=order,
            lines={line_of(order, oil): 1},
            notify_customer=False,
        )
        assert Fulfillment.objects.filter(order=order).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            cooperative_order_fulfil(
                cooperative=olive, user=user, order=order, lines={line_of(order, oil): 1}
            )
        assert order_snapshot(order) == before


def test_cannot_ship_more_than_left(order, olive, oil, owner):
    # given
    cooperative_order_fulfil(
        cooperative=olive,
        user=owner,
        order=order,
        lines={line_of(order, oil): 2},
        notify_customer=False,
    )
    before = order_snapshot(order)
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_order_fulfil(
            cooperative=olive, user=owner, order=order, lines={line_of(order, oil): 2}
        )
    # then
    assert code_of(error, "quantity") == CooperativeErrorCode.INVALID_QUANTITY
    assert order_snapshot(order) == before


@pytest.mark.parametrize("quantity", [0, -1])
def test_zero_or_negative_quantity_is_refused(order, olive, oil, owner, quantity):
    # given
    before = order_snapshot(order)
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_order_fulfil(
            cooperative=olive, user=owner, order=order, lines={line_of(order, oil): quantity}
        )
    # then
    assert set(error.value.error_dict) <= {"quantity", "lines"}
    assert code_of(error, next(iter(error.value.error_dict))) == (
        CooperativeErrorCode.INVALID_QUANTITY
    )
    assert order_snapshot(order) == before


def test_double_submit_does_not_ship_twice(order, olive, oil, owner):
    # given the same form posted twice
    request = {line_of(order, oil): 3}
    cooperative_order_fulfil(
        cooperative=olive, user=owner, order=order, lines=request, notify_customer=False
    )
    # when
    with pytest.raises(ValidationError):
        cooperative_order_fulfil(cooperative=olive, user=owner, order=order, lines=request)
    # then
    assert Fulfillment.objects.filter(order=order).count() == 1
    assert stock_quantity(oil, olive.warehouse) == 7


def test_missing_stock_in_own_warehouse_is_refused_without_change(order, olive, oil, owner):
    # given the stock went elsewhere meanwhile
    from saleor.warehouse.models import Allocation, Stock

    Allocation.objects.filter(order_line__order=order).delete()
    Stock.objects.filter(product_variant__product=oil).update(quantity=1)
    before = order_snapshot(order)
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_order_fulfil(
            cooperative=olive, user=owner, order=order, lines={line_of(order, oil): 3}
        )
    # then
    assert code_of(error, "lines") == CooperativeErrorCode.INSUFFICIENT_STOCK
    assert order_snapshot(order) == before


def test_cancelled_order_cannot_be_shipped(order, olive, oil, owner, reviewer):
    # given
    from saleor.order.actions import cancel_order

    cancel_order(order, reviewer)
    before = order_snapshot(order)
    # when
    with pytest.raises(ValidationError) as error:
        cooperative_order_fulfil(
            cooperative=olive, user=owner, order=order, lines={line_of(order, oil): 1}
        )
    # then
    assert code_of(error, "order") == CooperativeErrorCode.INVALID_TRANSITION
    assert order_snapshot(order) == before


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_ship_the_items_once(order, olive, oil, owner):
    # given the same form posted twice at the same moment
    import threading

    from django.db import connection

    line = line_of(order, oil)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            cooperative_order_fulfil(cooperative=olive, user=owner, order=order,
                                     lines={line.pk: 3}, notify_customer=False)
            outcomes.append("shipped")
        except ValidationError as error:
            outcomes.append(code_of_error(error))
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert sorted(outcomes) == [CooperativeErrorCode.INVALID_QUANTITY.value, "shipped"]
    assert Fulfillment.objects.filter(order=order).count() == 1
    assert stock_quantity(oil, olive.warehouse) == 7


def code_of_error(error):
    return next(iter(error.error_dict.values()))[0].code
