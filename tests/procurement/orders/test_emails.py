"""E-mails of the approval: submitted → the organisation's 审批人, approved / rejected → the
submitter, approved → each cooperative's staff about its own supplier order."""

import pytest
from oscar.core.loading import get_model

from procurement import services
from procurement.exceptions import StockShort
from procurement.models import Membership

StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


def _to(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


def test_submitting_tells_the_approvers_but_not_the_submitter(
    world, draft, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=world.buyer).update(roles=["buyer", "approver"])
    with django_capture_on_commit_callbacks(execute=True):
        services.purchase_order_submit(purchase_order=draft, by=world.buyer)
    assert _to(mailoutbox) == ["approver@example.cn"]
    message = mailoutbox[0]
    assert draft.number in message.subject and "待你审批" in message.subject
    assert f"/procurement/orders/{draft.pk}/" in message.body
    assert "buyer@example.cn提交了" in message.body


def test_approving_tells_the_submitter_and_each_cooperative(
    world, submitted, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.purchase_order_approve(purchase_order=submitted, by=world.approver)
    assert _to(mailoutbox) == ["buyer@example.cn", "coop-a@example.cn", "coop-b@example.cn"]
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert "已审批通过" in by_recipient["buyer@example.cn"].subject
    coop = by_recipient["coop-a@example.cn"]
    order_number = submitted.supplier_orders.get(partner=world.coop_a).order.number
    assert order_number in coop.subject and "待确认" in coop.subject
    assert f"/shop/dashboard/orders/{order_number}/" in coop.body
    assert "随县机关事务服务中心机关食堂" in coop.body


def test_rejecting_tells_the_submitter_with_the_comment(
    world, submitted, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.purchase_order_reject(purchase_order=submitted, by=world.approver, comment="超出本月预算")
    assert _to(mailoutbox) == ["buyer@example.cn"]
    assert "被驳回" in mailoutbox[0].subject
    assert "超出本月预算" in mailoutbox[0].body
    html = mailoutbox[0].alternatives[0][0]
    assert "超出本月预算" in html


def test_a_refused_approval_sends_nothing(
    world, submitted, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    StockRecord.objects.filter(pk=world.greens.pk).update(num_in_stock=1)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(StockShort):
        services.purchase_order_approve(purchase_order=submitted, by=world.approver)
    assert mailoutbox == []
