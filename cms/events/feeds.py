"""What other programs read about a festival: iCalendar (RFC 5545) for calendar apps, and
schema.org ``Event`` JSON-LD for search engines.

In the ICS a recurrence stays one VEVENT with its RRULE; explicit and lunar dates are a VEVENT
each. UIDs are ``event-<page id>-<key>@<site host>`` (``key`` from ``EventOccurrence``), so a
calendar that subscribed updates the same entries on every download instead of adding copies.
"""

import datetime
import json
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.safestring import mark_safe
from icalendar import Calendar, Event, vRecur

from .constants import OccurrenceSource
from .occurrences import rule_text_normalise

PRODID = "-//Wenfu//Festivals of Sui County//ZH"

#: What ``django.utils.html.json_script`` escapes, so the JSON cannot close its <script>.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _beijing(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _vevent(page, *, uid, start, end, url):
    event = Event()
    event.add("uid", uid)
    # The time of the published version: the same on every download until the page changes.
    event.add("dtstamp", page.last_published_at or page.latest_revision_created_at or start)
    event.add("summary", page.title)
    event.add("dtstart", _beijing(start))
    event.add("dtend", _beijing(end))
    if page.summary:
        event.add("description", page.summary)
    location = page.venue_label()
    if location:
        event.add("location", location)
    event.add("url", url)
    return event


def _recurrence(page, count):
    """The page's RRULE with its UNTIL replaced by the COUNT it yields: the same dates, and no
    UNTIL whose value type (date, local or UTC time) a client could read differently."""
    rule = vRecur.from_ical(rule_text_normalise(page.recurrence_rule))
    rule.pop("UNTIL", None)
    rule["COUNT"] = [count]
    return rule


def events_ics(pages, occurrences, *, host, urls):
    """The calendar of ``pages`` (with ``venue_attraction``/``venue_area`` loaded) from their
    ``occurrences`` rows, as bytes; ``urls`` maps a page id to its full URL."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    by_page = defaultdict(list)
    for occurrence in occurrences:
        by_page[occurrence.page_id].append(occurrence)
    for page in pages:
        rows = sorted(by_page[page.pk], key=lambda o: o.start)
        rule_rows = [row for row in rows if row.source == OccurrenceSource.RULE]
        for row in rows:
            if row.source == OccurrenceSource.RULE and row is not rule_rows[0]:
                continue
            event = _vevent(
                page, uid=f"event-{page.pk}-{row.key}@{host}", start=row.start, end=row.end, url=urls[page.pk]
            )
            if row.source == OccurrenceSource.RULE:
                event.add("rrule", _recurrence(page, len(rule_rows)))
            calendar.add_component(event)
    starts = [occurrence.start for occurrence in occurrences]
    if starts:
        # A VTIMEZONE covering the events only, not Beijing's daylight-saving years of the 1980s.
        first = min(starts).date() - datetime.timedelta(days=1)
        calendar.add_missing_timezones(
            first_date=first, last_date=max(starts).date() + datetime.timedelta(days=400)
        )
    return calendar.to_ical()


def event_json_ld(page, occurrence, *, url):
    """schema.org ``Event`` of ``page`` at ``occurrence`` (its next, or else last), as a string
    safe inside ``<script type="application/ld+json">``."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if occurrence is not None:
        data["startDate"] = _beijing(occurrence.start).isoformat()
        data["endDate"] = _beijing(occurrence.end).isoformat()
    if page.summary:
        data["description"] = page.summary
    location = page.venue_label()
    if location:
        data["location"] = {
            "@type": "Place",
            "name": location,
            "address": {
                "@type": "PostalAddress",
                "addressRegion": "湖北省",
                "addressLocality": "随州市随县",
                "streetAddress": location,
            },
        }
    if page.organiser:
        data["organizer"] = {"@type": "Organization", "name": page.organiser}
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308
