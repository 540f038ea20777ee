"""Occurrence rules: RRULE expansion and its bounds, lunar dates (checked against dates known
from the published 农历 calendars), in Beijing time."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.events.occurrences import lunar_dates, lunar_label, rule_starts

from .conftest import beijing

TODAY = datetime.date(2026, 12, 2)


def test_every_saturday_in_april_for_three_years():
    starts = rule_starts("FREQ=YEARLY;BYMONTH=4;BYDAY=SA;UNTIL=20290430", beijing(2027, 4, 3, 8, 30))
    assert [s.date() for s in starts[:5]] == [
        datetime.date(2027, 4, 3),
        datetime.date(2027, 4, 10),
        datetime.date(2027, 4, 17),
        datetime.date(2027, 4, 24),
        datetime.date(2028, 4, 1),
    ]
    assert len(starts) == 13  # 4 in 2027, 5 in 2028, 4 in 2029
    assert all(s.weekday() == 5 and (s.hour, s.minute) == (8, 30) for s in starts)
    assert str(starts[0].tzinfo) == "Asia/Shanghai"


def test_a_date_only_until_includes_that_day():
    # 2027-04-24 is a Saturday: "until the 24th" reads as including it.
    starts = rule_starts("RRULE:FREQ=WEEKLY;BYDAY=SA;UNTIL=20270424", beijing(2027, 4, 3, 8, 30))
    assert starts[-1] == beijing(2027, 4, 24, 8, 30)


def test_first_saturday_of_october_every_year():
    starts = rule_starts("FREQ=YEARLY;BYMONTH=10;BYDAY=1SA;COUNT=3", beijing(2027, 10, 2, 9))
    assert [s.date() for s in starts] == [
        datetime.date(2027, 10, 2),
        datetime.date(2028, 10, 7),
        datetime.date(2029, 10, 6),
    ]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=WEEKLY;BYDAY=SU", "必须写明何时结束"),
        ("FREQ=DAILY;COUNT=501", "最多 500 次"),
        ("FREQ=YEARLY;COUNT=7", "最长 5 年"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "排不出任何日期"),
        ("FREQ=SOMETIMES;COUNT=3", "无法识别"),
        ("DTSTART:20270101T000000\nRRULE:FREQ=DAILY;COUNT=2", "只填写一条"),
    ],
)
def test_bad_rules_are_refused_with_a_chinese_message(rule, message):
    with pytest.raises(ValidationError) as refused:
        rule_starts(rule, beijing(2027, 4, 3, 8, 30))
    assert message in refused.value.messages[0]


def test_the_fourth_month_twenty_sixth_for_three_years():
    # 炎帝故里寻根节: 农历四月廿六 fell on 2027-05-31, 2028-05-20 and 2029-06-07.
    dates = dict(lunar_dates(4, 26, False, today=TODAY))
    assert dates[2027] == datetime.date(2027, 5, 31)
    assert dates[2028] == datetime.date(2028, 5, 20)
    assert dates[2029] == datetime.date(2029, 6, 7)
    assert lunar_label(datetime.date(2028, 5, 20)) == "农历四月廿六"


def test_a_leap_month_is_used_only_in_the_years_that_have_it():
    # 2028 has a 闰五月; none of 2025-2027 or 2029-2030 has one.
    assert lunar_dates(5, 10, True, today=TODAY) == [(2028, datetime.date(2028, 7, 2))]
    assert lunar_label(datetime.date(2028, 7, 2)) == "农历闰五月初十"


def test_a_leap_month_no_coming_year_has_is_refused():
    with pytest.raises(ValidationError) as refused:
        lunar_dates(4, 26, True, today=TODAY)
    assert "没有闰四月廿六" in refused.value.messages[0]
