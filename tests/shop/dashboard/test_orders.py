"""A cooperative sees and acts on its own order lines only."""

import pytest
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from tests.catalog.dashboard.helpers import User

Basket = get_model("basket", "Basket")
Line = get_model("order", "Line")
Order = get_model("order", "Order")

ORDER_PIPELINE = {"待发货": ("已发货", "已取消"), "已发货": ("已完成",), "已取消": (), "已完成": ()}
LINE_PIPELINE = {"待发货": ("已发货", "已取消"), "已发货": (), "已取消": ()}


def place(customer, number, *items):
    basket = Basket.objects.create(owner=customer)
    basket.strategy = Default()
    for product, quantity in items:
        basket.add_product(product, quantity)
    order = create_order(number=number, basket=basket, user=customer, status="待发货")
    order.lines.update(status="待发货")
    return order


@pytest.fixture
def orders(market, monkeypatch):
    monkeypatch.setattr(Order, "pipeline", ORDER_PIPELINE)
    monkeypatch.setattr(Line, "pipeline", LINE_PIPELINE)
    customer = User.objects.create_user("guke@example.cn", "secret-pass-123", first_name="伟", last_name="张")
    honey, mushroom = market["b"]["product"], market["a"]["product"]
    return {
        # 2 × ¥68 of A + 1 × ¥88 of B = ¥224
        "mixed": place(customer, "100001", (mushroom, 2), (honey, 1)),
        "b_only": place(customer, "100002", (honey, 3)),
        "a_only": place(customer, "100003", (mushroom, 1)),
    }


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def line_of(order, partner):
    return order.lines.get(partner=partner)


def test_cooperative_lists_only_orders_with_its_lines_and_its_own_totals(client, market, orders):
    client.force_login(market["a"]["user"])

    response = client.get(reverse("dashboard:order-list"))

    numbers = [order.number for order in response.context["orders"]]
    assert sorted(numbers) == ["100001", "100003"]
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


def test_cooperative_changes_the_status_of_its_own_line(client, market, orders):
    client.force_login(market["a"]["user"])
    line_a = line_of(orders["mixed"], market["a"]["partner"])

    response = client.post(
        detail_url(orders["mixed"]),
        {
            "line_action": "change_line_statuses",
            "selected_line": [line_a.pk],
            f"selected_line_qty_{line_a.pk}": line_a.quantity,
            "new_status": "已发货",
        },
    )

    assert response.status_code == 302
    line_a.refresh_from_db()
    assert line_a.status == "已发货"
    assert line_of(orders["mixed"], market["b"]["partner"]).status == "待发货"


def test_changing_another_cooperatives_line_is_refused(client, market, orders):
    client.force_login(market["a"]["user"])
    line_a = line_of(orders["mixed"], market["a"]["partner"])
    line_b = line_of(orders["mixed"], market["b"]["partner"])

    response = client.post(
        detail_url(orders["mixed"]),
        {
            "line_action": "change_line_statuses",
            "selected_line": [line_a.pk, line_b.pk],
            f"selected_line_qty_{line_a.pk}": 1,
            f"selected_line_qty_{line_b.pk}": 1,
            "new_status": "已取消",
        },
        follow=True,
    )

    assert "所选商品行不属于你的合作社" in response.content.decode()
    assert set(orders["mixed"].lines.values_list("status", flat=True)) == {"待发货"}


def test_cooperative_cannot_change_the_order_status(client, market, orders):
    client.force_login(market["a"]["user"])
    order = orders["mixed"]

    response = client.post(
        detail_url(order), {"order_action": "change_order_status", "new_status": "已取消"}, follow=True
    )

    assert "订单状态、付款和备注只能由平台运营修改" in response.content.decode()
    order.refresh_from_db()
    assert order.status == "待发货"


def test_cooperative_cannot_change_order_statuses_from_the_list(client, market, orders):
    client.force_login(market["a"]["user"])
    order = orders["a_only"]

    client.post(
        reverse("dashboard:order-list"),
        {"action": "change_order_statuses", "selected_order": [order.pk], "new_status": "已取消"},
    )

    order.refresh_from_db()
    assert order.status == "待发货"


@pytest.mark.parametrize("name", ["order-stats", "order-shipping-address"])
def test_pages_about_whole_orders_are_for_operators(client, market, orders, name):
    client.force_login(market["a"]["user"])
    kwargs = {} if name == "order-stats" else {"number": "100003"}

    assert client.get(reverse(f"dashboard:{name}", kwargs=kwargs)).status_code == 403


def test_operator_sees_every_line_and_changes_the_order_status(client, market, orders):
    client.force_login(market["operator"])
    order = orders["mixed"]

    response = client.get(detail_url(order))
    assert sorted(line.title for line in response.context["lines"]) == ["随州花菇 500g", "高山土蜂蜜"]
    client.post(detail_url(order), {"order_action": "change_order_status", "new_status": "已发货"})

    order.refresh_from_db()
    assert order.status == "已发货"
