"""Reads of standing orders: who may open which, and the dates a standing order delivers on."""

import datetime

from django.utils import timezone

from procurement.models import StandingOrder
from procurement.selectors import organisations_for

from .calendar import ScheduledDate, schedule_dates

#: How far ahead the page looks for the next delivery dates (a schedule of one weekday with
#: every date blocked would otherwise look forever).
NEXT_DATES_HORIZON_DAYS = 120


def standing_orders_for(user, organisation):
    """Standing orders of ``organisation`` that ``user`` may open (a member of it, or an operator)."""
    return StandingOrder.objects.filter(
        organisation__in=organisations_for(user), organisation=organisation
    ).select_related("delivery_address", "created_by", "organisation")


def standing_order_schedule(standing_order, *, start, end):
    """The ``ScheduledDate`` of every date from ``start`` to ``end`` that ``standing_order``'s
    weekly schedule names: delivered, skipped (a holiday or a blocked date, with the reason) or
    needing holiday data."""
    blocked = set(standing_order.skips.filter(date__gte=start, date__lte=end).values_list("date", flat=True))
    return schedule_dates(
        weekdays=set(standing_order.weekdays),
        include_makeup_workdays=standing_order.include_makeup_workdays,
        blocked=blocked,
        start=start,
        end=end,
    )


def standing_order_next_dates(standing_order, *, count=10, today=None):
    """The next ``count`` dates after ``today`` that ``standing_order`` delivers on (or would,
    once the holiday data of their year is entered), with the skipped dates between them, and
    the purchase order already made for a date as ``purchase_order`` (or None)."""
    today = today or timezone.localdate()
    start = today + datetime.timedelta(days=1)
    dates = standing_order_schedule(
        standing_order, start=start, end=today + datetime.timedelta(days=NEXT_DATES_HORIZON_DAYS)
    )
    shown, counted = [], 0
    for scheduled in dates:
        if counted == count:
            break
        shown.append(scheduled)
        if scheduled.status != ScheduledDate.SKIPPED:
            counted += 1
    made = {
        order.delivery_date: order
        for order in standing_order.purchase_orders.filter(delivery_date__gte=start)
    }
    misses = {miss.delivery_date: miss for miss in standing_order.misses.filter(delivery_date__gte=start)}
    return [
        {"date": scheduled, "purchase_order": made.get(scheduled.date), "miss": misses.get(scheduled.date)}
        for scheduled in shown
    ]
