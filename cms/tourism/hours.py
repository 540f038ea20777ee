"""Whether an attraction is open, computed in Beijing time from its weekly opening hours and
its dated exceptions (closed for 春节, longer hours on a festival day).

Pure functions over frozen values, so the boundary minutes can be tested without a database;
the page model turns its rows into these values (``AttractionPage.opening_week``).
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

BEIJING = ZoneInfo("Asia/Shanghai")

#: How far ahead the next opening is looked for; an attraction closed longer says no date.
LOOKAHEAD_DAYS = 60


@dataclass(frozen=True)
class Interval:
    """Open from ``opens`` (included) to ``closes`` (excluded), within one day."""

    opens: dt.time
    closes: dt.time

    def __str__(self):
        return f"{_clock(self.opens)}–{_clock(self.closes)}"


@dataclass(frozen=True)
class DayException:
    """A date whose hours differ from the week's: closed (no intervals) or special hours."""

    intervals: tuple = ()
    note: str = ""


@dataclass(frozen=True)
class OpeningWeek:
    """``weekly[weekday]`` (Monday 0) -> intervals; a weekday missing is a closed day.
    ``exceptions[date]`` overrides the week on that date."""

    weekly: dict
    exceptions: dict

    @property
    def is_known(self):
        return bool(self.weekly or self.exceptions)

    def intervals_on(self, day):
        exception = self.exceptions.get(day)
        if exception is not None:
            return exception.intervals
        return tuple(sorted(self.weekly.get(day.weekday(), ()), key=lambda interval: interval.opens))

    def note_on(self, day):
        exception = self.exceptions.get(day)
        return exception.note if exception is not None else ""


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    today: tuple  # today's intervals, empty when closed all day
    note: str  # the exception's note for today, e.g. 春节闭园
    next_opening: dt.datetime | None  # when closed: the next opening (Beijing time), if any soon

    @property
    def today_label(self):
        return "、".join(str(interval) for interval in self.today)


def opening_status(week, at):
    """Open or closed at the aware datetime ``at``, today's hours and, when closed, the next
    opening within ``LOOKAHEAD_DAYS``; all in Beijing time whatever ``at``'s zone."""
    now = at.astimezone(BEIJING)
    today = now.date()
    intervals = week.intervals_on(today)
    is_open = any(interval.opens <= now.time() < interval.closes for interval in intervals)
    return OpeningStatus(
        is_open=is_open,
        today=intervals,
        note=week.note_on(today),
        next_opening=None if is_open else next_opening(week, now),
    )


def next_opening(week, at):
    """The first opening time after ``at`` (Beijing time), or None within ``LOOKAHEAD_DAYS``."""
    now = at.astimezone(BEIJING)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = now.date() + dt.timedelta(days=offset)
        for interval in week.intervals_on(day):
            start = dt.datetime.combine(day, interval.opens, tzinfo=BEIJING)
            if start > now:
                return start
    return None


def describe_opening(moment, now):
    """``moment`` as a visitor reads it from ``now``: 今天 13:30, 明天 8:30, or 10月3日（周五）8:30."""
    moment, now = moment.astimezone(BEIJING), now.astimezone(BEIJING)
    days = (moment.date() - now.date()).days
    clock = _clock(moment.time())
    if days == 0:
        return _("今天 %(time)s") % {"time": clock}
    if days == 1:
        return _("明天 %(time)s") % {"time": clock}
    weekdays = [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")]
    return _("%(month)s月%(day)s日（%(weekday)s）%(time)s") % {
        "month": moment.month,
        "day": moment.day,
        "weekday": weekdays[moment.weekday()],
        "time": clock,
    }


def _clock(value):
    # 8:30, not 08:30: how opening hours are written on a gate in China.
    return f"{value.hour}:{value.minute:02d}"
