"""The festival index with many events: render time and SQL queries of its views.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_events
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_events DEBUG=1 \\
        .venv/bin/python bench/event_pages.py

Migrates the scratch database and fills it once with ``--events`` live events under one
节庆活动 section, ``--occurrences`` occurrences each (weekly, half of the events past and half
coming; occurrences in one bulk insert; a second run reuses them); then renders the upcoming
and past tabs, a month-and-town filter, the month calendar, the ICS feed and one event page
``--repeat`` times each through Django's test client and prints the median time and the query
count of one render.
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from catalog.demo import load_catalog  # noqa: E402
from cms.demo import load_pages  # noqa: E402
from cms.events.models import EventIndexPage, EventOccurrence, EventPage  # noqa: E402

PREFIX = "bench-jie"
TOWNS = ["三里岗镇", "长岗镇", "厉山镇", "洪山镇", "万和镇"]


def ensure_events(index, count, occurrences):
    existing = EventPage.objects.child_of(index).filter(slug__startswith=PREFIX).count()
    year = timezone.localdate().year
    rows = []
    for n in range(existing, count):
        page = index.add_child(
            instance=EventPage(
                title=f"压测农事节庆{n:04d}",
                slug=f"{PREFIX}-{n}",
                town=TOWNS[n % len(TOWNS)],
                summary="压测用的节庆活动。",
                venue_address="随县",
            )
        )
        first = timezone.make_aware(datetime.datetime(year + (1 if n % 2 else -1), 3, 1, 9))
        first += datetime.timedelta(days=n % 28)
        for k in range(occurrences):
            start = first + datetime.timedelta(weeks=k)
            end = start + datetime.timedelta(hours=8)
            rows.append(EventOccurrence(page=page, start=start, end=end, source="date", key=f"d{k}"))
    EventOccurrence.objects.bulk_create(rows, batch_size=2000)


def measure(client, url, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings) * 1000, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--occurrences", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    options = parser.parse_args()

    # Wagtail logs every page created and every in-process task; the table is what matters here.
    logging.disable(logging.INFO)
    call_command("migrate", verbosity=0)
    if not EventIndexPage.objects.exists():
        load_catalog()  # the demo festivals link its products and areas
        load_pages()
    index = EventIndexPage.objects.get()
    ensure_events(index, options.events, options.occurrences)
    events = EventPage.objects.child_of(index).count()
    occurrences = EventOccurrence.objects.filter(page__in=EventPage.objects.child_of(index)).count()
    print(f"{connection.vendor}: {events} events, {occurrences} occurrences")

    year = timezone.localdate().year + 1
    event = EventPage.objects.child_of(index).filter(slug=f"{PREFIX}-1").first()
    urls = {
        "upcoming tab": index.url,
        "past tab": index.url + "?when=past",
        "month + town, page 2": index.url + f"?month={year}-03&town=三里岗镇&page=2",
        "month calendar": index.url + f"calendar/?month={year}-03",
        "ICS feed (upcoming)": index.url + "calendar.ics",
        "one event page": event.url,
    }
    client = Client()
    print(f"{'view':<24}{'median ms':>10}{'queries':>9}")
    for name, url in urls.items():
        median, queries = measure(client, url, options.repeat)
        print(f"{name:<24}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
