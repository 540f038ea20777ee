"""Approving a large purchase order: time and SQL queries of the split into supplier orders.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_split
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_split DEBUG=1 \
        .venv/bin/python bench/procurement_split.py

Migrates the scratch database, creates ``--cooperatives`` cooperatives with ``--lines`` products
in all (once; a second run reuses them), a verified canteen with a buyer and an approver, then
for each of ``--rounds`` rounds creates, submits and approves one purchase order of every product,
printing the time and query count of each step. The approval locks the stock records, checks
them, and writes one Oscar order per cooperative with its lines in bulk, so its query count grows
with the cooperatives, not with the lines.
"""

import argparse
import datetime
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

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile, TierPrice  # noqa: E402
from catalog.validators import cooperative_credit_code, credit_code_check_char  # noqa: E402
from procurement import services  # noqa: E402
from procurement.constants import OrganisationKind, OrganisationStatus, Role  # noqa: E402
from procurement.models import DeliveryAddress, Membership, Organisation  # noqa: E402

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "bsplit"


def ensure_catalogue(cooperatives, lines):
    """``lines`` products spread over ``cooperatives`` cooperatives, each with two tiers."""
    if StockRecord.objects.filter(partner_sku__startswith=PREFIX).count() >= lines:
        return list(StockRecord.objects.filter(partner_sku__startswith=PREFIX).order_by("pk")[:lines])
    product_class, _ = ProductClass.objects.get_or_create(name="批量", defaults={"track_stock": True})
    partners = []
    for n in range(cooperatives):
        partner, _ = Partner.objects.get_or_create(name=f"随县批量合作社{n:02d}")
        CooperativeProfile.objects.get_or_create(
            partner=partner,
            defaults={"legal_name": partner.name, "credit_code": cooperative_credit_code(f"MB9{n:06d}")},
        )
        partners.append(partner)
    now = timezone.now()
    products = Product.objects.bulk_create(
        Product(
            title=f"批量商品{n:05d}",
            upc=f"{PREFIX}{n:06d}",
            slug=f"{PREFIX}-{n}",
            product_class=product_class,
            is_public=True,
            approved_at=now,
        )
        for n in range(lines)
    )
    records = StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=partners[n % cooperatives],
            partner_sku=f"{PREFIX}{n:06d}",
            price=Decimal("50.00"),
            price_currency="CNY",
            num_in_stock=10**8,
        )
        for n, product in enumerate(products)
    )
    TierPrice.objects.bulk_create(
        TierPrice(stockrecord=record, min_quantity=quantity, price=price)
        for record in records
        for quantity, price in ((10, Decimal("45.00")), (100, Decimal("40.00")))
    )
    return records


def ensure_canteen():
    first17 = "11421321MB9B00001"
    organisation, created = Organisation.objects.get_or_create(
        credit_code=first17 + credit_code_check_char(first17),
        defaults={
            "name": "压测机关食堂",
            "kind": OrganisationKind.GOVERNMENT,
            "invoice_title": "压测机关食堂",
            "registered_address": "随县厉山镇",
            "contact_name": "压测",
            "contact_mobile": "13900000009",
        },
    )
    if created:
        Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.VERIFIED)
        organisation.refresh_from_db()
    people = {}
    for email, role in (("bench-buyer@example.cn", Role.BUYER), ("bench-approver@example.cn", Role.APPROVER)):
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, "bench-pass-2026")
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"roles": [role.value]}
        )
        people[role] = user
    address, _ = DeliveryAddress.objects.get_or_create(
        organisation=organisation,
        label="压测后厨",
        defaults={
            "first_name": "压测",
            "phone_number": "+8613900000009",
            "district_id": "421321",
            "country_id": "CN",
        },
    )
    return organisation, address, people


def timed(step):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        elapsed = time.perf_counter() - started
    return result, elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--cooperatives", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    records = ensure_catalogue(args.cooperatives, args.lines)
    organisation, address, people = ensure_canteen()
    lines = [(record.pk, 10) for record in records]
    delivery_date = timezone.localdate() + datetime.timedelta(days=3)
    figures = {"create": [], "submit": [], "approve": []}
    print(
        f"{connection.vendor}: {len(lines)} lines from {args.cooperatives} cooperatives, {args.rounds} rounds"
    )
    for _round in range(args.rounds):
        order, seconds, count = timed(
            lambda: services.purchase_order_create(
                organisation=organisation,
                by=people[Role.BUYER],
                delivery_address=address,
                delivery_date=delivery_date,
                lines=lines,
            )
        )
        figures["create"].append((seconds, count))
        _order, seconds, count = timed(
            lambda order=order: services.purchase_order_submit(purchase_order=order, by=people[Role.BUYER])
        )
        figures["submit"].append((seconds, count))
        _order, seconds, count = timed(
            lambda order=order: services.purchase_order_approve(
                purchase_order=order, by=people[Role.APPROVER]
            )
        )
        figures["approve"].append((seconds, count))
        assert order.supplier_orders.count() == args.cooperatives
    for step, rows in figures.items():
        median = statistics.median(seconds for seconds, _count in rows)
        print(f"{step:8} median {median * 1000:8.0f} ms   queries {rows[-1][1]}")


if __name__ == "__main__":
    main()
