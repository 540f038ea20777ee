"""乡村旅游 pages at scale: median render time and SQL query count.

    createdb -h 127.0.0.1 -U postgres wenfu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_tourism DEBUG=1 \
        .venv/bin/python bench/tourism_pages.py

(``DEBUG=1`` for the development secret key and plain HTTP; pages render with DEBUG off.)

Migrates the scratch database, loads the demo (idempotent), adds ``--routes`` routes of eight
stops each and as many attractions under 乡村旅游 (a second run reuses them), then renders each
page ``--repeat`` times through Django's test client and prints the median time and the number of
SQL queries of one render. Pages: a demo route (map, stops, 沿线好物), a bench route with eight
stops, the tourism index (first page, a filtered page and the last page) and an attraction.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.models import ResettlementArea  # noqa: E402
from cms.tourism.models import AttractionPage, OpeningHours, RoutePage, RouteStop, TourismIndexPage  # noqa: E402

PREFIX = "bench"


def ensure_pages(count):
    """Creates the bench routes and attractions once; later runs find them by their slug prefix."""
    index = TourismIndexPage.objects.get()
    areas = list(ResettlementArea.objects.order_by("pk"))
    have = RoutePage.objects.filter(slug__startswith=PREFIX).count()
    for n in range(have, count):
        area = areas[n % len(areas)]
        attraction = index.add_child(
            instance=AttractionPage(
                title=f"基准景点{n}",
                slug=f"{PREFIX}-attraction-{n}",
                town=area.town,
                area=area,
                best_seasons=["spring"],
                opening_hours=[OpeningHours(weekday=day, opens="08:30", closes="17:30") for day in range(7)],
            )
        )
        attraction.save_revision().publish()
        route = index.add_child(
            instance=RoutePage(
                title=f"基准线路{n}",
                slug=f"{PREFIX}-route-{n}",
                best_seasons=["spring", "autumn"],
                audiences=["family"],
                stops=[
                    RouteStop(
                        name=f"站点{stop}",
                        latitude=Decimal("31.5") + Decimal(stop) / 50,
                        longitude=Decimal("113.1") + Decimal(stop) / 40,
                        stay_minutes=60,
                        attraction=attraction if stop == 0 else None,
                        area=areas[(n + stop) % len(areas)],
                    )
                    for stop in range(8)
                ],
            )
        )
        route.save_revision().publish()


def measure(client, path, repeat):
    """Median milliseconds of ``repeat`` renders of ``path``, and the queries of the last one."""
    client.get(path)  # warm caches (thumbnails, renditions, templates) the way a running site has them
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return statistics.median(timings), len(queries)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--routes", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)
    # Wagtail logs every page created and every task it runs in-process (load_demo silences
    # them only while it runs).
    logging.disable(logging.INFO)
    ensure_pages(args.routes)
    logging.disable(logging.NOTSET)
    # Rows just inserted have no planner statistics until autovacuum gets to them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    index = TourismIndexPage.objects.get()
    last_page = (index.get_children().live().count() + 11) // 12
    pages = [
        ("demo route (5 stops)", RoutePage.objects.get(slug="dahongshan-kangyang").url),
        ("bench route (8 stops)", RoutePage.objects.get(slug=f"{PREFIX}-route-0").url),
        ("tourism index", index.url),
        ("index, filtered", f"{index.url}?season=spring&kind=route&audience=family"),
        (f"index, page {last_page}", f"{index.url}?page={last_page}"),
        ("attraction", AttractionPage.objects.get(slug="yandi-guli-jingqu").url),
    ]
    total = index.get_children().live().count()
    print(f"{total} tourism pages, PostgreSQL, median of {args.repeat} renders after one warm-up")
    print(f"{'page':<26}{'median ms':>10}{'queries':>9}")
    for name, path in pages:
        median, queries = measure(Client(), path, args.repeat)
        print(f"{name:<26}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
