"""The storefront under load, page by page: requests per second, p50 and p99 latency and SQL
queries per request, on gunicorn (2 sync workers, ``DEBUG=0``, local-memory cache) and PostgreSQL.

    apt-get install wrk
    createdb -h 127.0.0.1 -U postgres wenfu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench .venv/bin/python bench/load.py

Fills the scratch database once as bench/catalog.py does (``--products``, default 10,000, across
20 cooperatives and 50 categories; use another database for another size, e.g. wenfu_bench_100k
with ``--products 100000``), starts gunicorn on 127.0.0.1 and runs ``wrk -t2 -c<connections>
-d<seconds>s --latency`` on each page as an anonymous shopper: catalogue page 1, a category, the
same category filtered (storage + price sort), search 蜂蜜, a cooperative, a resettlement area,
the home page, a product page and the empty basket, each after a four-second run that fills both
workers' caches. The query count is one warm request's, measured in this process through
Django's test client; "miss ms" is one request's time in this process just after every cached
listing was replaced (the first shopper after a change of the catalogue waits that long).

Celery tasks the pages queue (Oscar's product-view counter) go to a Redis broker nobody consumes
(database 13 of the local Redis, emptied afterwards), as in production, where a worker counts
them outside the request. Traffic goes only to the gunicorn started here.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BROKER = "redis://127.0.0.1:6379/13"
# The settings read these at import: production's DEBUG off, no Redis cache (local memory, as a
# first run has), tasks queued rather than run in the request.
os.environ.pop("REDIS_URL", None)
os.environ.update(
    DEBUG="0",
    SECRET_KEY="bench-" + "x" * 50,
    SECURE_SSL_REDIRECT="0",
    ALLOWED_HOSTS="127.0.0.1,testserver",
    CELERY_BROKER_URL=BROKER,
    LOG_LEVEL="WARNING",
)
# bench/catalog.py builds the data (and sets up Django); loaded under another name, since
# ``catalog`` is the project's own package.
_spec = importlib.util.spec_from_file_location("bench_catalog", ROOT / "bench" / "catalog.py")
bench_catalog = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_catalog)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalog.listing_cache import listings_forget  # noqa: E402
from catalog.models import CooperativeProfile  # noqa: E402

LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def pages():
    """(name, path) of each page measured, on the bench data."""
    category = (
        bench_catalog.Category.objects.filter(name__startswith="基准").exclude(depth=1).order_by("pk").first()
    )
    product = (
        bench_catalog.Product.objects.filter(upc__startswith=bench_catalog.PREFIX).order_by("pk").first()
    )
    cooperative = CooperativeProfile.objects.filter(partner__name__startswith="基准").order_by("pk").first()
    area = bench_catalog.ResettlementArea.objects.get(slug=f"{bench_catalog.PREFIX}-area")
    return [
        ("catalogue page 1", "/shop/catalogue/"),
        ("category page", category.get_absolute_url()),
        ("category, filtered", f"{category.get_absolute_url()}?storage=ambient&sort_by=price-asc"),
        ("search 蜂蜜", "/shop/search/?q=蜂蜜"),
        ("cooperative page", f"/shop/cooperatives/{cooperative.partner.code}/"),
        ("resettlement-area page", f"/shop/areas/{area.slug}/"),
        ("home page", "/"),
        ("product page", product.get_absolute_url()),
        ("basket (anonymous)", "/shop/basket/"),
    ]


def queries_per_request(path):
    """SQL queries of one anonymous request of ``path`` once its caches are warm."""
    client = Client()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(queries)


def miss_milliseconds(path):
    """Milliseconds of an anonymous request of ``path`` just after every cached listing was
    replaced (what the first shopper after a change waits), median of three."""
    timings = []
    for _ in range(3):
        listings_forget()
        started = time.perf_counter()
        Client().get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings)[1]


def start_gunicorn(port):
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "shop.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--worker-class=sync",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}"},
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(url, *, seconds, connections):
    """Requests per second and p50/p99 milliseconds of wrk on ``url``."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{url} answered errors under load:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {int(p): float(value) * UNITS[unit] for p, value, unit in LATENCY.findall(output)}
    return rps, latency[50], latency[99]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk).")
    call_command("migrate", verbosity=0)
    bench_catalog.ensure_data(args.products, bench_catalog.random.Random(7))
    measured = pages()
    counts = {path: queries_per_request(path) for _name, path in measured}
    misses = {path: miss_milliseconds(path) for _name, path in measured}
    connection.close()

    server = start_gunicorn(args.port)
    try:
        total = bench_catalog.Product.objects.filter(upc__startswith=bench_catalog.PREFIX).count()
        print(
            f"{total} bench products · gunicorn 2 sync workers, DEBUG=0 · "
            f"wrk -t2 -c{args.connections} -d{args.seconds}s"
        )
        print(f"{'page':<24}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}{'miss ms':>9}")
        for name, path in measured:
            url = f"http://127.0.0.1:{args.port}{quote(path, safe='/?=&')}"
            # Each worker has its own local-memory cache: a short run fills both (a search's
            # first render takes over a second).
            wrk(url, seconds=4, connections=args.connections)
            rps, p50, p99 = wrk(url, seconds=args.seconds, connections=args.connections)
            print(f"{name:<24}{rps:>8.1f}{p50:>9.1f}{p99:>9.1f}{counts[path]:>9}{misses[path]:>9.0f}")
    finally:
        server.terminate()
        server.wait()
        subprocess.run(["redis-cli", "-n", BROKER.rsplit("/", 1)[1], "FLUSHDB"], capture_output=True)


if __name__ == "__main__":
    main()
