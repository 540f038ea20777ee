"""The working-day calendar over 2026's Mid-Autumn and National Day holidays (the package's
official data: 中秋节 25–27 September, 国庆节 1–7 October, 调休上班 Sunday 20 September and
Saturday 10 October), the operator's overrides, and a year nobody has data for yet."""

import pytest

from procurement.models import HolidayOverride
from procurement.standing.calendar import DayKind, ScheduledDate, WorkCalendar, schedule_dates

from .conftest import day

pytestmark = pytest.mark.django_db


def _schedule(weekdays, start, end, *, makeup=False, blocked=()):
    return [
        (scheduled.date.isoformat(), scheduled.status, scheduled.reason)
        for scheduled in schedule_dates(
            weekdays=set(weekdays),
            include_makeup_workdays=makeup,
            blocked={day(date) for date in blocked},
            start=day(start),
            end=day(end),
        )
    ]


def test_monday_and_thursday_over_the_national_day_week_skip_the_holidays():
    assert _schedule([1, 4], "2026-09-21", "2026-10-15") == [
        ("2026-09-21", ScheduledDate.DELIVER, ""),
        ("2026-09-24", ScheduledDate.DELIVER, ""),
        ("2026-09-28", ScheduledDate.DELIVER, ""),
        ("2026-10-01", ScheduledDate.SKIPPED, "国庆节放假"),
        ("2026-10-05", ScheduledDate.SKIPPED, "国庆节放假"),
        ("2026-10-08", ScheduledDate.DELIVER, ""),
        ("2026-10-12", ScheduledDate.DELIVER, ""),
        ("2026-10-15", ScheduledDate.DELIVER, ""),
    ]


def test_the_makeup_saturday_is_a_delivery_day_when_asked_for():
    dates = _schedule([1, 4], "2026-09-19", "2026-10-12", makeup=True)

    assert ("2026-09-20", ScheduledDate.DELIVER, "国庆节调休上班") in dates
    assert ("2026-10-10", ScheduledDate.DELIVER, "国庆节调休上班") in dates
    # The Mid-Autumn Saturday and Sunday are holidays, not make-up days.
    assert not [date for date, _status, _reason in dates if date in {"2026-09-26", "2026-09-27"}]


def test_a_chosen_saturday_is_skipped_on_the_holiday_and_kept_on_the_makeup_day():
    assert _schedule([6], "2026-09-26", "2026-10-17") == [
        ("2026-09-26", ScheduledDate.SKIPPED, "中秋节放假"),
        ("2026-10-03", ScheduledDate.SKIPPED, "国庆节放假"),
        ("2026-10-10", ScheduledDate.DELIVER, "国庆节调休上班"),
        ("2026-10-17", ScheduledDate.DELIVER, ""),
    ]


def test_a_blocked_date_is_skipped_with_its_reason():
    dates = _schedule([1, 4], "2026-10-08", "2026-10-12", blocked=["2026-10-08"])

    assert dates == [
        ("2026-10-08", ScheduledDate.SKIPPED, "本单位设为不送货"),
        ("2026-10-12", ScheduledDate.DELIVER, ""),
    ]


def test_a_year_without_data_needs_data_and_is_not_taken_for_ordinary_weeks():
    calendar = WorkCalendar(day("2026-12-28"), day("2027-01-08"))

    assert calendar.day(day("2026-12-31")).kind == DayKind.WORKDAY
    assert calendar.day(day("2027-01-01")).kind == DayKind.NEEDS_DATA
    assert calendar.day(day("2027-01-04")).kind == DayKind.NEEDS_DATA
    dates = _schedule([1, 4], "2026-12-28", "2027-01-04")
    assert dates[-2:] == [
        ("2026-12-31", ScheduledDate.DELIVER, ""),
        ("2027-01-04", ScheduledDate.NEEDS_DATA, "2027 年节假日安排尚未录入，暂不生成采购单"),
    ]


def test_an_operators_override_wins_over_the_package():
    HolidayOverride.objects.create(date=day("2026-10-08"), is_workday=False, name="停水检修")
    HolidayOverride.objects.create(date=day("2026-10-05"), is_workday=True, name="国庆节")

    assert _schedule([1, 4], "2026-10-05", "2026-10-08") == [
        ("2026-10-05", ScheduledDate.DELIVER, ""),
        ("2026-10-08", ScheduledDate.SKIPPED, "停水检修放假"),
    ]


def test_a_year_the_operator_entered_is_known_from_its_overrides():
    HolidayOverride.objects.create(date=day("2027-01-01"), is_workday=False, name="元旦")
    HolidayOverride.objects.create(date=day("2027-02-20"), is_workday=True, name="春节")

    calendar = WorkCalendar(day("2027-01-01"), day("2027-02-28"))

    assert calendar.day(day("2027-01-01")).kind == DayKind.HOLIDAY
    assert calendar.day(day("2027-01-04")).kind == DayKind.WORKDAY
    assert calendar.day(day("2027-01-09")).kind == DayKind.REST_DAY
    assert calendar.day(day("2027-02-20")).kind == DayKind.MAKEUP_WORKDAY
