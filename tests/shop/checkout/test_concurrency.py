"""Shoppers at the same moment, on PostgreSQL's row locks (SQLite has none to race on): a basket
add and a place order of one product, and one shopper's double 提交订单."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.constants import OrderStatus
from tests.concurrency import at_once
from tests.factories import ProductFactory
from tests.shop.payments.flows import local

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
    pytest.mark.django_db(transaction=True),
]


def place(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


#: How long after 提交订单 the other shopper's 加入购物车 starts, one round each: the deadlock of
#: old needed the basket add to count itself while the placement held the stock record.
BASKET_ADD_DELAYS = (0, 0.02, 0.05, 0.08, 0.12, 0.2)


def test_a_basket_add_and_a_place_order_of_one_product_both_succeed(reference_data, shopper_client):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00", stockrecord__num_in_stock=50)
    for round_, delay in enumerate(BASKET_ADD_DELAYS):
        buyer, buyer_user = shopper_client(f"buyer{round_}@example.cn", product)
        browser, browser_user = shopper_client(f"browser{round_}@example.cn", ProductFactory())

        def add_later(browser=browser, delay=delay):
            time.sleep(delay)
            return browser.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

        placed, added = at_once(lambda buyer=buyer: place(buyer), add_later)

        assert [getattr(response, "status_code", response) for response in (placed, added)] == [302, 302]
        assert Order.objects.get(user=buyer_user).status == OrderStatus.PENDING_PAYMENT
        basket = Basket.objects.get(owner=browser_user, status=Basket.OPEN)
        assert basket.lines.filter(product=product).exists()
    assert StockRecord.objects.get(product=product).num_allocated == len(BASKET_ADD_DELAYS)


def test_a_double_place_order_makes_one_order_and_both_go_to_its_payment(
    reference_data, shopper_client, checkout_to_preview
):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00", stockrecord__num_in_stock=5)
    first_tab, user = shopper_client("wang.xiuying@example.cn", product, quantity=2)
    second_tab = Client(HTTP_USER_AGENT=first_tab.defaults["HTTP_USER_AGENT"])
    second_tab.cookies = first_tab.cookies

    responses = at_once(lambda: place(first_tab), lambda: place(second_tab))

    order = Order.objects.get(user=user)
    assert [response.status_code for response in responses] == [302, 302]
    for response in responses:
        cashier = first_tab.get(local(response["Location"]), follow=True).content.decode()
        assert "确认付款" in cashier and order.number in cashier
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert Basket.objects.get(pk=order.basket_id).status == Basket.SUBMITTED
    assert user.addresses.count() == 1 and user.addresses.get().num_orders_as_shipping_address == 1

    # The shopper shops on: a new basket, a new order.
    checkout_to_preview(first_tab, product)
    assert place(first_tab).status_code == 302
    assert Order.objects.filter(user=user).count() == 2
