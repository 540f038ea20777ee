"""The money path of an order through the real SDK code and the local Alipay emulator: the
notify is the source of truth, recorded once; forgeries change nothing; unpaid orders close and
release their stock; a late payment is flagged; refunds are never paid twice."""

import datetime
import socket
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.constants import OrderStatus
from shop.payments import services
from shop.payments.constants import (
    RETURN_PAGE_RECHECK_SECONDS,
    RETURN_PAGE_RECHECKS,
    NoticeOutcome,
    RefundStatus,
)
from shop.payments.emulator.credentials import dev_credentials
from shop.payments.emulator.models import EmulatedTrade
from shop.payments.emulator.protocol import new_notify_id, sign_alipay_message, signed_notify_params
from shop.payments.exceptions import RefundLinesInvalid, RefundTooLarge
from shop.payments.models import AlipayNotice, AlipayRefund
from tests.shop.payments.flows import local

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db(transaction=True)

NOTIFY_URL = reverse("payments:alipay-notify")


def pay_on_cashier(client, order):
    """The shopper follows the order's pay URL to the emulator's cashier and presses 确认付款;
    returns the response that sends them back to the shop."""
    response = client.get(local(services.payment_url(order, phone=False)))
    cashier = client.get(response["Location"])
    assert "确认付款" in cashier.content.decode()
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    return client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade.pk}))


def stock_of(order):
    record = order.lines.get().stockrecord
    record.refresh_from_db()
    return record.num_in_stock, record.num_allocated


def signed_notify(order, **changes):
    """A notify as Alipay would send for ``order``'s paid trade, with ``changes`` signed in."""
    trade = EmulatedTrade.objects.get(out_trade_no=order.number)
    params = {
        key: value
        for key, value in signed_notify_params(
            trade, notify_id=new_notify_id(), credentials=dev_credentials()
        ).items()
        if key not in ("sign", "sign_type")
    }
    return sign_alipay_message({**params, **changes}, dev_credentials())


def test_paying_on_the_cashier_records_the_payment_from_the_notify(
    client, live_site, eager_celery, place_order, shopper, mailoutbox
):
    order = place_order(price="68.00", quantity=2)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert stock_of(order) == (10, 2)  # allocated when placed

    back = pay_on_cashier(client, order)

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    notice = AlipayNotice.objects.get(order=order)
    assert notice.outcome == NoticeOutcome.RECORDED
    assert [(event.event_type.code, event.amount) for event in order.payment_events.all()] == [
        ("paid", Decimal("136.00"))
    ]
    client.force_login(shopper)
    page = client.get(local(back["Location"])).content.decode()
    assert "支付成功" in page and order.number in page
    assert [message.subject for message in mailoutbox] == [f"【稳富】订单 {order.number} 已付款"]


def test_a_replayed_notify_is_answered_success_and_records_nothing_more(
    client, live_site, eager_celery, place_order
):
    order = place_order()
    pay_on_cashier(client, order)
    replay = AlipayNotice.objects.get(order=order).params

    response = client.post(NOTIFY_URL, replay)

    assert response.content == b"success"
    assert order.payment_events.count() == 1
    assert list(AlipayNotice.objects.filter(order=order).values_list("outcome", flat=True)) == [
        NoticeOutcome.DUPLICATE,
        NoticeOutcome.RECORDED,
    ]


@pytest.mark.parametrize(
    ("changes", "forge_signature"),
    [
        ({"total_amount": "0.01"}, False),
        ({"total_amount": "0.01"}, True),
        ({"app_id": "2021009999999999"}, True),
        ({"seller_id": "2088009999999999"}, True),
        ({"out_trade_no": "NO-SUCH-ORDER"}, True),
    ],
    ids=[
        "amount-changed-after-signing",
        "amount-changed-signed",
        "other-app",
        "other-seller",
        "unknown-order",
    ],
)
def test_a_notify_that_does_not_verify_is_refused_and_changes_nothing(
    client, live_site, place_order, changes, forge_signature
):
    order = place_order()
    client.get(local(services.payment_url(order, phone=False)))  # the trade exists at "Alipay"
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", trade_no="2026112922001"
    )
    params = signed_notify(order)
    params = (
        sign_alipay_message(
            {key: value for key, value in {**params, **changes}.items() if key not in ("sign", "sign_type")},
            dev_credentials(),
        )
        if forge_signature
        else {**params, **changes}
    )

    response = client.post(NOTIFY_URL, params)

    assert response.content == b"failure"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert not order.payment_events.exists()
    assert AlipayNotice.objects.get().outcome == NoticeOutcome.REJECTED


def test_the_return_page_trusts_no_query_string(client, live_site, place_order, shopper):
    order = place_order()
    client.force_login(shopper)
    forged = {
        "out_trade_no": order.number,
        "trade_no": "1",
        "total_amount": "136.00",
        "trade_status": "TRADE_SUCCESS",
    }

    page = client.get(reverse("payments:alipay-return"), forged).content.decode()

    assert "正在确认付款" in page and "支付成功" not in page
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_the_return_page_waits_briefly_for_a_silent_gateway_then_looks_again(
    client, settings, monkeypatch, place_order, shopper
):
    order = place_order()
    client.force_login(shopper)
    monkeypatch.setattr(services, "RETURN_PAGE_QUERY_SECONDS", 1)
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.SITE_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"

        page = client.get(reverse("payments:alipay-return"), {"out_trade_no": order.number}).content.decode()

    assert "正在确认付款" in page
    again = f"{reverse('payments:alipay-return')}?out_trade_no={order.number}&amp;recheck=1"
    assert f'<meta http-equiv="refresh" content="{RETURN_PAGE_RECHECK_SECONDS};url={again}">' in page


@pytest.mark.parametrize("recheck", [str(RETURN_PAGE_RECHECKS), "abc", "-1"])
def test_the_return_page_stops_looking_again_after_its_checks(
    client, live_site, place_order, shopper, recheck
):
    order = place_order()
    client.force_login(shopper)

    response = client.get(
        reverse("payments:alipay-return"), {"out_trade_no": order.number, "recheck": recheck}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "尚未收到付款" in page and 'http-equiv="refresh"' not in page


def test_the_return_page_asks_alipay_when_the_notify_is_late(client, live_site, place_order, shopper):
    order = place_order()
    client.get(local(services.payment_url(order, phone=False)))
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", trade_no="2026112922002"
    )
    client.force_login(shopper)

    page = client.get(reverse("payments:alipay-return"), {"out_trade_no": order.number}).content.decode()

    assert "支付成功" in page
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_an_unpaid_order_closes_after_30_minutes_and_releases_its_stock(
    client, live_site, place_order, shopper
):
    order = place_order(quantity=3)
    client.get(local(services.payment_url(order, phone=False)))
    assert services.unpaid_orders_close() == 0  # not yet 30 minutes

    cancelled = services.unpaid_orders_close(now=timezone.now() + datetime.timedelta(minutes=31))

    assert cancelled == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert stock_of(order) == (10, 0)
    assert EmulatedTrade.objects.get(out_trade_no=order.number).status == "TRADE_CLOSED"
    client.force_login(shopper)
    page = client.get(reverse("payments:alipay-return"), {"out_trade_no": order.number}).content.decode()
    assert "订单已关闭" in page and 'http-equiv="refresh"' not in page


def test_a_payment_arriving_after_closing_is_recorded_and_flagged_for_refund(client, live_site, place_order):
    order = place_order()
    client.get(local(services.payment_url(order, phone=False)))
    services.unpaid_orders_close(now=timezone.now() + datetime.timedelta(minutes=31))
    # Alipay had taken the money at the last moment anyway.
    EmulatedTrade.objects.filter(out_trade_no=order.number).update(
        status="TRADE_SUCCESS", trade_no="2026112922003"
    )

    response = client.post(NOTIFY_URL, signed_notify(order))

    assert response.content == b"success"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert AlipayNotice.objects.get(order=order).outcome == NoticeOutcome.LATE
    assert services.refundable_amount(order) == Decimal("136.00")


def test_a_partial_refund_then_a_retry_pays_nothing_twice(
    client, live_site, eager_celery, place_order, shopper, mailoutbox
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    operator = type(shopper).objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")

    refund = services.refund_request(order, amount="68.00", by=operator, reason="一盒破损")
    assert refund.status == RefundStatus.SUCCEEDED
    again = services.refund_send(refund)  # e.g. the operator presses 重试

    assert again.status == RefundStatus.SUCCEEDED
    assert services.refundable_amount(order) == Decimal("68.00")
    assert EmulatedTrade.objects.get(out_trade_no=order.number).refunded_amount == Decimal("68.00")
    assert [event.amount for event in order.payment_events.filter(event_type__code="refunded")] == [
        Decimal("68.00")
    ]
    with pytest.raises(RefundTooLarge, match="超过可退金额"):
        services.refund_request(order, amount="68.01", by=operator)
    assert AlipayRefund.objects.count() == 1
    assert [message.subject for message in mailoutbox][-1] == f"【稳富】订单 {order.number} 已退款"


def test_the_operator_refunds_from_the_order_page_and_too_much_is_refused(
    client, live_site, eager_celery, place_order, shopper
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    line = order.lines.get()
    refund_url = reverse("dashboard:order-refund", kwargs={"number": order.number})
    operator = type(shopper).objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")
    client.force_login(operator)

    too_much = client.post(refund_url, {"amount": "500.00"}, follow=True).content.decode()
    assert "超过可退金额" in too_much
    assert not AlipayRefund.objects.exists()

    # One box of the line, amount left blank: what that box was paid is refunded.
    page = client.post(refund_url, {"amount": "", "reason": "一盒破损", f"line_{line.pk}": "1"}, follow=True)

    assert "已退款 ¥68.00" in page.content.decode()
    event = order.payment_events.get(event_type__code="refunded")
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [(line.pk, 1)]
    detail = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert "可退 1 件" in detail.content.decode()


@pytest.mark.parametrize(
    "posted, message",
    [
        ({"line": "3"}, "最多还能退 2 件"),
        ({"line": "-1"}, "退款件数不能为负数"),
        ({"line": "1", "amount": "68.01"}, "超过所选商品的实付金额 ¥68.00"),
        ({"amount": ""}, "请填写退款金额，或选择要退款的商品件数"),
    ],
)
def test_a_line_refund_beyond_the_line_is_refused_and_nothing_is_refunded(
    client, live_site, eager_celery, place_order, shopper, posted, message
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    line = order.lines.get()
    client.force_login(type(shopper).objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026"))
    data = {"amount": posted.get("amount", "")}
    if "line" in posted:
        data[f"line_{line.pk}"] = posted["line"]

    page = client.post(reverse("dashboard:order-refund", kwargs={"number": order.number}), data, follow=True)

    assert message in page.content.decode()
    assert not AlipayRefund.objects.exists()
    assert services.refundable_amount(order) == Decimal("136.00")


def test_a_unit_already_refunded_cannot_be_refunded_again(
    client, live_site, eager_celery, place_order, shopper
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    line = order.lines.get()
    operator = type(shopper).objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")
    services.refund_request(order, by=operator, line_quantities={line.pk: 2})

    with pytest.raises(RefundLinesInvalid, match="最多还能退 0 件"):
        services.refund_request(order, by=operator, line_quantities={line.pk: 1})
    assert AlipayRefund.objects.get().amount == Decimal("136.00")


def test_refunding_a_line_unit_by_unit_gives_back_exactly_what_it_cost():
    line = SimpleNamespace(line_price_incl_tax=Decimal("100.00"), quantity=3)

    parts = [services.line_refund_amount(line, 1, already=already) for already in range(3)]

    assert parts == [Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]
    assert sum(parts) == line.line_price_incl_tax


def test_a_shopper_cannot_refund(client, live_site, eager_celery, place_order, shopper):
    order = place_order()
    pay_on_cashier(client, order)
    client.force_login(shopper)

    response = client.post(
        reverse("dashboard:order-refund", kwargs={"number": order.number}), {"amount": "1.00"}
    )

    # Oscar's dashboard answers a logged-in user without the permission with 403, not a login page.
    assert response.status_code == 403
    assert not AlipayRefund.objects.exists()
