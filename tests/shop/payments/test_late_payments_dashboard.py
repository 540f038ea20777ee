"""迟到付款待退款: the operator's list of orders whose Alipay payment arrived after they were closed.

Orders are placed, closed after 30 minutes and then paid late through the real SDK code and the
local Alipay emulator (as tests/shop/checkout/test_money_path.py does); refunds go through the
dashboard order page's refund form.
"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from shop.order.constants import OrderStatus
from shop.payments import selectors, services
from shop.payments.constants import NoticeOutcome, RefundStatus
from shop.payments.dashboard import views as late_payment_views
from shop.payments.emulator.credentials import dev_credentials
from shop.payments.emulator.models import EmulatedTrade
from shop.payments.emulator.protocol import new_notify_id, sign_alipay_message, signed_notify_params
from shop.payments.models import AlipayNotice, AlipayRefund
from tests.catalog.dashboard.helpers import cooperative, operator_user
from tests.shop.checkout import conftest as checkout
from tests.shop.payments.flows import local

# The checkout tests' shopper and the order they place, unpaid, as the checkout does.
place_order = checkout.place_order
shopper = checkout.shopper

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("live_site", "eager_celery")]

LIST_URL = "/shop/dashboard/payments/late/"
NOTIFY_URL = reverse("payments:alipay-notify")


def alipay_notifies(client, order):
    """Alipay sends the signed notify of ``order``'s paid trade to the shop, as the emulator does."""
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    params = signed_notify_params(trade, notify_id=new_notify_id(), credentials=dev_credentials())
    response = client.post(NOTIFY_URL, params)
    assert response.content == b"success"
    return trade


def paid_late(client, order):
    """The shopper opens the cashier, the shop closes the unpaid order after 30 minutes, and
    Alipay, which had taken the money at the last moment anyway, notifies the shop. Returns
    Alipay's trade."""
    client.get(local(services.payment_url(order, phone=False)))
    services.unpaid_orders_close(now=timezone.now() + datetime.timedelta(minutes=31))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", paid_at=timezone.now()
    )
    trade = alipay_notifies(client, order)
    assert AlipayNotice.objects.get(order=order).outcome == NoticeOutcome.LATE
    return trade


def paid_on_time(client, order):
    client.get(local(services.payment_url(order, phone=False)))
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", paid_at=timezone.now()
    )
    alipay_notifies(client, order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def alipay_notifies_another_trade(client, order, trade_no):
    """Alipay notifies a second, correctly signed payment of ``order`` under another trade."""
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    params = signed_notify_params(trade, notify_id=new_notify_id(), credentials=dev_credentials())
    unsigned = {key: value for key, value in params.items() if key not in ("sign", "sign_type")}
    return client.post(NOTIFY_URL, sign_alipay_message({**unsigned, "trade_no": trade_no}, dev_credentials()))


def rows(response):
    """The list's rows as the operator reads them: ``{order number: {column: text}}``."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    table = soup.find("table", id="late-payment-list")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    found = {}
    for tr in table.select("tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        found[tr["data-order"]] = dict(zip(headers, cells, strict=True))
        found[tr["data-order"]]["link"] = tr.find("td").find("a")["href"]
    return found


def filter_badges(response):
    """The filter pills with their counts, e.g. ``{"待退款": "1", …}``."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        link.contents[0].strip(): link.find("span", class_="badge").get_text(strip=True)
        for link in soup.select("#late-payment-filters a")
    }


@pytest.fixture
def operator_client(client):
    client.force_login(operator_user())
    return client


def test_the_operator_sees_a_late_payment_with_what_arrived_and_what_is_left_to_refund(
    operator_client, place_order, shopper
):
    order = place_order(price="68.00", quantity=2)
    trade = paid_late(operator_client, order)

    response = operator_client.get(LIST_URL)

    row = rows(response)[order.number]
    assert row["订单号"] == order.number
    assert row["link"] == reverse("dashboard:order-detail", kwargs={"number": order.number})
    assert row["下单人"] == shopper.email
    assert row["到账金额"] == "¥136.00"
    notice = AlipayNotice.objects.get(order=order)
    assert row["到账时间"] == timezone.localtime(notice.received_at).strftime("%Y-%m-%d %H:%M")
    assert row["支付宝交易号"] == trade.trade_no
    assert row["可退金额"] == "¥136.00"
    assert row["状态"] == "待退款"
    page = response.content.decode()
    assert "有 1 笔付款在订单关闭后才到账" in page
    assert filter_badges(response) == {"待退款": "1", "退款处理中": "0", "已退款": "0", "全部": "1"}
    # The list and the refund form agree on what may still be refunded.
    assert services.refundable_amount(order) == Decimal("136.00")
    # The order page the row links to is where the refund is made.
    assert "可退金额：¥136.00" in operator_client.get(row["link"]).content.decode()


def test_after_a_full_refund_from_the_order_page_it_leaves_the_awaiting_list_and_shows_refunded(
    operator_client, place_order
):
    order = place_order(price="68.00", quantity=2)
    paid_late(operator_client, order)

    refunded = operator_client.post(
        reverse("dashboard:order-refund", kwargs={"number": order.number}),
        {"amount": "136.00", "reason": "订单关闭后到账"},
        follow=True,
    )
    assert "已退款 ¥136.00" in refunded.content.decode()

    awaiting = operator_client.get(LIST_URL)
    assert order.number not in rows(awaiting)
    assert "没有等待退款的迟到付款。" in awaiting.content.decode()
    assert "在订单关闭后才到账" not in awaiting.content.decode()
    row = rows(operator_client.get(LIST_URL, {"status": "refunded"}))[order.number]
    assert (row["到账金额"], row["可退金额"], row["状态"]) == ("¥136.00", "¥0.00", "已退款")
    everything = operator_client.get(LIST_URL, {"status": ""})
    assert rows(everything)[order.number]["状态"] == "已退款"
    assert filter_badges(everything) == {"待退款": "0", "退款处理中": "0", "已退款": "1", "全部": "1"}


def test_a_refund_alipay_has_not_confirmed_shows_as_in_progress_until_it_is_retried(
    operator_client, place_order, settings, live_site
):
    order = place_order(price="68.00", quantity=2)
    paid_late(operator_client, order)
    refund_url = reverse("dashboard:order-refund", kwargs={"number": order.number})
    settings.SITE_URL = "http://127.0.0.1:9"  # Alipay cannot be reached: the outcome is unknown

    unknown = operator_client.post(refund_url, {"amount": "136.00"}, follow=True).content.decode()

    assert "退款结果未知" in unknown
    assert order.number not in rows(operator_client.get(LIST_URL))
    row = rows(operator_client.get(LIST_URL, {"status": "processing"}))[order.number]
    assert (row["可退金额"], row["状态"]) == ("¥0.00 另有 ¥136.00 退款处理中", "退款处理中")

    settings.SITE_URL = live_site
    operator_client.post(refund_url, {"retry": AlipayRefund.objects.get(order=order).pk})

    assert AlipayRefund.objects.get(order=order).status == RefundStatus.SUCCEEDED
    assert order.number not in rows(operator_client.get(LIST_URL, {"status": "processing"}))
    row = rows(operator_client.get(LIST_URL, {"status": "refunded"}))[order.number]
    assert (row["可退金额"], row["状态"]) == ("¥0.00", "已退款")


def test_part_of_the_money_being_refunded_leaves_the_rest_awaiting_refund(
    operator_client, place_order, settings
):
    order = place_order(price="68.00", quantity=2)
    paid_late(operator_client, order)
    settings.SITE_URL = "http://127.0.0.1:9"

    operator_client.post(
        reverse("dashboard:order-refund", kwargs={"number": order.number}), {"amount": "100.00"}
    )

    row = rows(operator_client.get(LIST_URL))[order.number]
    assert (row["可退金额"], row["状态"]) == ("¥36.00 另有 ¥100.00 退款处理中", "待退款")
    assert services.refundable_amount(order) == Decimal("36.00")


def test_an_order_paid_on_time_is_not_listed(operator_client, place_order):
    on_time = place_order()
    paid_on_time(operator_client, on_time)
    late = place_order()
    paid_late(operator_client, late)

    listed = rows(operator_client.get(LIST_URL, {"status": ""}))

    assert list(listed) == [late.number]


def test_an_unknown_status_filter_says_so_in_chinese_and_shows_those_awaiting_refund(
    operator_client, place_order
):
    order = place_order()
    paid_late(operator_client, order)

    response = operator_client.get(LIST_URL, {"status": "bogus"})

    assert "没有“bogus”这个状态，已显示待退款的付款。" in response.content.decode()
    assert list(rows(response)) == [order.number]


def test_a_cooperative_user_or_a_shopper_cannot_open_the_page(client, place_order, shopper):
    order = place_order()
    paid_late(client, order)
    _partner, cooperative_staff = cooperative("随县万和香菇专业合作社", "hezuoshe@example.cn")

    client.force_login(cooperative_staff)
    assert client.get(LIST_URL).status_code == 403
    assert "迟到付款待退款" not in client.get(reverse("dashboard:index")).content.decode()
    client.force_login(shopper)
    assert client.get(LIST_URL).status_code == 403
    client.logout()
    anonymous = client.get(LIST_URL)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_the_dashboard_menu_leads_operators_to_the_list(operator_client):
    index = BeautifulSoup(operator_client.get(reverse("dashboard:index")).content.decode(), "html.parser")

    link = index.find("a", href=LIST_URL)

    assert link is not None and link.get_text(strip=True) == "迟到付款待退款"


def test_the_list_runs_a_bounded_number_of_queries_and_pages_through_the_rest(
    operator_client, place_order, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(late_payment_views, "PER_PAGE", 4)
    orders = [place_order(price="25.00", quantity=1) for _ in range(5)]
    for order in orders:
        paid_late(operator_client, order)
    # One partly refunded, so the rows' figures differ.
    services.refund_request(orders[0], amount="5.00", by=operator_user("caiwu@example.cn"))

    with django_assert_max_num_queries(10):
        response = operator_client.get(LIST_URL)

    listed = rows(response)
    assert list(listed) == [order.number for order in orders[:4]]
    assert [row["可退金额"] for row in listed.values()] == ["¥20.00", "¥25.00", "¥25.00", "¥25.00"]
    next_page = BeautifulSoup(response.content.decode(), "html.parser").select_one(".pagination a")
    assert next_page["href"] == "?page=2"
    assert list(rows(operator_client.get(LIST_URL + next_page["href"]))) == [orders[4].number]
    assert selectors.late_payment_counts() == {"": 5, "awaiting": 5, "processing": 0, "refunded": 0}


def test_a_second_trade_paying_a_paid_order_is_recorded_and_listed_for_refund(operator_client, place_order):
    order = place_order(price="68.00", quantity=2)
    paid_on_time(operator_client, order)

    response = alipay_notifies_another_trade(operator_client, order, "2026120122001999999999999999")

    assert response.status_code == 200 and response.content == b"success"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID  # the first payment still stands
    assert order.payment_events.count() == 1
    assert order.sources.get().amount_debited == Decimal("272.00")
    notice = AlipayNotice.objects.get(order=order, trade_no="2026120122001999999999999999")
    assert notice.outcome == NoticeOutcome.SECOND_PAYMENT
    row = rows(operator_client.get(LIST_URL))[order.number]
    assert (row["到账金额"], row["支付宝交易号"], row["可退金额"], row["状态"]) == (
        "¥136.00",
        "2026120122001999999999999999",
        "¥136.00",
        "待退款",
    )
    # Alipay retries the same notify: nothing more is debited.
    assert alipay_notifies_another_trade(operator_client, order, notice.trade_no).content == b"success"
    assert order.sources.get().amount_debited == Decimal("272.00")


def test_the_second_payment_is_refunded_from_the_order_page_and_leaves_the_list(operator_client, place_order):
    order = place_order(price="68.00", quantity=2)
    paid_on_time(operator_client, order)
    alipay_notifies_another_trade(operator_client, order, "2026120122001888888888888888")

    refunded = operator_client.post(
        reverse("dashboard:order-refund", kwargs={"number": order.number}),
        {"amount": "136.00", "reason": "重复付款"},
        follow=True,
    )

    assert "已退款 ¥136.00" in refunded.content.decode()
    assert order.number not in rows(operator_client.get(LIST_URL))
    row = rows(operator_client.get(LIST_URL, {"status": "refunded"}))[order.number]
    assert (row["到账金额"], row["可退金额"], row["状态"]) == ("¥136.00", "¥0.00", "已退款")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert services.refundable_amount(order) == Decimal("136.00")  # the first payment, kept
