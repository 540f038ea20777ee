"""Catalogue pages at scale: median render time and SQL query count.

    createdb -h 127.0.0.1 -U postgres wenfu_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench .venv/bin/python bench/catalog.py

Migrates the scratch database, fills it once with ``--products`` products (default 10,000)
across 20 cooperatives and 50 categories (bulk inserts; a second run reuses them), then renders
each page ``--repeat`` times through Django's test client and prints the median time and the
number of SQL queries of one render. Pages: the catalogue list, a filtered category page, a
search, a product page and a cooperative's dashboard product list.
"""

import argparse
import os
import random
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile, ResettlementArea  # noqa: E402
from catalog.services import product_search_text_refresh  # noqa: E402
from catalog.validators import cooperative_credit_code  # noqa: E402

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "bench"
WORDS = ["香菇", "花菇", "黑木耳", "蜂蜜", "绿茶", "板栗", "葛根粉", "泡泡青", "油茶籽油", "蜜枣"]
TOWNS = ["三里岗镇", "殷店镇", "长岗镇", "洪山镇", "万和镇", "草店镇", "厉山镇", "小林镇", "淮河镇", "均川镇"]
COOPERATIVE_PASSWORD = "bench-password-2026"


def ensure_data(count, rng):
    """Creates the bench rows once; later runs find them by their ``bench`` prefix."""
    if Product.objects.filter(upc__startswith=PREFIX).count() >= count:
        return
    product_class, _ = ProductClass.objects.get_or_create(name="bench", defaults={"track_stock": True})
    area, _ = ResettlementArea.objects.get_or_create(
        slug=f"{PREFIX}-area", defaults={"name": "基准安置区", "town": "三里岗镇"}
    )
    root = Category.objects.filter(name="基准分类").first() or Category.add_root(name="基准分类")
    categories = list(root.get_children())
    while len(categories) < 50:
        categories.append(root.add_child(name=f"基准{WORDS[len(categories) % len(WORDS)]}{len(categories)}"))
    partners = []
    for n in range(20):
        partner, _ = Partner.objects.get_or_create(name=f"基准{TOWNS[n % len(TOWNS)]}第{n}合作社")
        CooperativeProfile.objects.get_or_create(
            partner=partner,
            defaults={
                "legal_name": partner.name,
                "credit_code": cooperative_credit_code(f"BENCH{n:04d}"),
            },
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
            for n in range(count)
        ],
        batch_size=2000,
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=partners[n % len(partners)],
                partner_sku=f"{PREFIX}-{n}",
                price_currency="CNY",
                price=Decimal(rng.randint(990, 19900)) / 100,
                num_in_stock=rng.randint(0, 500),
            )
            for n, product in enumerate(products)
        ],
        batch_size=2000,
    )
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=product, category=categories[n % 50]) for n, product in enumerate(products)],
        batch_size=2000,
    )
    product_search_text_refresh(product_ids=[product.pk for product in products])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def cooperative_client():
    """A client logged in as a user of the first bench cooperative, as cooperative staff are."""
    user = User.objects.filter(email=f"{PREFIX}-coop@example.cn").first()
    if user is None:
        user = User.objects.create_user(f"{PREFIX}-coop@example.cn", COOPERATIVE_PASSWORD)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
        )
        Partner.objects.filter(name__startswith="基准").order_by("pk").first().users.add(user)
    client = Client()
    client.force_login(user)
    return client


def measure(client, path, repeat):
    """Median milliseconds of ``repeat`` renders of ``path``, and the queries of the last one."""
    client.get(path)  # warm caches (thumbnails, templates) the way a running site has them
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
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    ensure_data(args.products, random.Random(7))

    category = Category.objects.filter(name__startswith="基准").exclude(depth=1).order_by("pk").first()
    product = Product.objects.filter(upc__startswith=PREFIX).order_by("pk").first()
    pages = [
        ("catalogue list", Client(), "/shop/catalogue/"),
        ("category, filtered", Client(), f"{category.get_absolute_url()}?sort_by=price-asc&storage=ambient"),
        ("search 香菇", Client(), "/shop/search/?q=香菇"),
        ("product page", Client(), product.get_absolute_url()),
        ("dashboard product list", cooperative_client(), "/shop/dashboard/catalogue/"),
    ]
    total = Product.objects.filter(upc__startswith=PREFIX).count()
    print(f"{total} bench products, PostgreSQL, median of {args.repeat} renders after one warm-up")
    print(f"{'page':<26}{'median ms':>10}{'queries':>9}")
    for name, client, path in pages:
        median, queries = measure(client, path, args.repeat)
        print(f"{name:<26}{median:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
