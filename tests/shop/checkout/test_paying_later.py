"""Paying later: the shopper's unpaid order page leads back to Alipay's cashier until the order's
deadline (placed + 30 minutes), and Alipay is told the same deadline, so it takes no money for an
order the shop has closed."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.constants import OrderStatus
from shop.payments import services
from shop.payments.emulator.models import EmulatedTrade
from tests.shop.payments.flows import local, query_params

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db(transaction=True)


def order_page(client, order):
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def deadline_text(order):
    return timezone.localtime(order.date_placed + datetime.timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")


def test_an_unpaid_orders_page_offers_to_pay_and_leads_to_the_cashier(
    client, live_site, eager_celery, place_order, shopper
):
    order = place_order(price="68.00", quantity=2)
    client.force_login(shopper)

    # 1. The order page the e-mail links to has 去付款 and says until when.
    page = order_page(client, order)
    form = page.find("form", id="order-pay")
    assert form.find("button").get_text(strip=True) == "去付款"
    assert f"请在 {deadline_text(order)} 前用支付宝完成付款" in page.find(id="order-status").get_text()

    # 2. 去付款 goes to Alipay's cashier (the emulator), through the signed pay request.
    to_alipay = client.post(form["action"])
    assert to_alipay.status_code == 302
    cashier = client.get(client.get(local(to_alipay["Location"]))["Location"])
    assert "确认付款" in cashier.content.decode()

    # 3. Paying there pays the order; its page no longer offers to pay.
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade.pk}))
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order_page(client, order).find("form", id="order-pay") is None


def test_past_its_deadline_the_order_offers_no_payment_and_paying_is_refused(client, place_order, shopper):
    order = place_order()
    # 31 minutes later; the task that closes it has not run yet.
    Order.objects.filter(pk=order.pk).update(date_placed=timezone.now() - datetime.timedelta(minutes=31))
    client.force_login(shopper)

    assert order_page(client, order).find("form", id="order-pay") is None
    response = client.post(reverse("payments:alipay-pay", kwargs={"number": order.number}), follow=True)

    assert "已超过付款时限，不能再去付款" in response.content.decode()
    assert not EmulatedTrade.objects.exists()


def test_a_closed_order_cannot_be_paid_from_its_page(client, place_order, shopper):
    order = place_order()
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)
    client.force_login(shopper)

    response = client.post(reverse("payments:alipay-pay", kwargs={"number": order.number}), follow=True)

    assert "这个订单已付款、已关闭或已超过付款时限" in response.content.decode()
    assert not EmulatedTrade.objects.exists()


def test_nobody_else_can_pay_a_shoppers_order(client, place_order):
    order = place_order()
    client.force_login(get_user_model().objects.create_user("other@example.cn", "Suixian-Other-2026"))

    response = client.post(reverse("payments:alipay-pay", kwargs={"number": order.number}))

    assert response.status_code == 404  # as Oscar answers for another shopper's order page
    assert not EmulatedTrade.objects.exists()


def test_the_pay_request_tells_alipay_the_deadline(client, place_order):
    order = place_order()

    url = services.payment_url(order, phone=False)

    content = json.loads(query_params(url)["biz_content"])
    deadline = timezone.localtime(order.date_placed + datetime.timedelta(minutes=30))
    assert content["time_expire"] == deadline.strftime("%Y-%m-%d %H:%M:%S")
    client.get(local(url))
    assert EmulatedTrade.objects.get(out_trade_no=order.number).time_expire == deadline.replace(microsecond=0)


def test_alipay_takes_no_payment_after_the_deadline(client, live_site, eager_celery, place_order):
    order = place_order()
    client.get(local(services.payment_url(order, phone=False)))
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    # The shopper left the cashier open past the deadline.
    EmulatedTrade.objects.filter(pk=trade.pk).update(
        time_expire=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade.pk}))

    assert response.status_code == 400
    assert "交易已超过付款截止时间" in response.content.decode()
    trade.refresh_from_db()
    assert trade.status == "WAIT_BUYER_PAY" and trade.paid_at is None
    assert not trade.notify_attempts.exists()
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
