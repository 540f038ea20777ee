"""A shopper who leaves Alipay's cashier comes back to their order, to pay it (去付款) or cancel
it (取消订单); one whose payment reached a closed order is told it will be refunded, and sees
the refund once it is made."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from shop.order.constants import OrderStatus
from shop.payments import services
from shop.payments.emulator.models import EmulatedTrade
from tests.factories import ProductFactory
from tests.shop.checkout.test_money_path import NOTIFY_URL, pay_on_cashier, signed_notify, stock_of
from tests.shop.payments.flows import local


def order_page(order):
    return reverse("customer:order", kwargs={"order_number": order.number})


def leave_cashier(client, order, *, phone):
    """Opens ``order``'s cashier and presses its 取消; returns the response it leads to."""
    client.get(local(services.payment_url(order, phone=phone)))
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    return client.post(reverse("alipay-emulator:cancel", kwargs={"pk": trade.pk}), follow=True)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop cashier", "phone cashier"])
def test_leaving_the_cashier_shows_the_order_with_pay_and_cancel(
    client, live_site, place_order, shopper, phone
):
    order = place_order()
    client.force_login(shopper)

    response = leave_cashier(client, order, phone=phone)

    assert local(response.redirect_chain[-1][0]) == order_page(order)
    page = response.content.decode()
    assert "未找到该订单" not in page
    assert str(order.number) in page
    assert 'id="order-pay"' in page and "去付款" in page
    assert 'id="order-cancel"' in page and "取消订单" in page
    if not phone:
        assert "订单尚未付款：您可以去付款，或取消订单。" in page


def test_the_shopper_cancels_an_unpaid_order_and_its_stock_is_released(
    client, live_site, place_order, shopper
):
    order = place_order(quantity=3, stock=10)
    client.force_login(shopper)
    client.get(local(services.payment_url(order, phone=False)))

    response = client.post(reverse("payments:order-cancel", kwargs={"number": order.number}), follow=True)

    page = response.content.decode()
    assert "订单已取消，商品库存已释放。" in page
    assert 'id="order-cancel"' not in page and 'id="order-pay"' not in page
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert stock_of(order) == (10, 0)
    assert EmulatedTrade.objects.get(out_trade_no=order.number).status == "TRADE_CLOSED"


def test_nobody_cancels_another_shoppers_order_or_a_paid_one(
    client, live_site, eager_celery, place_order, shopper
):
    order = place_order()
    stranger = get_user_model().objects.create_user("stranger@example.cn", "Suixian-Stranger-2026")
    client.force_login(stranger)
    cancel = reverse("payments:order-cancel", kwargs={"number": order.number})

    assert client.post(cancel).status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT

    client.force_login(shopper)
    pay_on_cashier(client, order)
    response = client.post(cancel, follow=True)
    assert "这个订单已付款或已关闭，不能再取消" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_a_late_payment_is_explained_and_its_refund_shown(
    client, live_site, eager_celery, place_order, shopper
):
    order = place_order(price="68.00", quantity=2)
    client.force_login(shopper)
    client.get(local(services.payment_url(order, phone=False)))
    services.unpaid_orders_close(now=timezone.now() + datetime.timedelta(minutes=31))
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", trade_no="2026120322001"
    )
    assert client.post(NOTIFY_URL, signed_notify(order)).content == b"success"
    back = reverse("payments:alipay-return") + f"?out_trade_no={order.number}"

    page = client.get(back).content.decode()

    assert "付款在订单关闭后到账，将原路退款" in page
    assert "您的付款 ¥136.00 在订单关闭后" in page
    assert "这笔钱会原路退回您的支付宝" in page
    assert "fa-hourglass-half" not in page

    operator = get_user_model().objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")
    services.refund_request(order, amount="136.00", by=operator, reason="订单关闭后到账")

    for url in (back, order_page(order)):
        page = client.get(url).content.decode()
        assert "已退款 ¥136.00" in page, url


def test_cancelling_an_order_alipay_has_just_been_paid_for_keeps_it_paid(
    client, live_site, place_order, shopper
):
    """The shopper paid in another tab and cancels here before the notify arrives: Alipay's
    answer wins, the payment is recorded and the order is not cancelled."""
    order = place_order()
    client.force_login(shopper)
    client.get(local(services.payment_url(order, phone=False)))
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", trade_no="2026120322009"
    )

    response = client.post(reverse("payments:order-cancel", kwargs={"number": order.number}), follow=True)

    assert "支付宝已收到这笔订单的付款，订单没有取消。" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_the_order_page_costs_the_same_queries_for_one_line_as_for_six(
    client, place_order, shopper, django_assert_max_num_queries
):
    small = place_order(quantity=1)
    large = place_order(items=[(ProductFactory(), 1) for _ in range(6)])
    client.force_login(shopper)
    client.get(order_page(small))

    with django_assert_max_num_queries(40) as one_line:
        assert client.get(order_page(small)).status_code == 200
    with django_assert_max_num_queries(len(one_line.captured_queries)):
        page = client.get(order_page(large)).content.decode()
    assert page.count('class="list-group-item wf-order-line"') == 6


def test_another_shoppers_order_number_on_the_return_url_shows_nothing_of_it(client, live_site, place_order):
    """The ``order`` of the return URL is only ever the signed-in shopper's own."""
    order = place_order()
    stranger = get_user_model().objects.create_user("peeker@example.cn", "Suixian-Peeker-2026")
    client.force_login(stranger)

    response = client.get(reverse("payments:alipay-return"), {"order": order.number})

    assert response.status_code == 200
    page = response.content.decode()
    assert "未找到该订单" in page
    # Nothing of the order is shown (its number is echoed only in the page's own URL, as typed).
    assert "订单金额" not in page and f"¥{order.total_incl_tax:.2f}" not in page
    assert 'id="order-cancel"' not in page
