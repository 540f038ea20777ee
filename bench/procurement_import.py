"""The Excel import of purchase orders: seconds to read, validate and create 5,000 rows, and the
SQL queries of 500 and 5,000 rows (they must not grow with the rows).

    createdb -h 127.0.0.1 -U postgres wenfu_bench_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_import \\
        .venv/bin/python bench/procurement_import.py

Migrates the scratch database and fills it once with ``--cooperatives`` cooperatives (default
20) of ``--products`` products each (default 10), every one with tier prices and plenty of
stock, and a verified canteen with a 采购员 and three delivery addresses. Then writes a workbook
of ``--rows`` rows (default 5,000) spread over the products, addresses and as many delivery dates
as needed, as a buyer would fill the template, and times, each ``--repeat`` times (default 3,
the median printed): reading the sheet (openpyxl, read-only), validating every row and creating
the drafts (``rows_import``, rolled back), and the whole upload as the portal runs it
(``import_job_create``: the file stored, the Celery task run eagerly, drafts created; deleted
afterwards). Finally the queries of ``rows_import`` for 500 rows and for all of them.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
# No broker: the import task runs eagerly in this process, as on a first run.
os.environ.pop("REDIS_URL", None)
os.environ.update(DEBUG="1", LOG_LEVEL="WARNING")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile, TierPrice  # noqa: E402
from catalog.validators import cooperative_credit_code, credit_code_check_char  # noqa: E402
from procurement.constants import ImportJobState, OrganisationStatus, Role  # noqa: E402
from procurement.imports.services import import_job_create, rows_import  # noqa: E402
from procurement.imports.workbook import COLUMNS, workbook_rows  # noqa: E402
from procurement.models import DeliveryAddress, Membership, Organisation, PurchaseOrder  # noqa: E402

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "bench-import"
WORDS = ["香菇", "花菇", "黑木耳", "蜂蜜", "绿茶", "板栗", "葛根粉", "泡泡青", "油茶籽油", "大米"]
ADDRESSES = ["一号食堂后厨", "二号食堂后厨", "职工之家"]


class Rollback(Exception):
    pass


def ensure_world(cooperatives, products):
    """The bench cooperatives, products, canteen, buyer and addresses, made once; returns
    (organisation, buyer, skus)."""
    wanted = cooperatives * products
    records = list(
        StockRecord.objects.filter(partner_sku__startswith=PREFIX)
        .order_by("pk")
        .values_list("partner_sku", flat=True)
    )
    if len(records) < wanted:
        product_class, _ = ProductClass.objects.get_or_create(
            name=PREFIX, defaults={"track_stock": True, "requires_shipping": True}
        )
        for c in range(cooperatives):
            partner, _ = Partner.objects.get_or_create(name=f"基准导入第{c + 1}合作社")
            CooperativeProfile.objects.get_or_create(
                partner=partner,
                defaults={"legal_name": partner.name, "credit_code": cooperative_credit_code(f"MA4D{c:05d}")},
            )
            made = Product.objects.bulk_create(
                Product(
                    title=f"{WORDS[p % len(WORDS)]} {c}-{p}",
                    upc=f"{PREFIX}-{c}-{p}",
                    slug=f"{PREFIX}-{c}-{p}",
                    product_class=product_class,
                    structure=Product.STANDALONE,
                    is_public=True,
                    approved_at=timezone.now(),
                )
                for p in range(products)
                if not Product.objects.filter(upc=f"{PREFIX}-{c}-{p}").exists()
            )
            stocked = StockRecord.objects.bulk_create(
                StockRecord(
                    product=product,
                    partner=partner,
                    partner_sku=product.upc,
                    price_currency="CNY",
                    price=Decimal("30.00"),
                    num_in_stock=10_000_000,
                )
                for product in made
            )
            TierPrice.objects.bulk_create(
                TierPrice(stockrecord=record, min_quantity=quantity, price=Decimal(price))
                for record in stocked
                for quantity, price in ((5, "26.00"), (50, "24.00"))
            )
        records = list(
            StockRecord.objects.filter(partner_sku__startswith=PREFIX)
            .order_by("pk")
            .values_list("partner_sku", flat=True)
        )
    first17 = "11421321" + "987654321"
    organisation = Organisation.objects.filter(credit_code__startswith=first17).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name="基准导入机关食堂",
            kind="government",
            credit_code=first17 + credit_code_check_char(first17),
            invoice_title="基准导入机关食堂",
            registered_address="随县厉山镇",
            contact_name="王主任",
            contact_mobile="13900000001",
        )
        Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.VERIFIED)
        organisation.refresh_from_db()
        for label in ADDRESSES:
            DeliveryAddress.objects.create(
                organisation=organisation,
                label=label,
                first_name="李师傅",
                phone_number="+8613900000002",
                district_id="421321",
                street="厉山镇",
                line1="神农大道 8 号",
                country_id="CN",
            )
    buyer = User.objects.filter(email=f"{PREFIX}-buyer@example.cn").first()
    if buyer is None:
        buyer = User.objects.create_user(f"{PREFIX}-buyer@example.cn", "bench-Buyer-2026")
        Membership.objects.create(organisation=organisation, user=buyer, roles=[Role.BUYER.value])
    return organisation, buyer, records[:wanted]


def workbook_bytes(skus, count):
    """A filled template of ``count`` rows: every product to every address, date after date."""
    book = Workbook()
    sheet = book.active
    sheet.title = "采购明细"
    sheet.append(list(COLUMNS))
    per_date = len(skus) * len(ADDRESSES)
    today = timezone.localdate()
    for index in range(count):
        sku = skus[index % len(skus)]
        address = ADDRESSES[index // len(skus) % len(ADDRESSES)]
        date = today + datetime.timedelta(days=1 + index // per_date)
        sheet.append([sku, "", 10 + index % 60, address, date, "bench"])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def import_rolled_back(organisation, buyer, rows):
    """``rows_import`` in a transaction that is rolled back; returns (seconds, queries, orders)."""
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            seconds, orders = timed(lambda: rows_import(organisation=organisation, by=buyer, rows=rows))
            outcome = (seconds, len(queries), len(orders))
            raise Rollback
    except Rollback:
        return outcome


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cooperatives", type=int, default=20)
    parser.add_argument("--products", type=int, default=10)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("PostgreSQL only: set DATABASE_URL to a scratch database.")

    call_command("migrate", verbosity=0)
    organisation, buyer, skus = ensure_world(args.cooperatives, args.products)
    data = workbook_bytes(skus, args.rows)
    print(
        f"{args.rows} rows, {len(skus)} products of {args.cooperatives} cooperatives, "
        f"{len(ADDRESSES)} addresses; file {len(data) / 1024:.0f} KiB"
    )

    reads, imports, uploads = [], [], []
    for _ in range(args.repeat):
        seconds, rows = timed(lambda: workbook_rows(io.BytesIO(data)))
        reads.append(seconds)
        seconds, _queries, orders = import_rolled_back(organisation, buyer, rows)
        imports.append(seconds)
        seconds, job = timed(
            lambda: import_job_create(
                organisation=organisation, by=buyer, upload=SimpleUploadedFile("bench.xlsx", data)
            )
        )
        job.refresh_from_db()
        if job.state != ImportJobState.DONE:
            sys.exit(f"the import did not finish: {job.state} {job.errors}")
        uploads.append(seconds)
        PurchaseOrder.objects.filter(pk__in=job.purchase_order_ids).delete()
        job.file.delete(save=False)
        job.delete()

    print(f"drafts created per import: {orders}")
    print(f"read the sheet (openpyxl read-only):  {statistics.median(reads):6.2f} s")
    print(f"validate + create (rows_import):      {statistics.median(imports):6.2f} s")
    print(f"whole upload (store, read, task):     {statistics.median(uploads):6.2f} s")

    counts = {}
    for size in sorted({500, args.rows}):
        _seconds, counts[size], _orders = import_rolled_back(organisation, buyer, rows[:size])
        print(f"SQL queries of rows_import, {size:>5} rows: {counts[size]}")
    if len(set(counts.values())) > 1:
        print("the query count grows with the rows")
        sys.exit(1)


if __name__ == "__main__":
    main()
