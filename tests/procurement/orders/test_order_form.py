"""The purchase-order form: a draft's address, date, note and lines, priced at the tier that
applies; bad input is marked where it was typed and nothing is saved."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.constants import PurchaseOrderState
from procurement.models import CooperativeDeliveryTerms, PurchaseOrder
from tests.procurement.orders.helpers import order_form_data

pytestmark = pytest.mark.django_db

NEW = reverse("procurement:order-create")


def test_a_buyer_saves_a_draft_priced_at_tier_prices(client, world, next_week):
    client.force_login(world.buyer)
    data = order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "50"), (world.greens.pk, "20")])
    data["note"] = "周一早上 7 点前送到"
    response = client.post(NEW, data)

    order = PurchaseOrder.objects.get()
    assert response.url == reverse("procurement:order-detail", args=[order.pk])
    assert order.state == PurchaseOrderState.DRAFT and order.created_by == world.buyer
    assert order.note == "周一早上 7 点前送到" and order.delivery_date == next_week
    assert order.goods_total == Decimal("50") * 120 + 20 * 32
    assert [(line.quantity, line.unit_price) for line in order.lines.order_by("pk")] == [(50, 120), (20, 32)]


def test_the_form_page_shows_the_tier_price_saving_and_minimum_of_each_line(client, world, draft):
    CooperativeDeliveryTerms.objects.create(partner=world.coop_b, own_delivery_fee=Decimal("15.00"))
    client.force_login(world.buyer)
    response = client.get(reverse("procurement:order-update", args=[draft.pk]))
    page = response.content.decode()
    previews = [form.preview for form in response.context["formset"].forms if form.preview]
    assert [(p.unit_price, p.saving, p.min_quantity) for p in previews] == [
        (Decimal("120.00"), Decimal("1500.00"), 10),
        (Decimal("32.00"), Decimal("160.00"), 20),
    ]
    assert "¥1,500.00" in page or "¥1500.00" in page
    assert "¥15.00" in page


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "数量必须大于 0"),
        ("-1", "数量必须是正整数"),
        ("1.5", "数量必须是正整数"),
        ("十", "数量必须是正整数"),
    ],
)
def test_a_quantity_that_is_not_a_positive_whole_number_is_refused(
    client, world, next_week, quantity, message
):
    client.force_login(world.buyer)
    data = order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "50"), (world.greens.pk, quantity)])
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["formset"].forms[1].errors["quantity"] == [message]
    assert not PurchaseOrder.objects.exists()


def test_a_line_below_the_minimum_is_marked_on_its_row_and_nothing_saved(client, world, next_week):
    client.force_login(world.buyer)
    data = order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "50"), (world.fungus.pk, "2")])
    response = client.post(NEW, data)
    forms = response.context["formset"].forms
    assert forms[0].non_field_errors() == []
    assert forms[1].non_field_errors() == ["低于起订量 5"]
    assert "采购单中有不能下单的商品" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_more_than_the_stock_is_refused(client, world, next_week):
    client.force_login(world.buyer)
    response = client.post(NEW, order_form_data(world.kitchen, next_week, [(world.greens.pk, "5000")]))
    assert response.context["formset"].forms[0].non_field_errors() == ["库存不足：需要 5000，可用 1000"]
    assert not PurchaseOrder.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "要求到货日期不能早于明天"), (0, "要求到货日期不能早于明天"), (91, "不能晚于 90 天后")],
)
def test_a_delivery_date_out_of_range_is_refused(client, world, days, message):
    client.force_login(world.buyer)
    day = timezone.localdate() + datetime.timedelta(days=days)
    response = client.post(NEW, order_form_data(world.kitchen, day, [(world.mushroom.pk, "50")]))
    assert message in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_an_unreadable_date_is_refused(client, world):
    client.force_login(world.buyer)
    response = client.post(NEW, order_form_data(world.kitchen, "明天", [(world.mushroom.pk, "50")]))
    assert "请输入正确的日期" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_another_organisations_address_cannot_be_chosen(client, world, next_week):
    client.force_login(world.buyer)
    response = client.post(NEW, order_form_data(world.school_kitchen, next_week, [(world.mushroom.pk, "50")]))
    assert response.context["order_form"].errors["delivery_address"]
    assert not PurchaseOrder.objects.exists()


def test_the_same_product_twice_and_no_lines_are_refused(client, world, next_week):
    client.force_login(world.buyer)
    twice = [(world.mushroom.pk, "10"), (world.mushroom.pk, "20")]
    response = client.post(NEW, order_form_data(world.kitchen, next_week, twice))
    assert "同一商品出现了两次" in response.content.decode()
    response = client.post(NEW, order_form_data(world.kitchen, next_week, [("", "")]))
    assert "采购单至少要有一种商品" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_add_row_keeps_what_was_typed_and_saves_nothing(client, world, next_week):
    client.force_login(world.buyer)
    data = order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "50")], add_row="1")
    del data["save"]
    response = client.post(NEW, data)
    formset = response.context["formset"]
    assert len(formset.forms) == 2
    assert formset.forms[0].initial == {"stockrecord": str(world.mushroom.pk), "quantity": "50"}
    assert not PurchaseOrder.objects.exists()


def test_editing_a_draft_replaces_its_lines_and_a_removed_row_goes(client, world, draft, next_week):
    client.force_login(world.buyer)
    data = order_form_data(
        world.city_kitchen,
        next_week,
        [(world.mushroom.pk, "10"), (world.greens.pk, "20")],
        **{"form-1-DELETE": "on"},
    )
    response = client.post(reverse("procurement:order-update", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.delivery_address == world.city_kitchen
    assert [(line.stockrecord_id, line.quantity, line.unit_price) for line in draft.lines.all()] == [
        (world.mushroom.pk, 10, Decimal("130.00"))
    ]


def test_a_submitted_order_cannot_be_edited(client, world, submitted, next_week):
    client.force_login(world.buyer)
    url = reverse("procurement:order-update", args=[submitted.pk])
    assert client.get(url).url == reverse("procurement:order-detail", args=[submitted.pk])
    client.post(url, order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "10")]))
    assert submitted.lines.count() == 2


def test_another_organisations_draft_is_not_found_and_not_changed(client, world, draft, next_week):
    client.force_login(world.other_buyer)
    url = reverse("procurement:order-update", args=[draft.pk])
    assert client.get(url).status_code == 404
    data = order_form_data(world.school_kitchen, next_week, [(world.mushroom.pk, "10")])
    assert client.post(url, data).status_code == 404
    assert [line.quantity for line in draft.lines.all()] == [50, 20]


def test_a_member_without_the_buyer_role_cannot_open_the_form(client, world, next_week):
    client.force_login(world.approver)
    assert client.get(NEW).url == reverse("procurement:order-list")
    client.post(NEW, order_form_data(world.kitchen, next_week, [(world.mushroom.pk, "10")]))
    assert not PurchaseOrder.objects.exists()


def test_the_new_form_offers_own_addresses_only_and_blank_rows(client, world):
    client.force_login(world.buyer)
    response = client.get(NEW)
    page = response.content.decode()
    assert len(response.context["formset"].forms) == 3
    assert "机关食堂后厨" in page and "武汉办事处食堂" in page and "一中食堂" not in page
    assert 'name="form-TOTAL_FORMS"' in page and 'name="form-0-DELETE"' in page
    assert "随州香菇 5kg · 随县香菇专业合作社" in page
