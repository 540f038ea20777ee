"""The site search with the demo loaded: median render time and SQL query count.

    createdb -h 127.0.0.1 -U postgres wenfu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench .venv/bin/python bench/site_search.py

Migrates the scratch database and loads the demo (idempotent), adds ``--pages`` attraction pages
(default 200) mentioning 香菇 under 乡村旅游 so the results run to many pages (a second run reuses
them), then renders each search ``--repeat`` times through Django's test client and prints the
median time and the number of SQL queries of one render.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
# Development settings (a secret key, no HTTPS redirect); DEBUG itself is turned off below.
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms.tourism.models import AttractionPage, TourismIndexPage  # noqa: E402

PREFIX = "bench-xianggu"
TOWNS = ["三里岗镇", "殷店镇", "长岗镇", "洪山镇", "万和镇", "草店镇", "厉山镇", "小林镇", "淮河镇", "均川镇"]


def ensure_pages(count):
    """Publishes the bench pages once; later runs find them by their slug prefix."""
    section = TourismIndexPage.objects.get()
    existing = AttractionPage.objects.filter(slug__startswith=PREFIX).count()
    for number in range(existing, count):
        town = TOWNS[number % len(TOWNS)]
        page = section.add_child(
            instance=AttractionPage(
                title=f"{town}香菇种植基地{number}号",
                slug=f"{PREFIX}-{number}",
                town=town,
                summary=f"{town}安置区的香菇大棚，可以参观采摘。",
            )
        )
        page.save_revision().publish()


def measure(client, params, repeat):
    """Median milliseconds of ``repeat`` renders of ``/search/?<params>``, and the queries of the
    last one."""
    client.get("/search/", params)  # warm caches (templates, site root paths)
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"/search/ {params} answered {response.status_code}")
    return statistics.median(timings), len(queries)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0, stdout=io.StringIO())
    ensure_pages(args.pages)

    searches = [
        ("大洪山", {"q": "大洪山"}),
        ("香菇, page 1", {"q": "香菇"}),
        ("香菇, page 5", {"q": "香菇", "page": 5}),
        ("香菇 大棚 (two words)", {"q": "香菇 大棚"}),
        ("nothing found", {"q": "不存在的东西"}),
    ]
    pages = AttractionPage.objects.live().count()
    print(
        f"demo + {pages} live attraction pages, PostgreSQL, median of {args.repeat} renders after one warm-up"
    )
    print(f"{'search':<22}{'median ms':>10}{'queries':>9}")
    for name, params in searches:
        median, queries = measure(Client(), params, args.repeat)
        print(f"{name:<22}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
