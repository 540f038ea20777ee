"""The daily run: submitted purchase orders for the delivery dates within ``lead_days``,
holidays and blocked dates skipped, the 调休 Saturday delivered, once per date however often
(or however concurrently) beat runs; refusals recorded and told once; years without holiday
data reported to the operators, never ordered for."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from catalog.constants import CooperativeStatus
from procurement.constants import PurchaseOrderSource, PurchaseOrderState
from procurement.models import Membership, PurchaseOrder, StandingOrder, StandingOrderMiss, StandingOrderSkip
from procurement.standing.services import standing_orders_run
from procurement.tasks import standing_orders_run_task

from .conftest import day

pytestmark = pytest.mark.django_db


def _made(standing_order):
    return sorted(
        PurchaseOrder.objects.filter(standing_order=standing_order).values_list("delivery_date", flat=True)
    )


def _run(today, capture):
    with capture(execute=True):
        return standing_orders_run(today=today)


def test_the_holiday_week_orders_the_thursday_after_and_the_makeup_saturday(
    world, standing, today_is, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    today = today_is(day("2026-10-04"))

    result = _run(today, django_capture_on_commit_callbacks)

    # Monday 5 October is 国庆节; Thursday the 8th and the 调休 Saturday the 10th are delivered.
    assert _made(standing) == [day("2026-10-08"), day("2026-10-10")]
    assert len(result.created) == 2
    for purchase_order in result.created:
        purchase_order.refresh_from_db()
        assert purchase_order.state == PurchaseOrderState.SUBMITTED
        assert purchase_order.source == PurchaseOrderSource.STANDING
        assert purchase_order.submitted_by == world.buyer
        assert purchase_order.delivery_address == world.kitchen
        assert [(line.stockrecord, line.quantity) for line in purchase_order.lines.all()] == [
            (world.greens, 20)
        ]
    # The buyer hears of each order; the approvers are asked to approve it as for any submission.
    to_buyer = [mail for mail in mailoutbox if mail.to == ["buyer@example.cn"]]
    assert len(to_buyer) == 2
    assert "每周一、四蔬菜" in to_buyer[0].subject and "10月8日" in to_buyer[0].subject
    assert result.created[0].number in to_buyer[0].body and "待审批" in to_buyer[0].body
    assert [mail.to for mail in mailoutbox if mail not in to_buyer] == [["approver@example.cn"]] * 2


def test_without_the_makeup_option_the_saturday_is_not_ordered(
    world, standing, today_is, django_capture_on_commit_callbacks
):
    StandingOrder.objects.filter(pk=standing.pk).update(include_makeup_workdays=False)
    today = today_is(day("2026-10-04"))

    _run(today, django_capture_on_commit_callbacks)

    assert _made(standing) == [day("2026-10-08")]


def test_a_second_run_creates_nothing_twice(
    world, standing, today_is, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    today = today_is(day("2026-10-04"))
    _run(today, django_capture_on_commit_callbacks)
    sent = len(mailoutbox)

    again = _run(today, django_capture_on_commit_callbacks)

    assert again.created == []
    assert _made(standing) == [day("2026-10-08"), day("2026-10-10")]
    assert len(mailoutbox) == sent
    # The next day's run adds only the date that came into the window (Monday 12 October).
    _run(today_is(day("2026-10-05")), django_capture_on_commit_callbacks)
    assert _made(standing) == [day("2026-10-08"), day("2026-10-10"), day("2026-10-12")]


def test_a_blocked_date_gets_no_order(world, standing, today_is, django_capture_on_commit_callbacks):
    StandingOrderSkip.objects.create(standing_order=standing, date=day("2026-10-08"))
    today = today_is(day("2026-10-04"))

    _run(today, django_capture_on_commit_callbacks)

    assert _made(standing) == [day("2026-10-10")]


def test_a_switched_off_standing_order_makes_nothing(
    world, standing, today_is, django_capture_on_commit_callbacks
):
    StandingOrder.objects.filter(pk=standing.pk).update(is_active=False)

    _run(today_is(day("2026-10-04")), django_capture_on_commit_callbacks)

    assert _made(standing) == []


def test_refused_lines_make_no_order_and_the_buyer_is_told_once(
    world, standing, today_is, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    profile = world.coop_b.cooperative
    profile.status = CooperativeStatus.SUSPENDED
    profile.save()
    today = today_is(day("2026-10-04"))

    _run(today, django_capture_on_commit_callbacks)
    _run(today, django_capture_on_commit_callbacks)

    assert _made(standing) == []
    misses = StandingOrderMiss.objects.filter(standing_order=standing).order_by("delivery_date")
    assert [miss.delivery_date for miss in misses] == [day("2026-10-08"), day("2026-10-10")]
    assert "该合作社已暂停销售" in misses[0].reason
    assert len(mailoutbox) == 2
    assert {tuple(mail.to) for mail in mailoutbox} == {("buyer@example.cn",)}
    assert "未能生成" in mailoutbox[0].subject and "该合作社已暂停销售" in mailoutbox[0].body

    # Once the cooperative sells again, the next run orders those dates and forgets the misses.
    profile.status = CooperativeStatus.ACTIVE
    profile.save()
    _run(today, django_capture_on_commit_callbacks)
    assert _made(standing) == [day("2026-10-08"), day("2026-10-10")]
    assert not StandingOrderMiss.objects.filter(standing_order=standing).exists()


def test_a_creator_who_is_no_longer_a_buyer_orders_nothing_and_why_is_recorded(
    world, standing, today_is, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=world.buyer, organisation=world.canteen).update(roles=["receiver"])

    _run(today_is(day("2026-10-04")), django_capture_on_commit_callbacks)

    assert _made(standing) == []
    assert "采购员" in StandingOrderMiss.objects.filter(standing_order=standing).first().reason


def test_a_suspended_organisation_orders_nothing(
    world, standing, today_is, django_capture_on_commit_callbacks
):
    type(world.canteen).objects.filter(pk=world.canteen.pk).update(status="suspended")

    _run(today_is(day("2026-10-04")), django_capture_on_commit_callbacks)

    assert _made(standing) == []
    assert "认证" in StandingOrderMiss.objects.filter(standing_order=standing).first().reason


def test_dates_of_a_year_without_holiday_data_are_reported_to_operators_once_a_day(
    world, standing, today_is, mailoutbox, eager_celery, django_capture_on_commit_callbacks
):
    operator = get_user_model().objects.create_user("operator@example.cn", "secret-pass-123")
    operator.is_staff = True
    operator.save()
    today = today_is(day("2026-12-28"))

    result = _run(today, django_capture_on_commit_callbacks)
    _run(today, django_capture_on_commit_callbacks)

    # Thursday 31 December 2026 is known and ordered; Monday 4 January 2027 is not guessed at.
    assert _made(standing) == [day("2026-12-31")]
    assert [date for _order, date in result.needs_data] == [day("2027-01-04")]
    warnings = [mail for mail in mailoutbox if mail.to == ["operator@example.cn"]]
    assert len(warnings) == 1
    assert "2027" in warnings[0].subject and "2027-01-04" in warnings[0].body


def test_the_beat_task_runs_the_standing_orders(
    world, standing, today_is, eager_celery, django_capture_on_commit_callbacks
):
    today_is(day("2026-10-04"))

    with django_capture_on_commit_callbacks(execute=True):
        assert standing_orders_run_task.delay().get() == 2

    assert _made(standing) == [day("2026-10-08"), day("2026-10-10")]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_make_one_order_per_date(world, standing, today_is):
    today = today_is(day("2026-10-04"))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(standing_orders_run(today=today))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert _made(standing) == [day("2026-10-08"), day("2026-10-10")]
    assert sorted(len(result.created) for result in results) == [0, 2]


def test_a_standing_order_without_a_creator_is_recorded_not_crashed(
    world, standing, today_is, django_capture_on_commit_callbacks
):
    StandingOrder.objects.filter(pk=standing.pk).update(created_by=None)

    _run(today_is(day("2026-10-04")), django_capture_on_commit_callbacks)

    assert _made(standing) == []
    assert "没有下单人" in StandingOrderMiss.objects.filter(standing_order=standing).first().reason
