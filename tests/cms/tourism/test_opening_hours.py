"""今日开放 / 已闭园 in Beijing time, at the boundary minutes and on an exception date."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cms.tourism.hours import BEIJING, DayException, Interval, OpeningWeek, describe_opening, opening_status

UTC = ZoneInfo("UTC")
DAY = Interval(dt.time(8, 30), dt.time(17, 30))
#: Tuesday to Sunday 8:30–17:30; Mondays closed. 2027-02-05 (除夕) closed, 2027-02-06 special hours.
WEEK = OpeningWeek(
    weekly={day: (DAY,) for day in range(1, 7)},
    exceptions={
        dt.date(2027, 2, 5): DayException(note="除夕闭园"),
        dt.date(2027, 2, 6): DayException(
            intervals=(Interval(dt.time(10, 0), dt.time(16, 0)),), note="春节延时"
        ),
    },
)


def beijing(*args):
    return dt.datetime(*args, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("at", "is_open"),
    [
        (beijing(2026, 12, 1, 8, 29), False),  # a Tuesday, one minute before opening
        (beijing(2026, 12, 1, 8, 30), True),  # the opening minute
        (beijing(2026, 12, 1, 17, 29), True),
        (beijing(2026, 12, 1, 17, 30), False),  # the closing minute is closed
    ],
)
def test_open_from_the_opening_minute_until_the_closing_minute(at, is_open):
    status = opening_status(WEEK, at)

    assert status.is_open is is_open
    assert status.today_label == "8:30–17:30"


def test_the_status_is_computed_in_beijing_time_whatever_the_zone_of_the_clock():
    # 00:30 UTC is 8:30 in Beijing: open, although it is night in UTC.
    assert opening_status(WEEK, dt.datetime(2026, 12, 1, 0, 30, tzinfo=UTC)).is_open
    # 09:31 UTC on Tuesday is 17:31 in Beijing: closed, next opening Wednesday 8:30.
    status = opening_status(WEEK, dt.datetime(2026, 12, 1, 9, 31, tzinfo=UTC))
    assert not status.is_open
    assert status.next_opening == beijing(2026, 12, 2, 8, 30)


def test_a_weekday_without_hours_is_closed_and_says_when_it_opens_next():
    monday_noon = beijing(2026, 11, 30, 12, 0)

    status = opening_status(WEEK, monday_noon)

    assert not status.is_open
    assert status.today == ()
    assert status.next_opening == beijing(2026, 12, 1, 8, 30)
    assert describe_opening(status.next_opening, monday_noon) == "明天 8:30"


def test_before_opening_the_next_opening_is_today():
    at = beijing(2026, 12, 1, 7, 0)
    status = opening_status(WEEK, at)

    assert describe_opening(status.next_opening, at) == "今天 8:30"


def test_a_closed_exception_date_overrides_the_week():
    # 2027-02-05 is a Friday, normally open.
    status = opening_status(WEEK, beijing(2027, 2, 5, 10, 0))

    assert not status.is_open
    assert status.note == "除夕闭园"
    # The next day has special hours: 10:00, not the usual 8:30.
    assert status.next_opening == beijing(2027, 2, 6, 10, 0)


@pytest.mark.parametrize(
    ("minute", "is_open"),
    [((9, 59), False), ((10, 0), True), ((15, 59), True), ((16, 0), False)],
)
def test_special_hours_on_an_exception_date_have_their_own_boundaries(minute, is_open):
    status = opening_status(WEEK, beijing(2027, 2, 6, *minute))

    assert status.is_open is is_open
    assert status.today_label == "10:00–16:00"
    assert status.note == "春节延时"


def test_a_lunch_break_is_closed_and_the_afternoon_is_the_next_opening():
    week = OpeningWeek(
        weekly={1: (Interval(dt.time(13, 30), dt.time(17, 0)), Interval(dt.time(9, 0), dt.time(12, 0)))},
        exceptions={},
    )
    at = beijing(2026, 12, 1, 12, 0)

    status = opening_status(week, at)

    assert not status.is_open
    assert status.today_label == "9:00–12:00、13:30–17:00"
    assert status.next_opening == beijing(2026, 12, 1, 13, 30)


def test_a_date_further_than_tomorrow_is_written_with_its_weekday():
    at = beijing(2026, 12, 4, 18, 0)  # Friday evening
    week = OpeningWeek(weekly={0: (DAY,)}, exceptions={})

    assert describe_opening(opening_status(week, at).next_opening, at) == "12月7日（周一）8:30"


def test_an_attraction_closed_for_longer_than_the_lookahead_gives_no_next_opening():
    assert (
        opening_status(OpeningWeek(weekly={}, exceptions={}), beijing(2026, 12, 1, 9, 0)).next_opening is None
    )
