"""Shows how PostgreSQL runs product search over many products.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated scratch db> \\
        .venv/bin/python bench/search_explain.py --products 20000

Creates ``--products`` products with segmented search text inside a transaction, prints the
selector's SQL plan (EXPLAIN ANALYZE) for a few queries, and rolls everything back. The plan
should show a Bitmap Index Scan on ``catalogue_product_search_gin``.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.search_text import segment_for_index  # noqa: E402
from catalog.selectors import product_list_for_shoppers, product_search, product_sort  # noqa: E402

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")

WORDS = ["随州", "香菇", "花菇", "黑木耳", "蜂蜜", "茶叶", "板栗", "葛根粉", "泡泡青", "石榴", "土鸡蛋"]
TOWNS = ["三里岗", "殷店", "长岗", "洪山", "万和", "草店", "厉山", "小林", "淮河", "均川"]


class Rollback(Exception):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=20000)
    parser.add_argument("queries", nargs="*", default=["香菇", "随州 蜂蜜", "黑木耳"])
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL to a migrated scratch database.")
    rng = random.Random(7)
    try:
        with transaction.atomic():
            product_class, _ = ProductClass.objects.get_or_create(name="bench")
            products = []
            for n in range(args.products):
                title = f"{rng.choice(TOWNS)}{rng.choice(WORDS)} {rng.choice([250, 500, 1000])}g"
                products.append(
                    Product(
                        title=title,
                        upc=f"bench{n}",
                        slug=f"bench-{n}",
                        product_class=product_class,
                        structure=Product.STANDALONE,
                        search_text=segment_for_index(title, rng.choice(WORDS), rng.choice(TOWNS)),
                        approved_at=timezone.now(),
                    )
                )
            Product.objects.bulk_create(products, batch_size=2000)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE catalogue_product")
            for query in args.queries:
                queryset = product_sort(product_search(product_list_for_shoppers(), query), "relevancy")
                started = time.perf_counter()
                count = queryset.count()
                first_page = list(queryset[:24])
                elapsed = (time.perf_counter() - started) * 1000
                print(f"\n=== {query!r}: {count} matches, count + first page in {elapsed:.1f} ms")
                print(queryset[:24].explain(analyze=True))
            raise Rollback
    except Rollback:
        pass
    del first_page


if __name__ == "__main__":
    main()
