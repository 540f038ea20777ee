"""The list of purchase orders: the organisation's own, by state with counts, 25 a page, in a
number of queries that does not grow with the orders."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procurement import services
from procurement.constants import PurchaseOrderState

pytestmark = pytest.mark.django_db

URL = reverse("procurement:order-list")


def _orders(world, next_week, count):
    orders = []
    for _index in range(count):
        orders.append(
            services.purchase_order_create(
                organisation=world.canteen,
                by=world.buyer,
                delivery_address=world.kitchen,
                delivery_date=next_week,
                lines=[(world.mushroom.pk, 10), (world.greens.pk, 20)],
            )
        )
    return orders


def test_tabs_count_orders_by_state_and_filter(client, world, next_week):
    orders = _orders(world, next_week, 3)
    services.purchase_order_submit(purchase_order=orders[0], by=world.buyer)
    client.force_login(world.buyer)

    response = client.get(URL)
    tabs = {value: count for value, _label, count in response.context["tabs"]}
    assert tabs[PurchaseOrderState.DRAFT] == 2 and tabs[PurchaseOrderState.SUBMITTED] == 1
    assert response.context["total_count"] == 3

    response = client.get(URL, {"state": "submitted"})
    assert [order.pk for order in response.context["purchase_orders"]] == [orders[0].pk]
    assert "待审批" in response.content.decode()


def test_an_unknown_state_lists_everything(client, world, next_week):
    _orders(world, next_week, 2)
    client.force_login(world.buyer)
    assert len(client.get(URL, {"state": "nonsense"}).context["purchase_orders"]) == 2


def test_another_organisations_orders_are_neither_listed_nor_counted(client, world, next_week):
    _orders(world, next_week, 2)
    client.force_login(world.other_buyer)
    response = client.get(URL)
    assert response.context["total_count"] == 0
    assert list(response.context["purchase_orders"]) == []


def test_list_pages_by_25_in_queries_that_do_not_grow_with_orders(
    client, world, next_week, django_assert_max_num_queries
):
    _orders(world, next_week, 2)
    client.force_login(world.buyer)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    orders = _orders(world, next_week, 30)
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)
    assert len(few) <= 25
    page = response.content.decode()
    assert len(response.context["purchase_orders"]) == 25
    assert orders[-1].number in page and orders[0].number not in page
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL, {"page": 2})
    assert orders[0].number in response.content.decode()
