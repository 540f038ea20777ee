"""The home page (and the 直播带货 and 新闻动态 pages) with the demo loaded: median render time and
SQL query count.

    createdb -h 127.0.0.1 -U postgres wenfu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench .venv/bin/python bench/home_page.py

Migrates the scratch database, loads the demo (idempotent: a second run reuses it), then renders
each page ``--repeat`` times through Django's test client after one warm-up render (which makes
the thumbnails and renditions, as a running site has them) and prints the median time and the
number of SQL queries of one render.
"""

import argparse
import os
import statistics
import sys
import time
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

from cms.live.models import LiveSaleIndexPage, LiveSalePage  # noqa: E402
from cms.news.models import NewsIndexPage, NewsPage  # noqa: E402


def measure(client, path, repeat):
    """Median milliseconds of ``repeat`` renders of ``path``, and the queries of the last one."""
    client.get(path)
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
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0, stdout=open(os.devnull, "w"))
    settings.DEBUG = False

    pages = [
        ("home page", "/"),
        ("live sales index", LiveSaleIndexPage.objects.get().url),
        ("a live sale", LiveSalePage.objects.live().order_by("pk").first().url),
        ("news index", NewsIndexPage.objects.get().url),
        ("a news page", NewsPage.objects.live().order_by("pk").first().url),
    ]
    print(f"demo data, PostgreSQL, median of {args.repeat} renders after one warm-up")
    print(f"{'page':<22}{'median ms':>10}{'queries':>9}")
    for name, path in pages:
        median, queries = measure(Client(), path, args.repeat)
        print(f"{name:<22}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
