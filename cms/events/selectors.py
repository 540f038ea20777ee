"""Read-side queries of festivals, all over the ``EventOccurrence`` table and each a fixed
number of queries whatever the number of events or occurrences.

"Upcoming" means not yet ended: an occurrence is upcoming while ``now < end`` and past from the
minute it ends, so a festival under way is still listed under 即将举办.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from .models import EventIndexPage, EventOccurrence, EventPage, EventPageProduct

UPCOMING, PAST = "upcoming", "past"


def live_events():
    """Events a visitor may see: live, and not under a view restriction."""
    return EventPage.objects.live().public()


def _occurrences_of_outer_page():
    return EventOccurrence.objects.filter(page=OuterRef("pk"))


def _month_range(first_day):
    """The aware [start, end) of the month beginning on ``first_day``, in Beijing time."""
    following = (first_day + datetime.timedelta(days=32)).replace(day=1)
    return (
        timezone.make_aware(datetime.datetime.combine(first_day, datetime.time())),
        timezone.make_aware(datetime.datetime.combine(following, datetime.time())),
    )


def _with_shown_occurrence(events, occurrences, ordering):
    """Keeps the events with one of ``occurrences`` and annotates the first of them in
    ``ordering`` as ``shown_start``, ``shown_end`` and ``shown_source`` (the date a card shows)."""
    first = occurrences.order_by(*ordering)
    return events.filter(Exists(occurrences)).annotate(
        shown_start=Subquery(first.values("start")[:1]),
        shown_end=Subquery(first.values("end")[:1]),
        shown_source=Subquery(first.values("source")[:1]),
    )


def event_list(*, index, when=UPCOMING, month=None, town="", now=None):
    """The events under ``index`` for one tab of the index: upcoming ones by their next
    occurrence, soonest first; past ones by their last ended occurrence, latest first.
    ``month`` (a first day) keeps the events with an occurrence in that month and shows that one;
    ``town`` keeps the events held there."""
    now = now or timezone.now()
    occurrences = _occurrences_of_outer_page()
    if month is not None:
        month_start, month_end = _month_range(month)
        occurrences = occurrences.filter(start__lt=month_end, end__gt=month_start)
    if when == PAST:
        occurrences, ordering = occurrences.filter(end__lte=now), ("-end", "-start")
    else:
        occurrences, ordering = occurrences.filter(end__gt=now), ("start", "end")
    events = live_events().child_of(index)
    if town:
        events = events.filter(town=town)
    events = _with_shown_occurrence(events, occurrences, ordering).select_related("image")
    if when == PAST:
        return events.order_by(F("shown_end").desc(), "-pk")
    return events.order_by("shown_start", "pk")


def event_towns(index):
    """The towns the index's events are held in, for its filter."""
    return list(
        live_events()
        .child_of(index)
        .exclude(town="")
        .order_by("town")
        .values_list("town", flat=True)
        .distinct()
    )


def upcoming_events(*, limit, now=None):
    """The next ``limit`` events of the whole site, soonest first (the home page's 近期节庆)."""
    now = now or timezone.now()
    occurrences = _occurrences_of_outer_page().filter(end__gt=now)
    events = _with_shown_occurrence(live_events(), occurrences, ("start", "end"))
    return list(events.select_related("image").order_by("shown_start", "pk")[:limit])


def event_index_page():
    """The 节庆活动 section, for links to it from elsewhere."""
    return EventIndexPage.objects.live().first()


def events_featuring(*, product_ids, area_ids, limit=6, now=None):
    """Events that link any of ``product_ids`` or are held in any of ``area_ids`` (the venue
    area, or the area of the venue attraction): the upcoming ones first, soonest first, then
    the past ones, latest first. Each has ``shown_start``/``shown_end``/``shown_source``."""
    condition = Q()
    if product_ids:
        condition |= Q(pk__in=EventPageProduct.objects.filter(product_id__in=product_ids).values("page_id"))
    if area_ids:
        condition |= Q(venue_area_id__in=area_ids) | Q(venue_attraction__area_id__in=area_ids)
    if not condition:
        return []
    now = now or timezone.now()
    upcoming = _occurrences_of_outer_page().filter(end__gt=now).order_by("start")
    latest = _occurrences_of_outer_page().order_by("-end")
    events = (
        live_events()
        .filter(condition, Exists(latest))
        .annotate(
            next_start=Subquery(upcoming.values("start")[:1]),
            next_end=Subquery(upcoming.values("end")[:1]),
            next_source=Subquery(upcoming.values("source")[:1]),
            last_start=Subquery(latest.values("start")[:1]),
            last_end=Subquery(latest.values("end")[:1]),
            last_source=Subquery(latest.values("source")[:1]),
        )
        .order_by(F("next_start").asc(nulls_last=True), F("last_end").desc(), "pk")
    )
    events = list(events[:limit])
    for event in events:
        prefix = "next" if event.next_start is not None else "last"
        event.shown_start, event.shown_end, event.shown_source = (
            getattr(event, f"{prefix}_start"),
            getattr(event, f"{prefix}_end"),
            getattr(event, f"{prefix}_source"),
        )
    return events


def event_occurrences(page):
    """The occurrences of the live version of ``page``, in time order."""
    return list(page.occurrences.all())


def event_registered_people(page):
    """How many people have registered for ``page``."""
    return page.registrations.aggregate(total=Sum("people"))["total"] or 0


def event_last_end(page):
    """When the last occurrence of ``page`` ends, or ``None`` when it has none."""
    return page.occurrences.order_by("-end").values_list("end", flat=True).first()


def event_registrations(page):
    return list(page.registrations.order_by("created_at", "pk"))


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


def event_calendar_month(*, index, month, town="", today=None):
    """The weeks (Monday first) of the grid of ``month`` with each day's occurrences of the
    index's events; an occurrence spanning several days is on each of them."""
    today = today or timezone.localdate()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    grid_start = timezone.make_aware(datetime.datetime.combine(weeks[0][0], datetime.time()))
    grid_end = timezone.make_aware(
        datetime.datetime.combine(weeks[-1][-1], datetime.time())
    ) + datetime.timedelta(days=1)
    events = live_events().child_of(index)
    if town:
        events = events.filter(town=town)
    days = {
        day: CalendarDay(date=day, in_month=day.month == month.month, is_today=day == today)
        for week in weeks
        for day in week
    }
    found = (
        EventOccurrence.objects.filter(page__in=events, start__lt=grid_end, end__gt=grid_start)
        .select_related("page")
        .order_by("start", "page__title")
    )
    for occurrence in found:
        first = timezone.localtime(occurrence.start).date()
        # An occurrence ending at midnight does not run into the next day.
        last = (timezone.localtime(occurrence.end) - datetime.timedelta(microseconds=1)).date()
        day = max(first, weeks[0][0])
        while day <= min(last, weeks[-1][-1]):
            days[day].occurrences.append(occurrence)
            day += datetime.timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]
