"""Shoppers checking out at the same time, on gunicorn and PostgreSQL, paying through the emulator.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_load \\
        .venv/bin/python bench/checkout_load.py --shoppers 10,30,50 --seconds 60

Migrates the scratch database, fills it once with the products of ``bench/orders.py`` (stock that
never runs out) and starts gunicorn on 127.0.0.1 (``--workers`` processes of ``--threads``
threads). For each number of shoppers, that many threads each log in their own shopper and,
until ``--seconds`` have passed, add 1 to 3 products to the basket, go through the address and
shipping steps and 提交订单, then press 确认付款 on the emulator's cashier, whose signed notify
reaches the shop over HTTP (Celery runs in-process, no broker). Each step's HTTP status must be
the one a browser expects; anything else is counted as an error, 5xx apart.

Prints, per level: orders placed and paid per second, the p50/p95/max milliseconds of each step,
the 5xx and other errors. Then reconciles the database: every order of the run is paid with
exactly one debit equal to its total or still pending, the debits add up to the paid totals, and
each stock record's allocation equals the units of its live order lines. Exits non-zero when a
level had a 5xx or the reconciliation fails.

Traffic goes only to the gunicorn started here, on the loopback address.
"""

import argparse
import collections
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

# bench/orders.py prepares the environment (emulator keys in a temporary folder, DEBUG, no broker)
# and Django; its products and address serve here too.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import orders as bench_orders  # noqa: E402
import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q, Sum  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from shop.order.constants import OrderStatus  # noqa: E402
from shop.payments.emulator.credentials import dev_credentials  # noqa: E402

Line = get_model("order", "Line")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Transaction = get_model("payment", "Transaction")
User = bench_orders.User

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("basket", "checkout", "place", "pay")
SHOPPER_PREFIX = "bench-load-"
#: Statuses whose lines still hold their stock allocated (shipping consumes it, closing frees it).
LIVE_STATUSES = (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
METHOD_CODE = re.compile(r'name="method_code"[^>]*value="([^"]+)"')


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, workers, threads):
    """gunicorn serving the shop on ``port``, with this process's environment (the same database
    and emulator keys); returns the process once it answers /healthz."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "shop.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=gthread",
            f"--threads={threads}",
            "--timeout=60",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}", "ALLOWED_HOSTS": "127.0.0.1"},
    )
    for _ in range(120):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return process
        except requests.RequestException:
            pass  # still starting: workers load the whole site before their first answer
        time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def shopper_session(n):
    """A browser session of bench shopper ``n``, logged in as Django's login would."""
    email = f"{SHOPPER_PREFIX}{n}@example.cn"
    user = User.objects.filter(email=email).first() or User.objects.create_user(email, "bench-Load-2026")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that logs users in, not django-axes' in front of it, which only counts failures.
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    browser = requests.Session()
    browser.headers["User-Agent"] = bench_orders.DESKTOP
    browser.cookies.set(settings.SESSION_COOKIE_NAME, session.session_key, domain="127.0.0.1")
    return user, browser


class Shopper:
    """One shopper's browser, buying until the deadline, keeping each step's timings."""

    def __init__(self, site, browser, product_ids, rng, results):
        self.site, self.browser, self.rng, self.results = site, browser, rng, results
        self.product_ids = product_ids

    def request(self, method, path, step, expected, **kwargs):
        url = path if path.startswith("http") else self.site + path
        headers = {"Referer": self.site + "/shop/", "X-CSRFToken": self.browser.cookies.get("csrftoken", "")}
        started = time.perf_counter()
        response = self.browser.request(
            method, url, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.results.timing(step, (time.perf_counter() - started) * 1000)
        if response.status_code != expected:
            self.results.failure(step, response.status_code)
            raise StepFailed
        return response

    def buy_once(self):
        if "csrftoken" not in self.browser.cookies:
            self.request("GET", "/shop/basket/", "basket", 200)
        for product_id in self.rng.sample(self.product_ids, self.rng.randint(1, 3)):
            quantity = self.rng.randint(1, 3)
            add = f"/shop/basket/add/{product_id}/"
            self.request("POST", add, "basket", 302, data={"quantity": quantity})
        self.request("POST", "/shop/checkout/shipping-address/", "checkout", 302, data=bench_orders.SUIXIAN)
        methods = self.request("GET", "/shop/checkout/shipping-method/", "checkout", 200)
        code = METHOD_CODE.search(methods.text).group(1)
        self.request("POST", "/shop/checkout/shipping-method/", "checkout", 302, data={"method_code": code})
        self.request("GET", "/shop/checkout/preview/", "checkout", 200)
        placed = self.request("POST", "/shop/checkout/preview/", "place", 302, data={"action": "place_order"})
        self.results.placed()
        cashier = self.request("GET", placed.headers["Location"], "pay", 302).headers["Location"]
        self.request("GET", cashier, "pay", 200)
        self.request("POST", urlsplit(cashier).path + "pay/", "pay", 302)
        self.results.paid()

    def run(self, deadline):
        while time.monotonic() < deadline:
            try:
                self.buy_once()
            except StepFailed:
                self.browser.cookies.pop(settings.CSRF_COOKIE_NAME, None)
            except requests.RequestException as error:
                self.results.failure("network", type(error).__name__)


class StepFailed(Exception):
    """A step answered what a browser would not expect; counted, and the shopper starts over."""


class Results:
    """What the shoppers of one level saw, gathered from their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.timings = collections.defaultdict(list)
        self.failures = collections.Counter()
        self.counts = collections.Counter()

    def timing(self, step, ms):
        with self.lock:
            self.timings[step].append(ms)

    def failure(self, step, status):
        with self.lock:
            self.failures[(step, status)] += 1

    def placed(self):
        with self.lock:
            self.counts["placed"] += 1

    def paid(self):
        with self.lock:
            self.counts["paid"] += 1

    def server_errors(self):
        return sum(
            count for (_, status), count in self.failures.items() if isinstance(status, int) and status >= 500
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run_level(site, sessions, product_ids, seconds):
    results = Results()
    deadline = time.monotonic() + seconds
    shoppers = [
        Shopper(site, browser, product_ids, random.Random(n), results)
        for n, (_user, browser) in enumerate(sessions)
    ]
    threads = [threading.Thread(target=shopper.run, args=(deadline,)) for shopper in shoppers]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def report(level, results, wall):
    print(f"\n{level} shoppers for {wall:.0f} s")
    print(f"  placed {results.counts['placed']:>6}  ({results.counts['placed'] / wall:.2f}/s)")
    print(f"  paid   {results.counts['paid']:>6}  ({results.counts['paid'] / wall:.2f}/s)")
    print(f"  {'step':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for step in STEPS:
        values = results.timings[step]
        print(
            f"  {step:<10}{len(values):>9}{statistics.median(values) if values else 0:>9.0f}"
            f"{percentile(values, 0.95):>9.0f}{max(values, default=0):>9.0f}"
        )
    print(f"  5xx {results.server_errors()}; other failures: {dict(results.failures) or 'none'}")


def reconcile(user_ids):
    """What must hold after any run: money and stock agree with the orders. Returns problems."""
    problems = []
    orders = Order.objects.filter(user_id__in=user_ids)
    paid = orders.exclude(status__in=(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED))
    debits = Transaction.objects.filter(source__order__in=orders, txn_type="Debit")
    per_order = debits.values("source__order_id").annotate(n=Count("id"), total=Sum("amount"))
    debited = {row["source__order_id"]: row for row in per_order}
    for order in paid.only("pk", "number", "total_incl_tax"):
        row = debited.get(order.pk)
        if row is None or row["n"] != 1 or row["total"] != order.total_incl_tax.quantize(Decimal("0.01")):
            problems.append(f"order {order.number}: debits {row}")
    unpaid_debited = set(debited) - set(paid.values_list("pk", flat=True))
    if unpaid_debited:
        problems.append(f"{len(unpaid_debited)} unpaid orders have debits")
    paid_total = paid.aggregate(total=Sum("total_incl_tax"))["total"] or Decimal(0)
    debit_total = debits.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid_total != debit_total:
        problems.append(f"paid totals {paid_total} != debits {debit_total}")
    live_units = dict(
        Line.objects.filter(order__status__in=LIVE_STATUSES)
        .values_list("stockrecord_id")
        .annotate(units=Sum("quantity"))
    )
    touched = Line.objects.filter(order__in=orders).values_list("stockrecord_id", flat=True).distinct()
    for record in StockRecord.objects.filter(Q(pk__in=touched)).only("pk", "num_allocated"):
        if (record.num_allocated or 0) != live_units.get(record.pk, 0):
            live = live_units.get(record.pk, 0)
            problems.append(f"stock record {record.pk}: allocated {record.num_allocated}, live {live}")
    return problems, orders.count(), paid.count()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shoppers", default="10,30,50", help="comma-separated levels")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--products", type=int, default=60)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    levels = [int(level) for level in args.shoppers.split(",")]
    call_command("migrate", verbosity=0)
    product_ids = bench_orders.ensure_products(args.products, random.Random(7))
    sessions = [shopper_session(n) for n in range(max(levels))]
    user_ids = list(User.objects.filter(email__startswith=SHOPPER_PREFIX).values_list("pk", flat=True))
    # Each run starts from no orders of any bench shopper (an earlier run may have had more) and
    # nothing allocated, so it reconciles alone.
    Order.objects.filter(user_id__in=user_ids).delete()
    StockRecord.objects.filter(product_id__in=product_ids).update(num_allocated=0)
    dev_credentials()  # made once here, not by several gunicorn workers at once
    connection.close()

    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    site = f"http://127.0.0.1:{port}"
    failed = False
    try:
        print(f"gunicorn: {args.workers} workers x {args.threads} threads (gthread), PostgreSQL, emulator")
        for level in levels:
            results, wall = run_level(site, sessions[:level], product_ids, args.seconds)
            report(level, results, wall)
            failed |= results.server_errors() > 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    problems, order_count, paid_count = reconcile(user_ids)
    print(f"\nreconciled {order_count} orders ({paid_count} paid): {'; '.join(problems) or 'all consistent'}")
    if failed or problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
