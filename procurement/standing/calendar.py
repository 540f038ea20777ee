"""The working-day calendar of mainland China that standing orders deliver by.

Two sources, the operator's first:

* ``HolidayOverride`` rows (edited by operators in /django-admin/): a date that is a public holiday
  or a make-up working day (调休上班). An override always wins over the package.
* the ``chinese_calendar`` package (official State Council notices; its data ends with 2026).

A year the package has no data for and the operator has entered no override for is *unknown*:
its dates are ``DayKind.NEEDS_DATA``, never assumed to be ordinary weeks, because the holidays of
a year (and their 调休 weekends) are only published each November. Once an operator enters any
override for such a year, that year is taken as entered in full: dates without an override are
ordinary weekdays and weekends.

Which days a standing order delivers on (:func:`delivery_day`):

* a chosen weekday (周一 … 周日) that is a public holiday: no delivery (the canteen is closed);
* a chosen weekday that is not a holiday: delivery, a Saturday or Sunday included (hospital
  canteens open every day);
* a make-up working day (a Saturday or Sunday worked in exchange for a longer holiday): delivery
  if its weekday is chosen, and also otherwise when the standing order asks for
  ``include_makeup_workdays`` (调休上班日也送货), because the canteen is open that day;
* a date the buyer blocked (``StandingOrderSkip``): no delivery, whatever the calendar says.
"""

import datetime
from dataclasses import dataclass

import chinese_calendar
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.models import HolidayOverride


class DayKind:
    WORKDAY = "workday"
    REST_DAY = "rest_day"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"
    NEEDS_DATA = "needs_data"


#: Chinese names of the holidays as ``chinese_calendar`` spells them (its ``Holiday`` enum values).
HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("元旦"),
    "Spring Festival": gettext_lazy("春节"),
    "Tomb-sweeping Day": gettext_lazy("清明节"),
    "Labour Day": gettext_lazy("劳动节"),
    "Dragon Boat Festival": gettext_lazy("端午节"),
    "National Day": gettext_lazy("国庆节"),
    "Mid-autumn Festival": gettext_lazy("中秋节"),
    "Anti-Fascist 70th Day": gettext_lazy("抗战胜利纪念日"),
}

WEEKDAY_NAMES = {
    1: gettext_lazy("周一"),
    2: gettext_lazy("周二"),
    3: gettext_lazy("周三"),
    4: gettext_lazy("周四"),
    5: gettext_lazy("周五"),
    6: gettext_lazy("周六"),
    7: gettext_lazy("周日"),
}


@dataclass(frozen=True)
class Day:
    date: datetime.date
    kind: str
    #: The holiday's Chinese name (国庆节 …) for holidays and make-up working days, when known.
    name: str = ""

    @property
    def is_weekend(self):
        return self.date.isoweekday() >= 6


class WorkCalendar:
    """Answers for a range of dates in a fixed number of queries: load once, ask many times.

    ``WorkCalendar(start, end)`` reads the overrides of the years from ``start`` to ``end`` in one
    query; a date outside those years is answered as if it had no override."""

    def __init__(self, start, end):
        years = range(start.year, end.year + 1)
        overrides = HolidayOverride.objects.filter(date__year__in=list(years))
        self.overrides = {override.date: override for override in overrides}
        self.override_years = {date.year for date in self.overrides}

    def day(self, date):
        """The ``Day`` of ``date``: what kind of day it is and the holiday's name."""
        weekend = date.isoweekday() >= 6
        override = self.overrides.get(date)
        if override is not None:
            if override.is_workday:
                return Day(date, DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY, override.name)
            return Day(date, DayKind.HOLIDAY, override.name or _("节假日"))
        try:
            on_holiday, english_name = chinese_calendar.get_holiday_detail(date)
        except NotImplementedError:
            if date.year in self.override_years:
                return Day(date, DayKind.REST_DAY if weekend else DayKind.WORKDAY)
            return Day(date, DayKind.NEEDS_DATA)
        name = str(HOLIDAY_NAMES.get(english_name, english_name or ""))
        if on_holiday:
            # The package names a weekend only when it falls inside a holiday.
            return Day(date, DayKind.HOLIDAY if english_name else DayKind.REST_DAY, name)
        return Day(date, DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY, name)


@dataclass(frozen=True)
class ScheduledDate:
    """A date a standing order's schedule names, and whether it delivers then."""

    date: datetime.date
    #: ``deliver``, ``skipped`` (a holiday or a blocked date) or ``needs_data``.
    status: str
    reason: str = ""

    DELIVER = "deliver"
    SKIPPED = "skipped"
    NEEDS_DATA = "needs_data"

    @property
    def weekday_name(self):
        return WEEKDAY_NAMES[self.date.isoweekday()]


def delivery_day(day, *, weekdays, include_makeup_workdays, blocked):
    """The ``ScheduledDate`` of ``day`` for a schedule of ISO ``weekdays``, or None when the
    schedule does not name it at all. ``blocked`` is the set of dates the buyer blocked."""
    chosen = day.date.isoweekday() in weekdays
    makeup = day.kind == DayKind.MAKEUP_WORKDAY and include_makeup_workdays
    if not (chosen or makeup):
        return None
    if day.date in blocked:
        return ScheduledDate(day.date, ScheduledDate.SKIPPED, _("本单位设为不送货"))
    if day.kind == DayKind.NEEDS_DATA:
        return ScheduledDate(
            day.date,
            ScheduledDate.NEEDS_DATA,
            _("%(year)s 年节假日安排尚未录入，暂不生成采购单") % {"year": day.date.year},
        )
    if day.kind == DayKind.HOLIDAY:
        return ScheduledDate(day.date, ScheduledDate.SKIPPED, _("%(name)s放假") % {"name": day.name})
    if day.kind == DayKind.MAKEUP_WORKDAY:
        reason = _("%(name)s调休上班") % {"name": day.name} if day.name else _("调休上班")
        return ScheduledDate(day.date, ScheduledDate.DELIVER, reason)
    return ScheduledDate(day.date, ScheduledDate.DELIVER)


def schedule_dates(*, weekdays, include_makeup_workdays, blocked, start, end):
    """Every ``ScheduledDate`` from ``start`` to ``end`` (both included), in date order."""
    calendar = WorkCalendar(start, end)
    dates = []
    date = start
    while date <= end:
        scheduled = delivery_day(
            calendar.day(date),
            weekdays=weekdays,
            include_makeup_workdays=include_makeup_workdays,
            blocked=blocked,
        )
        if scheduled is not None:
            dates.append(scheduled)
        date += datetime.timedelta(days=1)
    return dates
