"""When a festival happens: its three kinds of dates turned into dated occurrences in Beijing time.

- explicit date-time ranges, typed by the editor;
- a recurrence (an RFC 5545 RRULE) from a first start, expanded with python-dateutil;
- a yearly date of the lunar calendar (e.g. 农历四月廿六), converted with tyme4py.

Everything here is pure: no database, so the page's validation, the occurrence table and the ICS
all read the same rules. Invalid rules raise ``ValidationError`` with a message for the editor.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from tyme4py.lunar import LunarDay, LunarMonth
from tyme4py.solar import SolarDay

from .constants import OccurrenceSource

#: A recurrence may span at most this many years from its first start …
RULE_MAX_YEARS = 5
#: … and yield at most this many occurrences (the issue's bound; an ICS client copes with it).
RULE_MAX_OCCURRENCES = 500
#: A lunar date is materialised for last year (so the past tab has it) and this many coming years.
LUNAR_COMING_YEARS = 5


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence. ``key`` names the VEVENT it belongs to in the ICS (its UID): all
    occurrences of a recurrence share one key, every explicit or lunar date has its own."""

    start: datetime.datetime
    end: datetime.datetime
    source: str
    key: str


def hours(value):
    """A duration in hours (a ``Decimal`` field, e.g. 1.5) as a ``timedelta``."""
    return datetime.timedelta(minutes=int(Decimal(value) * 60))


def _local_naive(moment):
    return timezone.localtime(moment).replace(tzinfo=None)


def _aware(naive):
    return timezone.make_aware(naive)


# --- Recurrence -----------------------------------------------------------------------------


def rule_text_normalise(text):
    """The RRULE value an editor typed, without a leading ``RRULE:`` and with a date-only UNTIL
    made inclusive (``UNTIL=20270430`` reads to people as "up to and including 30 April", while
    RFC 5545 means midnight at its start)."""
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return re.sub(r"(?i)\bUNTIL=(\d{8})(?=;|$)", r"UNTIL=\1T235959", text.upper())


def rule_starts(text, first_start):
    """The aware start times of the recurrence ``text`` from ``first_start``, all of them.

    Raises ``ValidationError`` when the rule cannot be read, never ends (neither COUNT nor
    UNTIL), spans more than ``RULE_MAX_YEARS`` years or ``RULE_MAX_OCCURRENCES`` occurrences,
    or yields nothing."""
    text = rule_text_normalise(text)
    example = "FREQ=WEEKLY;BYDAY=SA;BYMONTH=4;UNTIL=20280430"
    if not text or "\n" in text or ":" in text:
        raise ValidationError(_("请只填写一条重复规则，例如 %(example)s。") % {"example": example})
    names = {part.split("=", 1)[0] for part in text.split(";") if part}
    if not names & {"COUNT", "UNTIL"}:
        raise ValidationError(
            _("重复规则必须写明何时结束：加上 COUNT=次数 或 UNTIL=日期（最长 %(years)s 年、%(count)s 次）。")
            % {"years": RULE_MAX_YEARS, "count": RULE_MAX_OCCURRENCES}
        )
    local_start = _local_naive(first_start)
    try:
        rule = rrulestr(text, dtstart=local_start)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("无法识别这条重复规则（%(error)s），请参照 %(example)s 填写。")
            % {"error": error, "example": example}
        ) from error
    limit = local_start + relativedelta(years=RULE_MAX_YEARS)
    starts = []
    for start in rule:
        if start > limit:
            raise ValidationError(
                _("重复规则最长 %(years)s 年：这条规则排到了 %(date)s 之后。")
                % {"years": RULE_MAX_YEARS, "date": f"{limit:%Y-%m-%d}"}
            )
        if len(starts) == RULE_MAX_OCCURRENCES:
            raise ValidationError(
                _("重复规则最多 %(count)s 次，请减少次数或缩短期限。") % {"count": RULE_MAX_OCCURRENCES}
            )
        starts.append(_aware(start))
    if not starts:
        raise ValidationError(_("这条重复规则排不出任何日期，请检查月份、星期和结束日期。"))
    return starts


def rule_occurrences(text, first_start, duration):
    return [
        Occurrence(start, start + duration, OccurrenceSource.RULE, "rule")
        for start in rule_starts(text, first_start)
    ]


# --- Lunar calendar -------------------------------------------------------------------------


def lunar_month_name(month, leap=False):
    """``四月`` or ``闰四月``: the names of GB/T 33661-2017, as tyme4py writes them."""
    return ("闰" if leap else "") + LunarMonth.NAMES[month - 1]


def lunar_day_name(day):
    return LunarDay.NAMES[day - 1]


def lunar_label(day):
    """The lunar date of the Gregorian ``day``, e.g. ``农历四月廿六``."""
    lunar = SolarDay.from_ymd(day.year, day.month, day.day).get_lunar_day()
    return _("农历%(date)s") % {"date": lunar.get_lunar_month().get_name() + lunar.get_name()}


def lunar_to_solar(lunar_year, month, day, leap=False):
    """The Gregorian date of lunar ``month``/``day`` of ``lunar_year``, or ``None`` when that
    year has no such day (no leap month ``month``, or a 29-day month asked for its 三十)."""
    try:
        solar = LunarDay.from_ymd(lunar_year, -month if leap else month, day).get_solar_day()
    except ValueError:
        return None
    return datetime.date(solar.get_year(), solar.get_month(), solar.get_day())


def lunar_dates(month, day, leap, *, today):
    """(lunar year, Gregorian date) of the lunar date in last year and the coming
    ``LUNAR_COMING_YEARS`` years, skipping years without it.

    Raises ``ValidationError`` when none of the coming years has it."""
    this_year = SolarDay.from_ymd(today.year, today.month, today.day).get_lunar_day().get_year()
    dates = [
        (year, solar)
        for year in range(this_year - 1, this_year + LUNAR_COMING_YEARS)
        if (solar := lunar_to_solar(year, month, day, leap)) is not None
    ]
    if not any(year >= this_year for year, _solar in dates):
        raise ValidationError(
            _("农历%(years)s年间没有%(date)s，请检查闰月和日期。")
            % {
                "years": f"{this_year}–{this_year + LUNAR_COMING_YEARS - 1}",
                "date": lunar_month_name(month, leap) + lunar_day_name(day),
            }
        )
    return dates


def lunar_occurrences(month, day, leap, start_time, duration, *, today):
    occurrences = []
    for year, solar in lunar_dates(month, day, leap, today=today):
        start = _aware(datetime.datetime.combine(solar, start_time))
        occurrences.append(Occurrence(start, start + duration, OccurrenceSource.LUNAR, f"lunar-{year}"))
    return occurrences
