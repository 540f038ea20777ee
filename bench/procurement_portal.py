"""The procurement portal with many purchase orders: render time and SQL queries of its pages.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_portal
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_portal DEBUG=1 \\
        .venv/bin/python bench/procurement_portal.py

Migrates the scratch database and fills it once with ``--orders`` purchase orders of one verified
canteen, spread over every state, each with two lines (bulk inserts; a second run reuses them);
then renders the portal home, the order list and its first tab as the canteen's buyer, approver
and 财务 ``--repeat`` times each through Django's test client and prints the median time and the
query count of one render.
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

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile  # noqa: E402
from catalog.validators import cooperative_credit_code, credit_code_check_char  # noqa: E402
from procurement.constants import OrganisationKind, OrganisationStatus, PurchaseOrderState, Role  # noqa: E402
from procurement.models import DeliveryAddress, Membership, Organisation, PurchaseOrder, PurchaseOrderLine  # noqa: E402

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

PREFIX = "bportal"
PASSWORD = "bench-pass-2026"


def ensure_people():
    first17 = "11421321MB9C00001"
    organisation, created = Organisation.objects.get_or_create(
        credit_code=first17 + credit_code_check_char(first17),
        defaults={
            "name": "压测县直机关食堂",
            "kind": OrganisationKind.GOVERNMENT,
            "invoice_title": "压测县直机关食堂",
            "registered_address": "随县厉山镇",
            "contact_name": "压测",
            "contact_mobile": "13900000008",
            "annual_target": Decimal("500000.00"),
        },
    )
    if created:
        Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.VERIFIED)
    people = {}
    for role in (Role.BUYER, Role.APPROVER, Role.FINANCE):
        email = f"{PREFIX}-{role.value}@example.cn"
        user = User.objects.filter(email=email).first() or User.objects.create_user(email, PASSWORD)
        Membership.objects.get_or_create(
            organisation=organisation, user=user, defaults={"roles": [role.value]}
        )
        people[role] = user
    address, _ = DeliveryAddress.objects.get_or_create(
        organisation=organisation,
        label="压测后厨",
        defaults={
            "first_name": "压测",
            "phone_number": "+8613900000008",
            "district_id": "421321",
            "country_id": "CN",
        },
    )
    return organisation, address, people


def ensure_orders(count, organisation, address, buyer):
    """``count`` purchase orders in every state, two lines each, inserted in bulk."""
    existing = PurchaseOrder.objects.filter(organisation=organisation).count()
    if existing >= count:
        return existing
    product_class, _ = ProductClass.objects.get_or_create(name="批量", defaults={"track_stock": True})
    partner, _ = Partner.objects.get_or_create(name="随县压测合作社")
    CooperativeProfile.objects.get_or_create(
        partner=partner,
        defaults={"legal_name": partner.name, "credit_code": cooperative_credit_code("MB8000001")},
    )
    records = []
    for n in range(2):
        product, _ = Product.objects.get_or_create(
            upc=f"{PREFIX}{n}",
            defaults={
                "title": f"压测商品{n}",
                "slug": f"{PREFIX}-{n}",
                "product_class": product_class,
                "approved_at": timezone.now(),
            },
        )
        record, _ = StockRecord.objects.get_or_create(
            product=product,
            partner=partner,
            defaults={"partner_sku": f"{PREFIX}{n}", "price": Decimal("30.00")},
        )
        records.append(record)
    states = list(PurchaseOrderState.values)
    today = timezone.localdate()
    orders = PurchaseOrder.objects.bulk_create(
        PurchaseOrder(
            number=f"BP{n:08d}",
            organisation=organisation,
            state=states[n % len(states)],
            delivery_address=address,
            delivery_date=today + datetime.timedelta(days=n % 60),
            created_by=buyer,
            submitted_by=buyer,
            goods_total=Decimal("600.00"),
        )
        for n in range(existing, count)
    )
    PurchaseOrderLine.objects.bulk_create(
        PurchaseOrderLine(
            purchase_order=order,
            product_id=record.product_id,
            stockrecord=record,
            quantity=10,
            unit_price=Decimal("30.00"),
            retail_price=Decimal("30.00"),
        )
        for order in orders
        for record in records
    )
    return count


def render(client, url, repeat):
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    organisation, address, people = ensure_people()
    total = ensure_orders(args.orders, organisation, address, people[Role.BUYER])
    print(f"{connection.vendor}: {total} purchase orders of one organisation")
    pages = [
        ("portal home", reverse("procurement:home")),
        ("order list", reverse("procurement:order-list")),
        ("order list, 待审批", reverse("procurement:order-list") + f"?state={PurchaseOrderState.SUBMITTED}"),
    ]
    for role, user in people.items():
        client = Client()
        client.force_login(user, backend="shop.users.backends.EmailOrMobileBackend")
        for name, url in pages:
            median, queries = render(client, url, args.repeat)
            print(f"{role.label:4} {name:18} median {median * 1000:7.1f} ms   queries {queries}")


if __name__ == "__main__":
    main()
