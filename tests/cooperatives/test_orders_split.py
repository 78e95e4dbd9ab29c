import logging

import pytest
from saleor.plugins.manager import get_plugins_manager

from marketplace.cooperatives.models import OrderLineCooperative
from marketplace.cooperatives.plugin import CooperativeMarketplacePlugin
from marketplace.cooperatives.selectors.orders import (
    FulfilmentStatus,
    order_fulfilment_by_cooperative,
    orders_for_cooperative,
)
from marketplace.cooperatives.services.orders import order_lines_split
from tests.fixtures.catalogue import make_product

from .orders_helpers import (  # noqa: F401
    PLUGIN,
    checkout_order,
    place_order,
    product_of,
    seller,
    with_plugin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_plugin")]


@pytest.fixture
def two_sellers(owner, other_member):
    return seller(owner=owner), seller(owner=other_member)


def test_plugin_is_active_without_configuration():
    # given no PluginConfiguration row
    # when
    manager = get_plugins_manager(plugins=[PLUGIN])
    # then
    plugin = manager.get_plugin("marketplace.cooperatives")
    assert isinstance(plugin, CooperativeMarketplacePlugin)
    assert plugin.active is True


def test_placed_order_records_each_line_with_its_cooperative(two_sellers):
    # given
    olive, honey = two_sellers
    oil, soap = product_of(olive), product_of(olive)
    thyme_honey = product_of(honey)
    # when
    order = place_order([(oil, 1), (soap, 2), (thyme_honey, 3)])
    # then
    split = dict(
        OrderLineCooperative.objects.filter(order=order).values_list(
            "line__product_sku", "cooperative_id"
        )
    )
    assert split == {
        oil.variants.get().sku: olive.pk,
        soap.variants.get().sku: olive.pk,
        thyme_honey.variants.get().sku: honey.pk,
    }


def test_split_is_idempotent(two_sellers):
    # given
    olive, honey = two_sellers
    order = place_order([(product_of(olive), 1), (product_of(honey), 1)])
    # when
    order_lines_split(order=order)
    get_plugins_manager().order_created(order)
    # then
    assert OrderLineCooperative.objects.filter(order=order).count() == 2


def test_line_of_a_product_without_cooperative_is_left_unassigned_and_logged(
    two_sellers, product_type, category, warehouse, caplog
):
    # given
    olive, _ = two_sellers
    orphan = make_product(product_type=product_type, category=category, warehouse=warehouse)
    # when
    with caplog.at_level(logging.WARNING, logger="marketplace.cooperatives.services.orders"):
        order = place_order([(product_of(olive), 1), (orphan, 1)])
    # then
    assert OrderLineCooperative.objects.filter(order=order).count() == 1
    assert not OrderLineCooperative.objects.filter(line__product_sku=orphan.variants.get().sku)
    assert "belongs to no cooperative" in caplog.text


def test_without_the_plugin_nothing_is_split(two_sellers, settings):
    # given
    settings.PLUGINS = []
    olive, _ = two_sellers
    # when
    order = place_order([(product_of(olive), 1)])
    # then
    assert not OrderLineCooperative.objects.filter(order=order).exists()


def test_inactive_plugin_does_nothing(two_sellers):
    # given
    from saleor.plugins.models import PluginConfiguration

    PluginConfiguration.objects.create(identifier="marketplace.cooperatives", active=False)
    olive, _ = two_sellers
    # when
    order = place_order([(product_of(olive), 1)])
    # then
    assert not OrderLineCooperative.objects.filter(order=order).exists()


def test_cooperative_sees_only_orders_with_its_lines_and_only_its_lines(two_sellers):
    # given
    olive, honey = two_sellers
    oil, thyme_honey = product_of(olive), product_of(honey)
    mixed = place_order([(oil, 1), (thyme_honey, 2)])
    honey_only = place_order([(thyme_honey, 1)])
    # when
    orders = list(orders_for_cooperative(olive))
    # then
    assert [order.pk for order in orders] == [mixed.pk]
    assert [line.product_sku for line in orders[0].own_lines] == [oil.variants.get().sku]
    honey_orders = list(orders_for_cooperative(honey))
    assert [order.pk for order in honey_orders] == [honey_only.pk, mixed.pk]
    assert {line.product_sku for order in honey_orders for line in order.own_lines} == {
        thyme_honey.variants.get().sku
    }


def test_shopper_view_groups_lines_by_cooperative_with_status(two_sellers):
    # given
    olive, honey = two_sellers
    order = place_order([(product_of(olive), 1), (product_of(honey), 2)])
    # when
    groups = order_fulfilment_by_cooperative(order)
    # then
    assert {group["cooperative"].pk for group in groups} == {olive.pk, honey.pk}
    assert all(group["status"] == FulfilmentStatus.UNFULFILLED for group in groups)
    assert sorted(len(group["lines"]) for group in groups) == [1, 1]


def test_order_placed_through_saleor_checkout_is_split(graphql, two_sellers):
    # given
    olive, honey = two_sellers
    oil, thyme_honey = product_of(olive), product_of(honey)
    # when
    order = checkout_order(graphql, [(oil, 1), (thyme_honey, 2)])
    # then
    assert dict(
        OrderLineCooperative.objects.filter(order=order).values_list(
            "line__product_sku", "cooperative_id"
        )
    ) == {oil.variants.get().sku: olive.pk, thyme_honey.variants.get().sku: honey.pk}
