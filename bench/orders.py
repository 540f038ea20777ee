"""Orders placed and paid through the Alipay emulator: orders per second and SQL per order line.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_orders
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_orders .venv/bin/python bench/orders.py

Migrates the scratch database and fills it once with ``--products`` products (default 60, with
plenty of stock) from 5 cooperatives. Then a logged-in shopper goes through the checkout with the
Django test client ``--orders`` times (default 200): a fresh basket of 1 to 3 lines, the Sui
County address, the first shipping method, 提交订单, and 确认付款 on the emulator's cashier. The
emulator's signed notify reaches the shop over HTTP (a live server in this process, Celery run
eagerly), and every order must end 已付款. Prints orders per second and the median milliseconds
of each step, then the SQL queries of the place-order POST alone for baskets of 1, 10 and 50
lines, how many each further line adds, and the statements repeated most in the largest one.
Those counts include the tasks the POST queues on commit, which Celery runs eagerly here.

The emulator's development keys are made in a temporary folder; REDIS_URL and real Alipay keys
are ignored, so nothing leaves this machine.
"""

import argparse
import collections
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
KEY_DIR = tempfile.TemporaryDirectory(prefix="wenfu-bench-alipay-")  # removed when the run ends
# Read by the settings module itself (the emulator's URLs, the cache, Celery's broker), so they
# are fixed before Django starts: the emulator needs DEBUG, and no real gateway or broker is used.
for name in ("REDIS_URL", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY", "SITE_URL"):
    os.environ.pop(name, None)
os.environ.update(
    DEBUG="1",
    ALIPAY_EMULATOR="1",
    ALIPAY_EMULATOR_KEY_DIR=KEY_DIR.name,
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    LOG_LEVEL="WARNING",  # Celery logs every eager task at INFO
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import resolve, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile, ResettlementArea  # noqa: E402
from catalog.validators import cooperative_credit_code  # noqa: E402
from shop.celery import app as celery_app  # noqa: E402
from shop.order.constants import OrderStatus  # noqa: E402
from tests.shop.address.conftest import SUIXIAN  # noqa: E402

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "bench-orders"
WORDS = ["香菇", "花菇", "黑木耳", "蜂蜜", "绿茶", "板栗", "葛根粉", "泡泡青", "油茶籽油", "蜜枣"]
TOWNS = ["三里岗镇", "殷店镇", "长岗镇", "洪山镇", "万和镇"]
SHOPPER_PASSWORD = "bench-Shopper-2026"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
LINE_COUNTS = (1, 10, 50)
TOP_STATEMENTS = 10


def ensure_products(count, rng):
    """Creates the bench products once, each with a stock record that never runs out; later
    runs find them by their prefix. Returns their ids."""
    existing = list(
        Product.objects.filter(upc__startswith=PREFIX).order_by("pk").values_list("pk", flat=True)
    )
    if len(existing) >= count:
        return existing[:count]
    product_class, _ = ProductClass.objects.get_or_create(
        name="bench-orders", defaults={"track_stock": True, "requires_shipping": True}
    )
    area, _ = ResettlementArea.objects.get_or_create(
        slug=f"{PREFIX}-area", defaults={"name": "基准安置区", "town": "三里岗镇"}
    )
    partners = []
    for n, town in enumerate(TOWNS):
        partner, _ = Partner.objects.get_or_create(name=f"基准下单{town}合作社")
        CooperativeProfile.objects.get_or_create(
            partner=partner,
            defaults={"legal_name": partner.name, "credit_code": cooperative_credit_code(f"BUYER{n:04d}")},
        )
        partners.append(partner)
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"{TOWNS[n % len(TOWNS)]}{rng.choice(WORDS)} {rng.choice([250, 500, 1000])}g",
                upc=f"{PREFIX}{n}",
                slug=f"{PREFIX}-{n}",
                product_class=product_class,
                structure=Product.STANDALONE,
                origin_area=area,
                approved_at=timezone.now(),
            )
            for n in range(len(existing), count)
        ]
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=partners[product.pk % len(partners)],
                partner_sku=product.upc,
                price_currency="CNY",
                price=Decimal(rng.randint(990, 19900)) / 100,
                num_in_stock=10_000_000,
            )
            for product in products
        ]
    )
    return existing + [product.pk for product in products]


def shopper_client():
    """A client logged in as the bench shopper, on a computer (Alipay's desktop cashier)."""
    user = User.objects.filter(email=f"{PREFIX}-shopper@example.cn").first()
    if user is None:
        user = User.objects.create_user(f"{PREFIX}-shopper@example.cn", SHOPPER_PASSWORD)
    client = Client(HTTP_USER_AGENT=DESKTOP)
    client.force_login(user)
    return client


def start_live_server():
    """Serves the site over HTTP from a thread of this process, where the emulator's notify goes.

    Only the notify view is reached, so no static files handler is needed.
    """
    thread = LiveServerThread("127.0.0.1", lambda handler: handler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return f"http://127.0.0.1:{thread.port}"


def expect(response, status, step):
    if response.status_code != status:
        raise SystemExit(f"{step} answered {response.status_code}, not {status}")
    return response


def checkout_to_preview(client, lines):
    """Fills a fresh basket with ``lines`` (product id, quantity) and goes through the address
    and shipping steps to the order preview, as the shopper's browser does."""
    for product_id, quantity in lines:
        expect(
            client.post(reverse("basket:add", kwargs={"pk": product_id}), {"quantity": quantity}),
            302,
            "basket add",
        )
    expect(client.post(reverse("checkout:shipping-address"), SUIXIAN), 302, "shipping address")
    methods = expect(client.get(reverse("checkout:shipping-method")), 200, "shipping method page")
    code = methods.context["methods"][0].code
    expect(client.post(reverse("checkout:shipping-method"), {"method_code": code}), 302, "shipping method")
    expect(client.get(reverse("checkout:preview")), 200, "preview")


def place(client):
    """提交订单; returns the response (a redirect to Alipay's cashier) and the placed order's id."""
    response = expect(client.post(reverse("checkout:preview"), {"action": "place_order"}), 302, "place order")
    return response, client.session["checkout_order_id"]


def pay(client, placed):
    """Follows the placed order's redirect to the emulator's cashier and presses 确认付款; the
    emulator's notify is delivered before this returns (Celery runs eagerly)."""
    url = urlsplit(placed["Location"])
    cashier = expect(client.get(f"{url.path}?{url.query}"), 302, "emulator gateway")["Location"]
    expect(client.get(cashier), 200, "cashier")
    trade_pk = resolve(urlsplit(cashier).path).kwargs["pk"]
    expect(client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade_pk})), 302, "pay")


def elapsed_ms(started):
    return (time.perf_counter() - started) * 1000


def run_orders(client, product_ids, count, rng):
    """Places and pays ``count`` orders of 1 to 3 lines; returns the wall seconds, the paid
    count and the milliseconds of each checkout, place and pay."""
    timings = {"checkout": [], "place": [], "pay": []}
    order_ids = []
    wall = time.perf_counter()
    for _ in range(count):
        lines = [(pk, rng.randint(1, 3)) for pk in rng.sample(product_ids, rng.randint(1, 3))]
        started = time.perf_counter()
        checkout_to_preview(client, lines)
        timings["checkout"].append(elapsed_ms(started))
        started = time.perf_counter()
        placed, order_id = place(client)
        timings["place"].append(elapsed_ms(started))
        started = time.perf_counter()
        pay(client, placed)
        timings["pay"].append(elapsed_ms(started))
        order_ids.append(order_id)
    seconds = time.perf_counter() - wall
    paid = Order.objects.filter(pk__in=order_ids, status=OrderStatus.PAID).count()
    return seconds, paid, timings


def place_order_queries(client, product_ids, line_count):
    """The SQL statements of the place-order POST alone, for a basket of ``line_count`` lines."""
    checkout_to_preview(client, [(pk, 1) for pk in product_ids[:line_count]])
    with CaptureQueriesContext(connection) as queries:
        place(client)
    return [query["sql"] for query in queries.captured_queries]


def repeated_statements(statements):
    """Statements grouped by their first 60 characters, most repeated first."""
    groups = collections.Counter(" ".join(sql.split())[:60] for sql in statements)
    return [(count, start) for start, count in groups.most_common(TOP_STATEMENTS) if count > 1]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--products", type=int, default=60)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    if args.products < max(LINE_COUNTS):
        raise SystemExit(f"--products must be at least {max(LINE_COUNTS)}.")
    settings.ALLOWED_HOSTS = ["*"]
    # The test client keeps each response's template context (the shipping methods) only then.
    setup_test_environment(debug=True)
    # Eager tasks still take a producer from the unused memory:// broker, which warns once.
    logging.getLogger("kombu.connection").setLevel(logging.ERROR)
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    call_command("migrate", verbosity=0)
    # Before any gateway is made: the pay URLs and notify URLs are built from SITE_URL.
    settings.SITE_URL = start_live_server()
    rng = random.Random(7)
    product_ids = ensure_products(args.products, rng)
    client = shopper_client()
    run_orders(client, product_ids, 1, rng)  # warm caches (templates, keys) as a running site has them

    seconds, paid, timings = run_orders(client, product_ids, args.orders, rng)
    print(f"{args.orders} orders of 1-3 lines placed and paid through the Alipay emulator, PostgreSQL")
    print(f"{'wall time':<34}{seconds:>10.1f} s")
    print(f"{'orders per second':<34}{args.orders / seconds:>10.2f}")
    print(f"{'orders ' + OrderStatus.PAID:<34}{paid:>10} / {args.orders}")
    for step, label in [
        ("checkout", "median ms, basket to preview"),
        ("place", "median ms, place order"),
        ("pay", "median ms, pay (cashier + notify)"),
    ]:
        print(f"{label:<34}{statistics.median(timings[step]):>10.1f}")
    if paid != args.orders:
        raise SystemExit(f"only {paid} of {args.orders} orders ended {OrderStatus.PAID}")

    print()
    print(f"{'place-order POST, lines':<34}{'queries':>10}")
    statements = {}
    for line_count in LINE_COUNTS:
        statements[line_count] = place_order_queries(client, product_ids, line_count)
        print(f"{line_count:<34}{len(statements[line_count]):>10}")
    low, high = LINE_COUNTS[-2], LINE_COUNTS[-1]
    growth = (len(statements[high]) - len(statements[low])) / (high - low)
    print(f"{f'per line, (q{high} - q{low}) / {high - low}':<34}{growth:>10.1f}")
    print()
    print(f"most repeated statements of the {high}-line place-order POST:")
    for count, start in repeated_statements(statements[high]):
        print(f"{count:>6}  {start}")


if __name__ == "__main__":
    main()
