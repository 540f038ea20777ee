"""The cooperative's 机构订单 in the dashboard: its own supplier orders only, confirmed in full
or less with a reason, cancelled with a reason, shipped on the Oscar order page, marked 送达."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from procurement.constants import SupplierOrderState
from shop.order.constants import OrderStatus

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _detail(supplier_order, action=None):
    name = "procurement-supplier-order-detail" if action is None else f"procurement-supplier-order-{action}"
    return reverse(f"dashboard:{name}", kwargs={"pk": supplier_order.pk})


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_cooperative_lists_only_its_own_supplier_orders_with_counts(client, world, split):
    client.force_login(world.coop_a_user)
    response = client.get(reverse("dashboard:procurement-supplier-order-list"))
    assert response.status_code == 200
    assert list(response.context["supplier_orders"]) == [split.a]
    page = response.content.decode()
    assert "随县机关事务服务中心机关食堂" in page
    assert split.purchase_order.number in page
    counts = {state: count for state, _label, count in response.context["state_counts"]}
    assert counts[SupplierOrderState.AWAITING_CONFIRMATION] == 1
    assert response.context["total_count"] == 1


def test_awaiting_confirmation_comes_first_and_the_state_filter_narrows(client, world, split, operator):
    client.force_login(world.coop_a_user)
    client.post(_detail(split.a, "confirm"), {"full": "1"})
    client.force_login(operator)
    listed = list(client.get(reverse("dashboard:procurement-supplier-order-list")).context["supplier_orders"])
    assert listed == [split.b, split.a]
    filtered = client.get(reverse("dashboard:procurement-supplier-order-list"), {"state": "confirmed"})
    assert list(filtered.context["supplier_orders"]) == [split.a]


def test_the_list_runs_in_a_fixed_number_of_queries(
    client, world, split, operator, next_week, django_assert_max_num_queries
):
    from procurement import services

    client.force_login(operator)
    url = reverse("dashboard:procurement-supplier-order-list")
    client.get(url)
    with django_assert_max_num_queries(20) as few:
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
    assert len(response.context["supplier_orders"]) == 8


def test_detail_shows_organisation_address_date_lines_and_the_oscar_order_link(client, world, split):
    client.force_login(world.coop_a_user)
    response = client.get(_detail(split.a))
    page = response.content.decode()
    assert "随县机关事务服务中心机关食堂" in page
    assert "机关食堂后厨" in page
    assert split.purchase_order.delivery_date.strftime("%Y-%m-%d") in page
    assert "随州香菇 5kg" in page and "随县黑木耳 1kg" in page
    assert "泡泡青" not in page
    assert reverse("dashboard:order-detail", kwargs={"number": split.a.order.number}) in page


def test_another_cooperatives_supplier_order_is_not_found_and_not_changed(client, world, split):
    client.force_login(world.coop_b_user)
    assert client.get(_detail(split.a)).status_code == 404
    assert client.post(_detail(split.a, "confirm"), {"full": "1"}).status_code == 404
    assert client.post(_detail(split.a, "cancel"), {"reason": "不想卖"}).status_code == 404
    assert client.post(_detail(split.a, "deliver")).status_code == 404
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.AWAITING_CONFIRMATION


def test_a_buyer_cannot_open_the_cooperatives_dashboard_pages(client, world, split):
    client.force_login(world.buyer)
    response = client.get(_detail(split.a))
    assert response.status_code in (302, 403)
    client.post(_detail(split.a, "confirm"), {"full": "1"})
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.AWAITING_CONFIRMATION


def test_confirming_in_full_confirms_the_oscar_order_and_opens_a_parcel(client, world, split):
    client.force_login(world.coop_a_user)
    response = client.post(_detail(split.a, "confirm"), {"full": "1"}, follow=True)
    assert "已确认供货" in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.CONFIRMED
    assert split.a.order.status == OrderStatus.CONFIRMED
    assert split.a.order.parcels.count() == 1
    assert set(split.a.lines.values_list("confirmed_quantity", flat=True)) == {50, 5}


def test_confirming_less_with_a_reason_waits_for_the_buyer(client, world, split):
    client.force_login(world.coop_a_user)
    mushroom, fungus = split.a.lines.order_by("pk")
    response = client.post(
        _detail(split.a, "confirm"),
        {f"line-{mushroom.pk}": "40", f"line-{fungus.pk}": "5", "reason": "今年减产"},
        follow=True,
    )
    assert "少供" in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.SHORT_CONFIRMED
    assert split.a.confirm_reason == "今年减产"
    mushroom.refresh_from_db()
    assert mushroom.confirmed_quantity == 40
    assert "今年减产" in client.get(_detail(split.a)).content.decode()


@pytest.mark.parametrize(
    ("mushroom_quantity", "reason", "message"),
    [
        ("51", "多送一箱", "确认数量应在 0 到 50 之间"),
        ("40", "", "少于订购数量时请填写原因"),
        ("-1", "x", "不能小于 0"),
        ("四十", "x", "必须是整数"),
        ("1.5", "x", "必须是整数"),
    ],
)
def test_a_bad_confirmation_gets_a_message_and_changes_nothing(
    client, world, split, mushroom_quantity, reason, message
):
    client.force_login(world.coop_a_user)
    mushroom, fungus = split.a.lines.order_by("pk")
    response = client.post(
        _detail(split.a, "confirm"),
        {f"line-{mushroom.pk}": mushroom_quantity, f"line-{fungus.pk}": "5", "reason": reason},
        follow=True,
    )
    assert message in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.AWAITING_CONFIRMATION
    assert set(split.a.lines.values_list("confirmed_quantity", flat=True)) == {None}
    assert split.a.order.status == OrderStatus.AWAITING_CONFIRMATION


def test_confirming_twice_is_refused(client, world, split):
    client.force_login(world.coop_a_user)
    client.post(_detail(split.a, "confirm"), {"full": "1"})
    response = client.post(_detail(split.a, "confirm"), {"full": "1"}, follow=True)
    assert "不能再确认" in " ".join(_messages(response))


def test_cancelling_needs_a_reason_and_gives_the_stock_back(client, world, split):
    client.force_login(world.coop_a_user)
    response = client.post(_detail(split.a, "cancel"), {"reason": " "}, follow=True)
    assert "请填写原因" in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.AWAITING_CONFIRMATION

    client.post(_detail(split.a, "cancel"), {"reason": "冷库故障，无法供货"})
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.CANCELLED
    assert split.a.order.status == OrderStatus.CANCELLED
    assert StockRecord.objects.get(pk=world.mushroom.pk).num_allocated in (0, None)
    assert split.a.events.last().comment == "冷库故障，无法供货"


def test_shipping_the_parcel_on_the_oscar_order_page_then_marking_delivered(client, world, split):
    client.force_login(world.coop_a_user)
    assert "标记送达" not in client.get(_detail(split.a)).content.decode()
    client.post(_detail(split.a, "confirm"), {"full": "1"})
    order_page = client.get(reverse("dashboard:order-detail", kwargs={"number": split.a.order.number}))
    assert order_page.status_code == 200
    parcel = split.a.order.parcels.get()
    ship_url = reverse(
        "dashboard:order-parcel-ship", kwargs={"number": split.a.order.number, "pk": parcel.pk}
    )
    assert ship_url in order_page.content.decode()

    client.post(ship_url, {"carrier": "other", "tracking_number": "SX-0001"})
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.SHIPPED
    assert split.a.order.status == OrderStatus.SHIPPED

    assert "标记送达" in client.get(_detail(split.a)).content.decode()
    response = client.post(_detail(split.a, "deliver"), follow=True)
    assert "已标记送达" in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.DELIVERED
    assert set(split.a.lines.values_list("delivered_quantity", flat=True)) == {50, 5}


def test_marking_delivered_before_shipping_is_refused(client, world, split):
    client.force_login(world.coop_a_user)
    client.post(_detail(split.a, "confirm"), {"full": "1"})
    response = client.post(_detail(split.a, "deliver"), follow=True)
    assert "不能执行此操作" in " ".join(_messages(response))
    split.a.refresh_from_db()
    assert split.a.state == SupplierOrderState.CONFIRMED


def test_a_parcel_of_an_unconfirmed_institutional_order_does_not_exist_to_ship(client, world, split):
    client.force_login(world.coop_a_user)
    assert not split.a.order.parcels.exists()
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": split.a.order.number}))
    assert "order-parcel-ship" not in page.content.decode()


def test_cooperative_staff_find_the_procurement_menu_in_the_dashboard(client, world):
    client.force_login(world.coop_a_user)
    page = client.get(reverse("dashboard:index"), follow=True).content.decode()
    assert "机构采购" in page
    for name in ("supplier-order-list", "quote-list", "delivery-terms"):
        assert reverse(f"dashboard:procurement-{name}") in page
