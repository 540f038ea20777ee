"""The shopper's checkout, through the Django test client: a mainland address, a shipping
method, the preview, 提交订单 — the order is placed unpaid with its stock allocated and the
shopper lands on Alipay's cashier (the local emulator), for a computer or a phone."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import create_voucher

from shop.order.constants import OrderStatus
from shop.payments.emulator.models import EmulatedTrade
from tests.factories import ProductFactory
from tests.shop.payments.flows import local

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Voucher = get_model("voucher", "Voucher")

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


def place(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("browser", "product_code"), [({}, "FAST_INSTANT_TRADE_PAY"), ({"user_agent": PHONE}, "QUICK_WAP_WAY")]
)
def test_placing_the_order_leaves_it_unpaid_and_opens_alipays_cashier(
    browser, product_code, mailoutbox, eager_celery, django_capture_on_commit_callbacks, shopper_client
):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00", stockrecord__num_in_stock=5)
    client, user = shopper_client("wang.xiuying@example.cn", product, quantity=2, **browser)

    with django_capture_on_commit_callbacks(execute=True):
        response = place(client)

    assert response.status_code == 302
    order = Order.objects.get(user=user)
    assert order.status == OrderStatus.PENDING_PAYMENT
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (5, 2)
    cashier = client.get(local(response["Location"]), follow=True).content.decode()
    assert "确认付款" in cashier and f"{order.total_incl_tax:.2f}" in cashier
    assert EmulatedTrade.objects.get(out_trade_no=order.number).product_code == product_code
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 0
    assert [message.to for message in mailoutbox] == [["wang.xiuying@example.cn"]]
    assert order.number in mailoutbox[0].subject and "30 分钟内" in mailoutbox[0].body


@pytest.mark.django_db
def test_checkout_refuses_more_than_is_left_and_keeps_the_basket(shopper_client):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00", stockrecord__num_in_stock=1)
    first, _ = shopper_client("first@example.cn", product)
    second, second_user = shopper_client("second@example.cn", product)
    assert place(first).status_code == 302

    response = second.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)

    assert "「随州花菇 500g」已不能购买" in response.content.decode()
    assert not Order.objects.filter(user=second_user).exists()
    assert second.get(reverse("basket:summary")).context["basket"].num_items == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
@pytest.mark.django_db(transaction=True)
def test_two_shoppers_racing_for_the_last_unit_get_one_order(reference_data, shopper_client):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00", stockrecord__num_in_stock=1)
    shoppers = [shopper_client(f"racer{n}@example.cn", product) for n in range(2)]
    start, responses = threading.Barrier(2), {}

    def check_out(n):
        client, _ = shoppers[n]
        start.wait()
        responses[n] = place(client)
        connection.close()

    threads = [threading.Thread(target=check_out, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Order.objects.count() == 1
    assert StockRecord.objects.get(product=product).num_allocated == 1
    losers = [n for n, response in responses.items() if response.status_code == 200]
    assert len(losers) == 1 and "库存不足" in responses[losers[0]].content.decode()
    client, _ = shoppers[losers[0]]
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 1


@pytest.mark.django_db
def test_the_loser_of_a_single_use_voucher_is_told_in_chinese_and_can_order_without_it(shopper_client):
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="100.00", stockrecord__num_in_stock=5)
    create_voucher(code="XIAOFEI20", usage=Voucher.SINGLE_USE)  # 20% off everything, once
    first, first_user = shopper_client("first@example.cn", product)
    second, second_user = shopper_client("second@example.cn", product)
    for client in (first, second):
        client.post(reverse("basket:vouchers-add"), {"code": "XIAOFEI20"})
        assert "XIAOFEI20" in client.get(reverse("checkout:preview")).content.decode()
    assert place(first).status_code == 302

    response = place(second)

    page = response.content.decode()
    assert "优惠券 XIAOFEI20 刚刚被使用过或已过期，不能再用于这个订单，已从购物车中移除" in page
    assert "A problem occurred" not in page
    assert not Order.objects.filter(user=second_user).exists()
    basket = second.get(reverse("basket:summary")).context["basket"]
    assert (basket.num_items, basket.vouchers.count()) == (1, 0)
    # Without the voucher the second shopper orders at the full price.
    assert place(second).status_code == 302
    assert Order.objects.get(user=second_user).total_discount_incl_tax == 0
    assert Order.objects.get(user=first_user).total_discount_incl_tax == Decimal("20.00")
