"""One order state machine: every move is in ``ORDER_TRANSITIONS`` and recorded with who and
why; cancelling a paid order gives the money back through Alipay; refunds stop what they paid
for from shipping; a refund is re-sent only while its outcome is unknown. Through the real SDK
and the local Alipay emulator."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order import fulfilment
from shop.order.constants import OrderStatus, order_status_pipeline
from shop.order.exceptions import OrderStatusNotAllowed
from shop.order.models import ParcelStatus
from shop.order.services import order_status_change
from shop.payments import services
from shop.payments.constants import RefundStatus
from shop.payments.emulator.models import EmulatedTrade
from shop.payments.gateway import get_gateway
from shop.payments.models import AlipayRefund
from tests.catalog.dashboard.helpers import cooperative, operator_user
from tests.factories import ProductFactory

Order = get_model("order", "Order")
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("live_site", "eager_celery")]


@pytest.fixture
def operator():
    return operator_user()


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def refund_url(order):
    return reverse("dashboard:order-refund", kwargs={"number": order.number})


def levels(line):
    record = line.stockrecord
    record.refresh_from_db()
    return record.num_in_stock, record.num_allocated


def trade_refunded(order):
    return EmulatedTrade.objects.get(out_trade_no=order.number).refunded_amount


def test_the_settings_pipeline_is_the_one_transition_table(settings):
    assert settings.OSCAR_ORDER_STATUS_PIPELINE == order_status_pipeline()
    assert settings.OSCAR_ORDER_STATUS_PIPELINE["已取消"] == ()


def test_a_move_outside_the_table_is_refused_in_chinese_and_changes_nothing(place_order, operator):
    order = place_order()
    order_status_change(order=order, to=OrderStatus.CANCELLED, actor=operator, reason="测试")

    with pytest.raises(OrderStatusNotAllowed, match="订单 .* 是“已取消”，不能改为“已付款”"):
        order_status_change(order=order, to=OrderStatus.PAID)

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert list(order.status_changes.values_list("new_status", "actor", "reason")) == [
        ("已取消", operator.pk, "测试")
    ]


def test_an_operator_cancelling_a_paid_order_refunds_it_through_alipay(
    client, place_order, pay_on_cashier, operator, mailoutbox
):
    order = place_order(price="68.00", quantity=2, stock=10)
    pay_on_cashier(client, order)
    line = order.lines.get()
    assert levels(line) == (10, 2)
    client.force_login(operator)

    page = client.post(
        detail_url(order),
        {"order_action": "change_order_status", "new_status": "已取消", "reason": "合作社缺货"},
        follow=True,
    ).content.decode()

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert "订单已取消" in page
    assert levels(line) == (10, 0)
    refund = AlipayRefund.objects.get(order=order)
    assert (refund.amount, refund.status, refund.requested_by) == (
        Decimal("136.00"),
        RefundStatus.SUCCEEDED,
        operator,
    )
    assert trade_refunded(order) == Decimal("136.00")
    assert order.parcels.get().status == ParcelStatus.CLOSED
    changes = list(order.status_changes.order_by("pk").values_list("new_status", "actor", "reason"))
    assert changes[0][:2] == ("已付款", None) and changes[0][2].startswith("支付宝交易 ")
    assert changes[1] == ("已取消", operator.pk, "合作社缺货")
    detail = client.get(detail_url(order)).content.decode()
    assert "已退款" in detail and "合作社缺货" in detail


def test_a_full_refund_moves_the_order_to_refunded_and_nothing_of_it_ships(
    client, place_order, pay_on_cashier, operator
):
    order = place_order(price="73.00", quantity=2, stock=10)  # ¥146
    pay_on_cashier(client, order)
    line = order.lines.get()
    parcel = order.parcels.get()
    client.force_login(operator)

    client.post(refund_url(order), {"amount": "146.00", "reason": "顾客退单"})

    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert levels(line) == (10, 0)
    page = client.get(detail_url(order)).content.decode()
    assert "tracking_number" not in page
    shipped = client.post(
        reverse("dashboard:order-parcel-ship", kwargs={"number": order.number, "pk": parcel.pk}),
        {"carrier": "sf", "tracking_number": "SF1"},
        follow=True,
    ).content.decode()
    assert "这个包裹的商品已全部退款，不再发货。" in shipped
    assert levels(line) == (10, 0)
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.CLOSED
    assert order.status_changes.order_by("-pk").values_list("new_status", "actor").first() == (
        "已退款",
        operator.pk,
    )


def test_refunded_units_do_not_ship_and_give_their_stock_back(client, place_order, pay_on_cashier, operator):
    order = place_order(price="68.00", quantity=2, stock=10)
    pay_on_cashier(client, order)
    line = order.lines.get()

    services.refund_request(order, by=operator, line_quantities={line.pk: 1}, reason="一盒破损")
    assert levels(line) == (10, 1)
    fulfilment.parcel_ship(
        parcel_id=order.parcels.get().pk, user=operator, carrier="sf", tracking_number="SF9"
    )

    assert levels(line) == (9, 0)
    event = order.shipping_events.get()
    assert [(quantity.line_id, quantity.quantity) for quantity in event.line_quantities.all()] == [
        (line.pk, 1)
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED


def test_a_parcel_whose_every_line_was_refunded_closes_with_its_carriage_and_the_rest_ships(
    client, place_order, pay_on_cashier, operator, shopper
):
    (honey_coop, honey_user), (tea_coop, tea_user) = (
        cooperative("蜂蜜合作社", "honey@example.cn"),
        cooperative("茶叶合作社", "tea@example.cn"),
    )
    honey = ProductFactory(title="高山土蜂蜜", stockrecord__partner=honey_coop, stockrecord__price="50.00")
    tea = ProductFactory(title="随州绿茶", stockrecord__partner=tea_coop, stockrecord__price="30.00")
    order = place_order(items=[(honey, 1), (tea, 1)], shipping=Decimal("12.00"))  # ¥92
    pay_on_cashier(client, order)
    honey_line = order.lines.get(partner=honey_coop)
    client.force_login(operator)

    too_much = client.post(refund_url(order), {"amount": "62.01", f"line_{honey_line.pk}": "1"}, follow=True)
    assert "超过所选商品的实付金额加运费 ¥62.00" in too_much.content.decode()
    assert not AlipayRefund.objects.exists()
    client.post(refund_url(order), {"amount": "62.00", f"line_{honey_line.pk}": "1", "reason": "蜂蜜断货"})

    assert order.parcels.get(partner=honey_coop).status == ParcelStatus.CLOSED
    assert trade_refunded(order) == Decimal("62.00")
    client.force_login(honey_user)
    page = client.get(detail_url(order)).content.decode()
    assert "本社商品退款" in page and "高山土蜂蜜 × 1" in page and "已关闭" in page
    assert "tracking_number" not in page
    tea_parcel = order.parcels.get(partner=tea_coop)
    fulfilment.parcel_ship(parcel_id=tea_parcel.pk, user=tea_user, carrier="sf", tracking_number="SF2")
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    client.force_login(shopper)
    client.post(reverse("customer:order-receipt", kwargs={"order_number": order.number}))
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED


def test_a_failed_refund_is_not_retried_after_another_refund_paid_the_same_units(
    client, place_order, pay_on_cashier, operator
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    line = order.lines.get()
    trade = EmulatedTrade.objects.filter(out_trade_no=order.number)
    trade.update(status="TRADE_FINISHED")  # Alipay refuses refunds of a finished trade, once
    failed = services.refund_request(order, by=operator, line_quantities={line.pk: 2})
    assert failed.status == RefundStatus.FAILED
    trade.update(status="TRADE_SUCCESS")
    paid = services.refund_request(order, by=operator, line_quantities={line.pk: 2})
    assert paid.status == RefundStatus.SUCCEEDED
    client.force_login(operator)

    retried = client.post(refund_url(order), {"retry": failed.pk}, follow=True).content.decode()
    refiled = client.post(refund_url(order), {"refile": failed.pk}, follow=True).content.decode()

    assert "只有结果未知（处理中）的退款可以重试" in retried
    assert "最多还能退 0 件" in refiled
    assert trade_refunded(order) == Decimal("136.00")
    assert AlipayRefund.objects.filter(order=order).count() == 2
    failed.refresh_from_db()
    assert failed.status == RefundStatus.FAILED


def test_a_failed_refund_is_filed_anew_through_the_normal_checks(
    client, place_order, pay_on_cashier, operator
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    trade = EmulatedTrade.objects.filter(out_trade_no=order.number)
    trade.update(status="TRADE_FINISHED")
    failed = services.refund_request(order, by=operator, amount="68.00", reason="一盒破损")
    trade.update(status="TRADE_SUCCESS")
    client.force_login(operator)

    page = client.post(refund_url(order), {"refile": failed.pk}, follow=True).content.decode()

    assert "已退款 ¥68.00" in page
    again = AlipayRefund.objects.exclude(pk=failed.pk).get(order=order)
    assert (again.amount, again.reason, again.status) == (
        Decimal("68.00"),
        "一盒破损",
        RefundStatus.SUCCEEDED,
    )
    assert trade_refunded(order) == Decimal("68.00")


@pytest.mark.parametrize("value", ["abc", "", "1.5", "-1"])
def test_a_malformed_retry_is_a_chinese_message_and_changes_nothing(client, place_order, operator, value):
    order = place_order()
    client.force_login(operator)

    response = client.post(refund_url(order), {"retry": value}, follow=True)

    assert response.status_code == 200
    assert "退款编号不正确，未做任何操作。" in response.content.decode()
    assert not AlipayRefund.objects.exists()


def test_a_refund_whose_outcome_is_unknown_is_resent_by_the_beat_task(
    client, place_order, pay_on_cashier, operator, live_site, settings
):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    settings.SITE_URL = "http://127.0.0.1:9"  # Alipay cannot be reached: the outcome is unknown
    pending = services.refund_request(order, by=operator, amount="68.00")
    assert pending.status == RefundStatus.PENDING
    settings.SITE_URL = live_site

    assert services.refunds_pending_resend() == 0  # too young: Alipay may still be answering
    assert services.refunds_pending_resend(now=timezone.now() + datetime.timedelta(minutes=6)) == 1

    pending.refresh_from_db()
    assert pending.status == RefundStatus.SUCCEEDED
    assert trade_refunded(order) == Decimal("68.00")
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "shop.payments.tasks.refunds_pending_resend_task" in schedule


def test_an_amount_alipay_confirms_differently_is_not_recorded(client, place_order, pay_on_cashier, operator):
    order = place_order(price="68.00", quantity=2)
    pay_on_cashier(client, order)
    # The request number was used before for ¥10 (say, by a restored database): Alipay answers
    # with that earlier refund.
    get_gateway().refund(
        out_trade_no=order.number, refund_amount=Decimal("10.00"), out_request_no=f"{order.number}-R1"
    )
    client.force_login(operator)

    page = client.post(refund_url(order), {"amount": "68.00"}, follow=True).content.decode()

    assert "支付宝确认的退款金额为 ¥10.00，与申请的 ¥68.00 不符" in page
    refund = AlipayRefund.objects.get(order=order)
    assert refund.status == RefundStatus.MISMATCH
    assert not order.payment_events.filter(event_type__code="refunded").exists()
    assert services.refundable_amount(order) == Decimal("68.00")  # the ¥68 in doubt is not refundable again
    assert services.refunds_pending_resend(now=timezone.now() + datetime.timedelta(hours=1)) == 0
