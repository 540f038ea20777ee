"""Institutional orders in Oscar's order dashboard: marked 机构采购 with the organisation and
purchase order, in a list whose query count does not grow with them, and out of reach of the
retail-only actions (status change, refunds, line actions)."""

import pytest
from django.urls import reverse

from procurement.constants import SupplierOrderState
from shop.order.constants import OrderStatus

pytestmark = pytest.mark.django_db


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("who", ["operator", "coop_a_user"])
def test_the_order_list_marks_institutional_orders(client, world, split, operator, who):
    client.force_login(operator if who == "operator" else getattr(world, who))
    page = client.get(reverse("dashboard:order-list")).content.decode()
    assert "机构采购" in page
    assert "随县机关事务服务中心机关食堂" in page
    assert split.purchase_order.number in page


def test_the_order_list_queries_stay_bounded_with_more_institutional_orders(
    client, world, split, operator, next_week, django_assert_max_num_queries
):
    from procurement import services

    client.force_login(operator)
    url = reverse("dashboard:order-list")
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _again in range(3):
        purchase_order = services.purchase_order_create(
            organisation=world.canteen,
            by=world.buyer,
            delivery_address=world.kitchen,
            delivery_date=next_week,
            lines=[(world.mushroom.pk, 10), (world.greens.pk, 20)],
        )
        services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
        services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("wf-institutional") == 8


def test_the_order_page_says_institutional_and_links_the_supplier_order(client, world, split):
    client.force_login(world.coop_a_user)
    page = client.get(
        reverse("dashboard:order-detail", kwargs={"number": split.a.order.number})
    ).content.decode()
    assert "机构采购" in page
    assert split.purchase_order.number in page
    assert reverse("dashboard:procurement-supplier-order-detail", kwargs={"pk": split.a.pk}) in page


def test_operators_cannot_change_an_institutional_orders_status_on_the_order_page(client, split, operator):
    client.force_login(operator)
    url = reverse("dashboard:order-detail", kwargs={"number": split.a.order.number})
    for status in (OrderStatus.CANCELLED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED):
        response = client.post(
            url, {"order_action": "change_order_status", "new_status": status, "reason": "试试"}, follow=True
        )
        assert response.status_code == 200
    split.a.refresh_from_db()
    split.a.order.refresh_from_db()
    assert split.a.order.status == OrderStatus.AWAITING_CONFIRMATION
    assert split.a.state == SupplierOrderState.AWAITING_CONFIRMATION


def test_an_institutional_order_cannot_be_refunded_through_alipay(client, split, operator):
    client.force_login(operator)
    before = split.a.order.total_incl_tax
    response = client.post(
        reverse("dashboard:order-refund", kwargs={"number": split.a.order.number}),
        {"amount": "100.00", "reason": "退款"},
        follow=True,
    )
    assert _messages(response)
    assert not split.a.order.alipay_refunds.exists()
    split.a.order.refresh_from_db()
    assert split.a.order.total_incl_tax == before
    assert split.a.order.status == OrderStatus.AWAITING_CONFIRMATION


def test_oscar_line_actions_and_payment_events_stay_refused(client, split, operator):
    client.force_login(operator)
    url = reverse("dashboard:order-detail", kwargs={"number": split.a.order.number})
    line = split.a.order.lines.first()
    for action in ("change_line_statuses", "create_shipping_event", "create_payment_event"):
        response = client.post(
            url,
            {"line_action": action, "selected_line": [line.pk], f"selected_line_qty_{line.pk}": 1},
            follow=True,
        )
        assert any("停用" in message for message in _messages(response))
    response = client.post(url, {"order_action": "create_order_payment_event", "amount": "1"}, follow=True)
    assert any("停用" in message for message in _messages(response))
    split.a.order.refresh_from_db()
    assert split.a.order.status == OrderStatus.AWAITING_CONFIRMATION
    assert not split.a.order.payment_events.exists()
    assert not split.a.order.shipping_events.exists()


def test_another_cooperative_cannot_open_the_institutional_order(client, world, split):
    client.force_login(world.coop_b_user)
    response = client.get(reverse("dashboard:order-detail", kwargs={"number": split.a.order.number}))
    assert response.status_code == 404
