"""How festival dates read on a page: ``2027年5月31日（周一）09:00–17:00`` and ``农历四月廿六``.
The filters take anything with ``start``, ``end`` and ``source`` (an occurrence row, or a card's
``shown_*`` annotations through ``event_shown``)."""

from types import SimpleNamespace

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..constants import OccurrenceSource
from ..occurrences import lunar_label

register = template.Library()


def _weekday(day):
    return [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")][day.weekday()]


def _day(moment, *, with_year):
    text = date_format(moment, _("Y年n月j日") if with_year else _("n月j日"))
    return f"{text}（{_weekday(moment)}）"


@register.filter
def event_shown(card):
    """A card's shown occurrence (``shown_start``/``shown_end``/``shown_source``), or ``None``."""
    if getattr(card, "shown_start", None) is None:
        return None
    return SimpleNamespace(start=card.shown_start, end=card.shown_end, source=card.shown_source)


@register.filter
def event_when(occurrence):
    """The date and time range of ``occurrence`` in Beijing time."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    if start.date() == end.date():
        return f"{_day(start, with_year=True)} {start:%H:%M}–{end:%H:%M}"
    until = _day(end, with_year=end.year != start.year)
    return f"{_day(start, with_year=True)} {start:%H:%M} – {until} {end:%H:%M}"


@register.filter
def event_lunar(occurrence):
    """``农历四月廿六`` for an occurrence fixed to the lunar calendar, else nothing."""
    if occurrence is None or occurrence.source != OccurrenceSource.LUNAR:
        return ""
    return lunar_label(timezone.localtime(occurrence.start).date())


@register.filter
def event_time(occurrence):
    """``09:00–17:00`` (the calendar's cells already say the day)."""
    return f"{timezone.localtime(occurrence.start):%H:%M}–{timezone.localtime(occurrence.end):%H:%M}"
