"""The purchase-order page: lines, delivery fees and totals, supplier orders, the timeline, and
the actions each role may take — tried by the roles that may not, and across organisations."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from procurement import services
from procurement.constants import PurchaseOrderState, SupplierOrderState
from procurement.models import CooperativeDeliveryTerms, Membership, PurchaseOrder, TransitionEvent

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def detail(order):
    return reverse("procurement:order-detail", args=[order.pk])


def action(order, name):
    return reverse(f"procurement:order-{name}", args=[order.pk])


def test_a_draft_shows_the_delivery_fee_of_each_cooperative_and_the_total(client, world, draft):
    CooperativeDeliveryTerms.objects.create(partner=world.coop_a, own_delivery_fee=Decimal("20.00"))
    services.purchase_order_update(
        purchase_order=draft,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=draft.delivery_date,
        lines=[(world.mushroom.pk, 50), (world.greens.pk, 20)],
    )
    client.force_login(world.buyer)
    response = client.get(detail(draft))
    page = response.content.decode()
    assert [(partner, fee) for partner, _method, fee in response.context["deliveries"]] == [
        (world.coop_a, Decimal("20.00")),
        (world.coop_b, Decimal("0.00")),
    ]
    assert "合作社送货上门" in page and "¥20.00" in page
    assert "¥6,660.00" in page or "¥6660.00" in page
    assert "提交审批" in page


def test_the_timeline_names_states_who_and_comment(client, world, submitted):
    services.purchase_order_reject(purchase_order=submitted, by=world.approver, comment="数量太多，请减半")
    client.force_login(world.buyer)
    response = client.get(detail(submitted))
    page = response.content.decode()
    assert [(event.from_label, event.to_label) for event in response.context["timeline"]] == [
        ("", "草稿"),
        ("草稿", "待审批"),
        ("待审批", "已驳回"),
    ]
    assert "待审批 → <strong>已驳回</strong>" in page
    assert "approver@example.cn" in page and "数量太多，请减半" in page
    assert "退回草稿修改" in page


def test_the_buyer_submits_and_the_approver_approves_into_supplier_orders(client, world, draft):
    client.force_login(world.buyer)
    response = client.post(action(draft, "submit"), follow=True)
    assert "已提交审批" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == PurchaseOrderState.SUBMITTED

    client.force_login(world.approver)
    page = client.get(detail(draft)).content.decode()
    assert "审批通过" in page and "驳回" in page
    response = client.post(action(draft, "approve"), {"comment": "同意"}, follow=True)
    page = response.content.decode()
    assert "已审批通过" in page
    draft.refresh_from_db()
    assert draft.state == PurchaseOrderState.APPROVED
    assert {so.partner for so in response.context["supplier_orders"]} == {world.coop_a, world.coop_b}
    assert "待合作社确认" in page


def test_a_second_approval_gets_the_refusal_and_changes_nothing(client, world, submitted):
    client.force_login(world.approver)
    client.post(action(submitted, "approve"))
    response = client.post(action(submitted, "approve"), follow=True)
    assert "采购单是“已审批”，不能审批。" in response.content.decode()
    assert submitted.supplier_orders.count() == 2
    assert TransitionEvent.objects.filter(purchase_order=submitted, to_state="approved").count() == 1


def test_a_buyer_without_the_approver_role_cannot_approve(client, world, submitted):
    client.force_login(world.buyer)
    assert "审批通过</button>" not in client.get(detail(submitted)).content.decode()
    response = client.post(action(submitted, "approve"), follow=True)
    assert "没有“审批人”角色" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.SUBMITTED


def test_the_submitter_cannot_approve_or_reject_their_own_order(client, world, draft):
    Membership.objects.filter(user=world.buyer).update(roles=["buyer", "approver"])
    services.purchase_order_submit(purchase_order=draft, by=world.buyer)
    client.force_login(world.buyer)
    page = client.get(detail(draft)).content.decode()
    assert "需要由本单位其他审批人审批" in page and "审批通过</button>" not in page
    response = client.post(action(draft, "approve"), follow=True)
    assert "不能审批自己提交的采购单" in response.content.decode()
    client.post(action(draft, "reject"), {"comment": "自己驳回"})
    draft.refresh_from_db()
    assert draft.state == PurchaseOrderState.SUBMITTED


def test_approving_without_enough_stock_names_the_lines_and_allocates_nothing(client, world, submitted):
    StockRecord.objects.filter(pk=world.greens.pk).update(num_in_stock=15)
    client.force_login(world.approver)
    response = client.post(action(submitted, "approve"), follow=True)
    page = response.content.decode()
    assert "库存不足，未分配任何库存" in page
    assert "泡泡青 5kg：需要 20，库存可用 15，差 5" in page
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.SUBMITTED
    assert not submitted.supplier_orders.exists()


def test_rejecting_needs_a_comment_then_the_buyer_reopens_or_cancels(client, world, submitted):
    client.force_login(world.approver)
    response = client.post(action(submitted, "reject"), {"comment": "  "}, follow=True)
    assert "驳回时请填写意见" in response.content.decode()
    client.post(action(submitted, "reject"), {"comment": "请改到下周"})
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.REJECTED

    client.force_login(world.buyer)
    client.post(action(submitted, "reopen"))
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.DRAFT
    client.post(action(submitted, "cancel"))
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.CANCELLED


def test_actions_are_post_only(client, world, draft):
    client.force_login(world.buyer)
    assert client.get(action(draft, "submit")).status_code == 405
    draft.refresh_from_db()
    assert draft.state == PurchaseOrderState.DRAFT


@pytest.mark.parametrize("name", ["submit", "approve", "reject", "reopen", "cancel"])
def test_another_organisations_order_is_not_found_by_any_action(client, world, submitted, name):
    client.force_login(world.other_buyer)
    assert client.get(detail(submitted)).status_code == 404
    assert client.post(action(submitted, name), {"comment": "越权"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == PurchaseOrderState.SUBMITTED
    assert submitted.events.count() == 2


def _approved_with_short(world, submitted):
    services.purchase_order_approve(purchase_order=submitted, by=world.approver)
    supplier_order = submitted.supplier_orders.get(partner=world.coop_a)
    line = supplier_order.lines.get()
    services.supplier_order_confirm(
        supplier_order=supplier_order, by=world.coop_a_user, quantities={line.pk: 40}, reason="香菇减产"
    )
    return supplier_order


def test_the_buyer_accepts_a_short_confirmation(client, world, submitted):
    supplier_order = _approved_with_short(world, submitted)
    client.force_login(world.buyer)
    page = client.get(detail(submitted)).content.decode()
    assert "香菇减产" in page and "确认 40" in page and "接受确认数量" in page
    url = reverse("procurement:supplier-order-accept-short", args=[submitted.pk, supplier_order.pk])
    response = client.post(url, follow=True)
    assert "已接受随县香菇专业合作社的确认数量" in response.content.decode()
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.CONFIRMED
    world.mushroom.refresh_from_db()
    assert world.mushroom.num_allocated == 40


def test_the_buyer_cancels_a_supplier_order_and_its_stock_goes_back(client, world, submitted):
    supplier_order = _approved_with_short(world, submitted)
    client.force_login(world.buyer)
    url = reverse("procurement:supplier-order-cancel", args=[submitted.pk, supplier_order.pk])
    response = client.post(url, follow=True)
    assert "已取消随县香菇专业合作社的供货单" in response.content.decode()
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.CANCELLED
    world.mushroom.refresh_from_db()
    assert world.mushroom.num_allocated == 0


def test_supplier_order_actions_of_another_organisation_are_not_found(client, world, submitted):
    supplier_order = _approved_with_short(world, submitted)
    client.force_login(world.other_buyer)
    for name in ("accept-short", "cancel"):
        url = reverse(f"procurement:supplier-order-{name}", args=[submitted.pk, supplier_order.pk])
        assert client.post(url).status_code == 404
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.SHORT_CONFIRMED


def test_a_supplier_order_of_another_purchase_order_is_not_found_under_this_one(
    client, world, submitted, next_week
):
    supplier_order = _approved_with_short(world, submitted)
    other = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.fungus.pk, 5)],
    )
    client.force_login(world.buyer)
    url = reverse("procurement:supplier-order-cancel", args=[other.pk, supplier_order.pk])
    assert client.post(url).status_code == 404
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.SHORT_CONFIRMED


def test_a_receiver_cannot_submit_or_cancel(client, world, draft):
    client.force_login(world.receiver)
    client.post(action(draft, "submit"))
    client.post(action(draft, "cancel"))
    assert PurchaseOrder.objects.get(pk=draft.pk).state == PurchaseOrderState.DRAFT
