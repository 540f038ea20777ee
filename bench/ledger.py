"""The consumption-assistance ledger at a county's scale: its report views, the public impact
figures and the yearly Excel export over 1,000,000 order lines, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres wenfu_bench_ledger
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wenfu_bench_ledger .venv/bin/python bench/ledger.py

Migrates the scratch database and fills it once (``--lines``, default 1,000,000): orders of five
lines each across 20 cooperatives, 10 resettlement areas, 5 categories and 50 buyer
organisations, four in five lines shoppers' (each filed as a sale), one in five institutional
(filed at 验收), one in twenty refunded in part, spread over this year. Rows are inserted by SQL
from one template order made through the ORM (the services would take hours for a million), then
the monthly roll-up the reports read is computed from them with ``ledger_months_rebuild`` (timed,
every run). The reads measured are the pages' own. Prints, for each view, the median of
``--repeat`` warm runs and its SQL queries; then what the roll-up's upsert adds to filing the sale
of one five-line order (``ledger_sale_enter``, rolled back after each run).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from catalog.models import CooperativeProfile, ResettlementArea  # noqa: E402
from catalog.validators import cooperative_credit_code  # noqa: E402
from procurement.constants import OrganisationKind  # noqa: E402
from procurement.ledger import selectors, services  # noqa: E402
from procurement.ledger.exports import ledger_workbook  # noqa: E402
from procurement.ledger.models import LedgerEntry, LedgerMonth  # noqa: E402
from procurement.models import Organisation  # noqa: E402

Category = get_model("catalogue", "Category")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
PREFIX = "LB"
LINES_PER_ORDER = 5


def _dimensions():
    """The cooperatives, areas, categories and organisations the bench rows are filed under."""
    areas = [
        ResettlementArea.objects.get_or_create(
            slug=f"ledger-bench-{n}",
            defaults={"name": f"基准安置区{n}", "town": f"基准镇{n % 5}", "households": 100},
        )[0]
        for n in range(10)
    ]
    partners = []
    for n in range(20):
        partner, _ = Partner.objects.get_or_create(name=f"台账基准第{n}合作社")
        profile, _ = CooperativeProfile.objects.get_or_create(
            partner=partner,
            defaults={"legal_name": partner.name, "credit_code": cooperative_credit_code(f"LEDGE{n:04d}")},
        )
        profile.areas.add(areas[n % 10])
        partners.append(partner)
    categories = [
        Category.objects.filter(name=f"台账基准品类{n}").first() or Category.add_root(name=f"台账基准品类{n}")
        for n in range(5)
    ]
    organisations = [
        Organisation.objects.get_or_create(
            credit_code=f"11421321LB{n:08d}",
            defaults={
                "name": f"台账基准单位{n}",
                "kind": OrganisationKind.GOVERNMENT if n % 2 else OrganisationKind.SCHOOL,
                "annual_target": Decimal("500000.00"),
            },
        )[0]
        for n in range(50)
    ]
    return partners, areas, categories, organisations


def _array(rows):
    return "ARRAY[" + ",".join(str(row.pk) for row in rows) + "]"


def ensure_data(lines):
    """Inserts the bench orders, lines and ledger entries once."""
    if Line.objects.filter(order__number__startswith=PREFIX).count() >= lines:
        return
    partners, areas, categories, organisations = _dimensions()
    template, _ = Order.objects.get_or_create(
        number=f"{PREFIX}-template",
        defaults={
            "total_incl_tax": 0,
            "total_excl_tax": 0,
            "shipping_method": "bench",
            "status": "已完成",
            "guest_email": "",
            "currency": "CNY",
        },
    )
    if not template.lines.exists():
        Line.objects.create(
            order=template,
            partner=partners[0],
            partner_name=partners[0].name,
            partner_sku="bench",
            title="基准商品",
            quantity=1,
            line_price_incl_tax=0,
            line_price_excl_tax=0,
            line_price_before_discounts_incl_tax=0,
            line_price_before_discounts_excl_tax=0,
            unit_price_incl_tax=0,
            num_allocated=0,
        )
    orders = lines // LINES_PER_ORDER
    order_columns = [
        f.column for f in Order._meta.concrete_fields if f.column not in ("id", "number", "date_placed")
    ]
    line_columns = [
        f.column
        for f in Line._meta.concrete_fields
        if f.column
        not in ("id", "order_id", "partner_id", "quantity", "line_price_incl_tax", "unit_price_incl_tax")
    ]
    year = selectors.this_year()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO order_order (number, date_placed, {", ".join(order_columns)})
                SELECT '{PREFIX}' || g, make_timestamptz({year}, 1, 1, 9, 0, 0, 'Asia/Shanghai')
                       + ((g % 330) || ' days')::interval, {", ".join("t." + c for c in order_columns)}
                FROM order_order t, generate_series(1, {orders}) g WHERE t.id = {template.pk}"""
        )
        cursor.execute(
            f"""INSERT INTO order_line (order_id, partner_id, quantity, line_price_incl_tax,
                                        unit_price_incl_tax, {", ".join(line_columns)})
                SELECT o.id, ({_array(partners)})[1 + (o.id * 7 + k) % 20], 1 + k % 3,
                       (1 + k % 3) * (10 + (o.id * 13 + k) % 190), 10 + (o.id * 13 + k) % 190,
                       {", ".join("t." + c for c in line_columns)}
                FROM order_order o, generate_series(0, {LINES_PER_ORDER - 1}) k, order_line t
                WHERE o.number LIKE '{PREFIX}%' AND o.number <> '{PREFIX}-template'
                  AND t.order_id = {template.pk}"""
        )
        # A sale per shopper's line, an acceptance per institutional one (every fifth order).
        cursor.execute(
            f"""INSERT INTO ledger_ledgerentry (line_id, kind, channel, organisation_id, partner_id, area_id,
                                               category_id, quantity, amount, occurred_at, occurred_on)
                SELECT l.id,
                       CASE WHEN o.id % 5 = 0 THEN 'acceptance' ELSE 'sale' END,
                       CASE WHEN o.id % 5 = 0 THEN 'institutional' ELSE 'retail' END,
                       CASE WHEN o.id % 5 = 0 THEN ({_array(organisations)})[1 + o.id % 50] END,
                       l.partner_id, ({_array(areas)})[1 + l.partner_id % 10],
                       ({_array(categories)})[1 + l.id % 5],
                       l.quantity, l.line_price_incl_tax, o.date_placed,
                       (o.date_placed AT TIME ZONE 'Asia/Shanghai')::date
                FROM order_line l JOIN order_order o ON o.id = l.order_id
                WHERE o.number LIKE '{PREFIX}%' AND o.number <> '{PREFIX}-template'"""
        )
        # One shopper's line in twenty gets one unit refunded a week later.
        cursor.execute(
            """INSERT INTO ledger_ledgerentry (line_id, kind, channel, organisation_id, partner_id, area_id,
                                              category_id, quantity, amount, occurred_at, occurred_on)
               SELECT line_id, 'refund', channel, NULL, partner_id, area_id, category_id, -1,
                      -(amount / quantity), occurred_at + interval '7 days', occurred_on + 7
               FROM ledger_ledgerentry
               WHERE kind = 'sale' AND line_id % 20 = 0
                 AND occurred_on + 7 < make_date(EXTRACT(year FROM occurred_on)::int + 1, 1, 1)"""
        )
        cursor.execute("ANALYZE")


def measure(label, run, repeat, *, digits=0):
    run()  # warm
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
    print(f"{label:<44}{statistics.median(timings):>10.{digits}f} ms{len(queries):>8} queries")


def sale_order(partners):
    """A paid shopper's order of five lines, each of another cooperative (five rows of the
    roll-up), for timing ``ledger_sale_enter``."""
    template = Line.objects.get(order__number=f"{PREFIX}-template")
    order, created = Order.objects.get_or_create(
        number=f"{PREFIX}-sale",
        defaults={
            "total_incl_tax": 0,
            "total_excl_tax": 0,
            "shipping_method": "bench",
            "status": "已付款",
            "guest_email": "",
            "currency": "CNY",
        },
    )
    if created:
        for n, partner in enumerate(partners[:LINES_PER_ORDER]):
            template.pk = None
            template.order, template.partner, template.partner_name = order, partner, partner.name
            template.quantity = 1 + n % 3
            template.unit_price_incl_tax = Decimal(10 + 7 * n)
            template.line_price_incl_tax = template.unit_price_incl_tax * template.quantity
            template.save()
    return order


def measure_sale(order, repeat):
    """``ledger_sale_enter(order)`` in a transaction rolled back each time, with the roll-up's
    upsert and without it (runs interleaved, so both see the same load), and the upsert alone.
    Filed in mid-June, whose rows exist: the usual case, a row being inserted once per month and
    dimension and then only incremented."""
    occurred_at = datetime.datetime(selectors.this_year(), 6, 15, 12, tzinfo=selectors.LEDGER_TIME_ZONE)
    timings = {"with roll-up": [], "entries only": [], "upsert alone": []}
    queries = {}
    for n in range(2 * repeat + 2):
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            if n % 2:
                with mock.patch.object(services, "_months_add"):
                    started = time.perf_counter()
                    filed = services.ledger_sale_enter(order, occurred_at=occurred_at)
                    timings["entries only"].append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                services._months_add(filed)
                timings["upsert alone"].append((time.perf_counter() - started) * 1000)
            else:
                started = time.perf_counter()
                services.ledger_sale_enter(order, occurred_at=occurred_at)
                timings["with roll-up"].append((time.perf_counter() - started) * 1000)
                queries["with roll-up"] = len(captured)
            transaction.set_rollback(True)
    for label, values in timings.items():
        values = values[1:]  # the first of each warms
        print(f"{'ledger_sale_enter, 5 lines, ' + label:<44}{statistics.median(values):>10.2f} ms")
    print(f"{'(queries of ledger_sale_enter with roll-up)':<44}{queries['with roll-up']:>21}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    ensure_data(args.lines)
    print(f"data ready in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    services.ledger_months_rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {LedgerMonth._meta.db_table}")
    print(f"ledger_months_rebuild() in {time.perf_counter() - started:.1f} s")
    operator = get_user_model().objects.filter(
        is_superuser=True
    ).first() or get_user_model().objects.create_superuser("ledger-bench@example.cn", "ledger-bench-2026")
    months = selectors.ledger_months_for(operator)
    print(f"{LedgerEntry.objects.count()} ledger entries, {LedgerMonth.objects.count()} rows of the roll-up")
    year = selectors.this_year()
    whole_year = selectors.LedgerFilters(year=year)
    filtered = selectors.LedgerFilters(
        year=year, month_from=3, month_to=9, channel="institutional", town="基准镇1"
    )
    organisation = Organisation.objects.filter(name="台账基准单位7").first()
    measure("operator report, whole year", lambda: selectors.ledger_report(months, whole_year), args.repeat)
    measure("operator report, filtered", lambda: selectors.ledger_report(months, filtered), args.repeat)
    measure(
        "one organisation's report",
        lambda: selectors.ledger_report(months.filter(organisation_id=organisation.pk), whole_year),
        args.repeat,
    )
    measure("public impact figures (uncached)", lambda: selectors._impact(year), args.repeat)
    report = selectors.ledger_report(months, whole_year)
    measure(
        "yearly Excel export (report + workbook)",
        lambda: ledger_workbook(selectors.ledger_report(months, whole_year)),
        3,
    )
    print(f"total net ¥{report.total.net}")
    measure_sale(sale_order(_dimensions()[0]), max(args.repeat, 50))


if __name__ == "__main__":
    main()
