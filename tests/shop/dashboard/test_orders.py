"""A cooperative sees its own order lines only; nobody moves an order by Oscar's generic actions."""

import pytest
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.catalog.dashboard.helpers import User

Basket = get_model("basket", "Basket")
PaymentEventType = get_model("order", "PaymentEventType")
ShippingEventType = get_model("order", "ShippingEventType")


def place(customer, number, *items, status="已付款"):
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Default()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return create_order(number=number, basket=basket, user=customer, status=status)


@pytest.fixture
def orders(market):
    customer = User.objects.create_user("guke@example.cn", "secret-pass-123", first_name="伟", last_name="张")
    honey, mushroom = market["b"]["product"], market["a"]["product"]
    return {
        # 2 × ¥68 of A + 1 × ¥88 of B = ¥224
        "mixed": place(customer, "100001", (mushroom, 2), (honey, 1)),
        "b_only": place(customer, "100002", (honey, 3)),
        "a_only": place(customer, "100003", (mushroom, 1)),
        "unpaid": place(customer, "100004", (mushroom, 1), status="待付款"),
    }


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def line_of(order, partner):
    return order.lines.get(partner=partner)


def test_cooperative_lists_only_orders_with_its_lines_and_its_own_totals(client, market, orders):
    client.force_login(market["a"]["user"])

    response = client.get(reverse("dashboard:order-list"))

    numbers = [order.number for order in response.context["orders"]]
    assert sorted(numbers) == ["100001", "100003", "100004"]
    page = response.content.decode()
    assert "136.00" in page  # A's lines of the mixed order
    assert "224.00" not in page  # the whole mixed order


def test_cooperative_sees_only_its_own_lines_of_a_mixed_order(client, market, orders):
    client.force_login(market["a"]["user"])

    response = client.get(detail_url(orders["mixed"]))

    assert response.status_code == 200
    assert [line.title for line in response.context["lines"]] == ["随州花菇 500g"]
    page = response.content.decode()
    assert "随州花菇 500g" in page
    assert "高山土蜂蜜" not in page
    assert "224.00" not in page
    assert "136.00" in page
    assert 'value="change_order_status"' not in page


def test_cooperative_cannot_open_another_cooperatives_order_or_line(client, market, orders):
    client.force_login(market["a"]["user"])
    line_b = line_of(orders["mixed"], market["b"]["partner"])

    assert client.get(detail_url(orders["b_only"])).status_code == 404
    assert (
        client.get(
            reverse("dashboard:order-line-detail", kwargs={"number": "100001", "line_id": line_b.pk})
        ).status_code
        == 404
    )


def unchanged(order):
    """What Oscar's generic actions could change of ``order``: status, line statuses, events."""
    order.refresh_from_db()
    return (
        order.status,
        sorted(order.lines.values_list("status", flat=True)),
        order.shipping_events.count(),
        order.payment_events.count(),
        order.status_changes.count(),
    )


def post_line_action(client, order, lines, action, **data):
    return client.post(
        detail_url(order),
        {
            "line_action": action,
            "selected_line": [line.pk for line in lines],
            **{f"selected_line_qty_{line.pk}": line.quantity for line in lines},
            **data,
        },
        follow=True,
    )


@pytest.mark.parametrize(
    "action, data",
    [
        ("create_shipping_event", {"shipping_event_type": "shipped", "reference": "SF1"}),
        ("change_line_statuses", {"new_status": "已发货"}),
        ("create_payment_event", {"payment_event_type": "paid", "amount": "68.00"}),
    ],
)
@pytest.mark.parametrize("who", ["a", "operator"])
def test_oscars_line_actions_are_refused_with_nothing_changed(client, market, orders, who, action, data):
    ShippingEventType.objects.get_or_create(code="shipped", defaults={"name": "已发货"})
    PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "支付"})
    client.force_login(market[who]["user"] if who == "a" else market["operator"])
    order = orders["unpaid"]
    before = unchanged(order)

    page = post_line_action(client, order, list(order.lines.all()), action, **data).content.decode()

    assert "这个操作已停用" in page
    assert unchanged(order) == before == ("待付款", [""], 0, 0, 0)


@pytest.mark.parametrize("who", ["a", "operator"])
def test_the_order_page_offers_no_line_actions(client, market, orders, who):
    client.force_login(market[who]["user"] if who == "a" else market["operator"])

    page = client.get(detail_url(orders["mixed"])).content.decode()

    assert 'name="line_action"' not in page
    assert "create_payment_event" not in page and "create_shipping_event" not in page


def test_cooperative_cannot_change_the_order_status(client, market, orders):
    client.force_login(market["a"]["user"])
    order = orders["mixed"]
    before = unchanged(order)

    response = client.post(
        detail_url(order), {"order_action": "change_order_status", "new_status": "已取消"}, follow=True
    )

    assert "订单状态、付款和备注只能由平台运营修改" in response.content.decode()
    assert unchanged(order) == before


@pytest.mark.parametrize("who", ["a", "operator"])
def test_nobody_changes_order_statuses_from_the_list(client, market, orders, who):
    client.force_login(market[who]["user"] if who == "a" else market["operator"])
    order = orders["a_only"]
    before = unchanged(order)

    page = client.post(
        reverse("dashboard:order-list"),
        {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "已发货"},
        follow=True,
    ).content.decode()

    assert unchanged(order) == before
    assert 'value="change_order_statuses"' not in page


@pytest.mark.parametrize("name", ["order-stats", "order-shipping-address"])
def test_pages_about_whole_orders_are_for_operators(client, market, orders, name):
    client.force_login(market["a"]["user"])
    kwargs = {} if name == "order-stats" else {"number": "100003"}

    assert client.get(reverse(f"dashboard:{name}", kwargs=kwargs)).status_code == 403


@pytest.mark.parametrize(
    "order_name, new_status",
    [("unpaid", "已付款"), ("mixed", "已发货"), ("mixed", "已完成"), ("mixed", "已退款")],
)
def test_the_operator_cannot_pay_ship_or_complete_an_order_by_hand(
    client, market, orders, order_name, new_status
):
    client.force_login(market["operator"])
    order = orders[order_name]
    before = unchanged(order)

    page = client.post(
        detail_url(order), {"order_action": "change_order_status", "new_status": new_status}, follow=True
    ).content.decode()

    assert f"订单当前状态不能改为“{new_status}”" in page
    assert unchanged(order) == before


def test_the_operator_cannot_post_a_payment_event_for_the_order(client, market, orders):
    PaymentEventType.objects.get_or_create(code="paid", defaults={"name": "支付"})
    client.force_login(market["operator"])
    order = orders["unpaid"]
    before = unchanged(order)

    page = client.post(
        detail_url(order),
        {"order_action": "create_order_payment_event", "payment_event_type": "paid", "amount": "68.00"},
        follow=True,
    ).content.decode()

    assert "这个操作已停用" in page
    assert unchanged(order) == before


def test_the_operator_sees_every_line_and_is_offered_only_cancelling(client, market, orders):
    client.force_login(market["operator"])

    response = client.get(detail_url(orders["mixed"]))

    assert sorted(line.title for line in response.context["lines"]) == ["随州花菇 500g", "高山土蜂蜜"]
    assert [
        value for value, _label in response.context["order_status_form"].fields["new_status"].choices
    ] == ["已取消"]
