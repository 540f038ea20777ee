"""The portal's home page: the landing page for outsiders, an organisation's portal by the roles
of whoever looks, every organisation for operators, and this year's purchases against the target."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from procurement import services
from procurement.constants import PurchaseOrderState, SupplierOrderState
from procurement.models import PurchaseOrder, Settlement, TransitionEvent
from procurement.selectors import LEDGER_TIME_ZONE, organisation_accepted_total
from tests.catalog.dashboard.helpers import operator_user

from .conftest import approved, shipped

pytestmark = pytest.mark.django_db

HOME = "/procurement/"


def _task(response, key):
    return next(task for task in response.context["overview"].tasks if task.key == key)


def _draft(world, next_week, *, by=None, lines=None):
    return services.purchase_order_create(
        organisation=world.canteen,
        by=by or world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=lines or [(world.greens.pk, 20)],
    )


def _receive(supplier_order, world, accepted=None):
    line = supplier_order.lines.select_related("line").first()
    receipts = {} if accepted is None else {line.pk: (accepted, "破损", "")}
    return services.supplier_order_receive(
        supplier_order=supplier_order, by=world.receiver, receipts=receipts
    )


def test_an_anonymous_visitor_sees_the_landing_page(client):
    response = client.get(HOME)
    assert response.status_code == 200
    assert "机构采购 · 安置区产品进食堂" in response.content.decode()
    assert "overview" not in response.context


def test_a_user_of_no_organisation_sees_the_landing_page(client, db):
    client.force_login(get_user_model().objects.create_user("nobody@example.cn", "secret-pass-123"))
    response = client.get(HOME)
    assert "机构采购 · 安置区产品进食堂" in response.content.decode()
    assert "overview" not in response.context


def test_a_member_sees_orders_by_state_with_counts(client, world, next_week):
    _draft(world, next_week)
    _draft(world, next_week, lines=[(world.mushroom.pk, 10)])
    submitted = _draft(world, next_week, lines=[(world.fungus.pk, 5)])
    services.purchase_order_submit(purchase_order=submitted, by=world.buyer)

    client.force_login(world.finance)
    response = client.get(HOME)

    counts = {item.state: item.count for item in response.context["overview"].state_counts}
    assert counts[PurchaseOrderState.DRAFT] == 2
    assert counts[PurchaseOrderState.SUBMITTED] == 1
    assert counts[PurchaseOrderState.APPROVED] == 0
    page = response.content.decode()
    assert "随县机关事务服务中心机关食堂" in page
    assert "共 3 张" in page


def test_a_buyer_is_awaited_for_drafts_and_short_confirmations(client, world, next_week):
    draft = _draft(world, next_week)
    purchase_order = approved(world, next_week, lines=[(world.mushroom.pk, 50)])
    supplier_order = purchase_order.supplier_orders.get()
    line = supplier_order.lines.get()
    services.supplier_order_confirm(
        supplier_order=supplier_order, by=world.coop_a_user, quantities={line.pk: 40}, reason="香菇不够"
    )

    client.force_login(world.buyer)
    response = client.get(HOME)

    assert [item.pk for item in _task(response, "drafts").items] == [draft.pk]
    assert [item.pk for item in _task(response, "short").items] == [supplier_order.pk]
    assert {task.key for task in response.context["overview"].tasks} == {"drafts", "rejected", "short"}


def test_an_approver_is_awaited_for_approvals_but_not_for_their_own_submissions(client, world, next_week):
    theirs = _draft(world, next_week)
    services.purchase_order_submit(purchase_order=theirs, by=world.buyer)
    # The approver also buys: what they submitted is someone else's to approve.
    world.approver.procurement_memberships.update(roles=["buyer", "approver"])
    own = _draft(world, next_week, by=world.approver, lines=[(world.fungus.pk, 5)])
    services.purchase_order_submit(purchase_order=own, by=world.approver)

    client.force_login(world.approver)
    response = client.get(HOME)

    approvals = _task(response, "approvals")
    assert [item.pk for item in approvals.items] == [theirs.pk]
    assert approvals.count == 1


def test_a_receiver_is_awaited_for_deliveries_with_a_link_to_receive_them(client, world, next_week):
    purchase_order = approved(world, next_week)
    supplier_order = shipped(purchase_order.supplier_orders.get(), world.coop_a_user)

    client.force_login(world.receiver)
    response = client.get(HOME)

    assert [item.pk for item in _task(response, "receipts").items] == [supplier_order.pk]
    assert (
        reverse("procurement:supplier-order-receive", args=[supplier_order.pk]) in response.content.decode()
    )
    assert {task.key for task in response.context["overview"].tasks} == {"receipts"}


def test_finance_is_awaited_for_invoices_to_request_and_settlements_to_pay(client, world, next_week):
    purchase_order = approved(world, next_week)
    supplier_order = _receive(shipped(purchase_order.supplier_orders.get(), world.coop_a_user), world)
    settlement = Settlement.objects.create(
        number="JS0001",
        organisation=world.canteen,
        partner=world.coop_a,
        amount=Decimal("100.00"),
        method="transfer",
    )
    other = Settlement.objects.create(
        number="JS0002",
        organisation=world.school,
        partner=world.coop_a,
        amount=Decimal("1.00"),
        method="transfer",
    )

    client.force_login(world.finance)
    response = client.get(HOME)

    assert [item.pk for item in _task(response, "invoices").items] == [supplier_order.pk]
    payments = _task(response, "payments")
    assert [item.pk for item in payments.items] == [settlement.pk]
    assert other.pk not in [item.pk for item in payments.items]
    assert "JS0001" in response.content.decode()


def test_this_weeks_deliveries_are_listed(client, world):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    # Tomorrow is the earliest date one may ask for; it may already be next week.
    tomorrow = today + datetime.timedelta(days=1)
    this_week = approved(world, tomorrow, lines=[(world.mushroom.pk, 10)])
    later = approved(world, monday + datetime.timedelta(days=14), lines=[(world.fungus.pk, 5)])

    client.force_login(world.buyer)
    overview = client.get(HOME).context["overview"]

    listed = {item.purchase_order_id for item in overview.week_deliveries}
    assert later.pk not in listed
    assert (this_week.pk in listed) == (tomorrow <= monday + datetime.timedelta(days=6))


def test_accepted_purchases_move_the_target_bar_by_the_accepted_total(client, world, next_week):
    purchase_order = approved(world, next_week, lines=[(world.mushroom.pk, 50)])
    supplier_order = _receive(shipped(purchase_order.supplier_orders.get(), world.coop_a_user), world, 48)
    assert supplier_order.accepted_total == Decimal("5760.00")

    client.force_login(world.buyer)
    response = client.get(HOME)

    target = response.context["overview"].target
    assert (target.accepted, target.target, target.percent) == (Decimal("5760.00"), Decimal("100000.00"), 5)
    page = response.content.decode()
    assert "¥5760.00" in page and "¥100000.00" in page
    assert 'style="width: 5%;"' in page


def test_accepted_total_counts_the_chinese_calendar_year(world, next_week):
    purchase_order = approved(world, next_week, lines=[(world.mushroom.pk, 10)])
    supplier_order = _receive(shipped(purchase_order.supplier_orders.get(), world.coop_a_user), world)
    event = TransitionEvent.objects.get(supplier_order=supplier_order, to_state=SupplierOrderState.ACCEPTED)

    # 2025-12-31 16:30 UTC is 00:30 on New Year's Day in 随县.
    TransitionEvent.objects.filter(pk=event.pk).update(
        at=datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    )
    assert organisation_accepted_total(world.canteen, 2026) == Decimal("1300.00")
    assert organisation_accepted_total(world.canteen, 2025) == Decimal("0.00")
    assert organisation_accepted_total(world.school, 2026) == Decimal("0.00")

    TransitionEvent.objects.filter(pk=event.pk).update(
        at=datetime.datetime(2025, 12, 31, 15, 59, tzinfo=datetime.UTC)
    )
    assert organisation_accepted_total(world.canteen, 2025) == Decimal("1300.00")
    assert LEDGER_TIME_ZONE.key == "Asia/Shanghai"


def test_a_member_cannot_open_another_organisation_by_its_id(client, world, next_week):
    client.force_login(world.buyer)
    response = client.get(HOME, {"organisation": world.school.pk})
    assert response.context["organisation"] == world.canteen


def test_an_operator_sees_every_organisation_with_its_counts(client, world, next_week):
    _draft(world, next_week)
    client.force_login(operator_user())

    response = client.get(HOME)

    page = response.content.decode()
    assert "随县机关事务服务中心机关食堂" in page and "随县第一中学食堂" in page
    rows = {item.pk: item for item in response.context["page_obj"].object_list}
    assert (rows[world.canteen.pk].order_count, rows[world.canteen.pk].draft_count) == (1, 1)
    assert rows[world.school.pk].order_count == 0

    school = client.get(HOME, {"organisation": world.school.pk})
    assert school.context["organisation"] == world.school
    assert "随县第一中学食堂" in school.content.decode()


def test_the_home_page_costs_the_same_queries_for_many_orders(
    client, world, next_week, django_assert_max_num_queries
):
    def orders(count, start):
        """``count`` drafts, submitted and rejected orders each, written in one statement."""
        states = [PurchaseOrderState.DRAFT, PurchaseOrderState.SUBMITTED, PurchaseOrderState.REJECTED] * count
        PurchaseOrder.objects.bulk_create(
            PurchaseOrder(
                number=f"BULK{start + index:06d}",
                organisation=world.canteen,
                delivery_address=world.kitchen,
                delivery_date=next_week,
                created_by=world.buyer,
                state=state,
                submitted_by=world.buyer if state == PurchaseOrderState.SUBMITTED else None,
            )
            for index, state in enumerate(states)
        )

    purchase_order = approved(world, next_week)
    shipped(purchase_order.supplier_orders.get(), world.coop_a_user)
    world.buyer.procurement_memberships.update(roles=["buyer", "approver", "receiver", "finance"])
    client.force_login(world.buyer)

    _draft(world, next_week)
    orders(3, start=0)
    with django_assert_max_num_queries(40) as few:
        assert client.get(HOME).status_code == 200
    orders(300, start=1000)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(HOME)
    counts = {item.state: item.count for item in response.context["overview"].state_counts}
    assert counts[PurchaseOrderState.DRAFT] == 1 + 3 + 300
