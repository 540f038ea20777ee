"""Property: whatever shoppers and canteens bought and got refunded or rejected, every view of
the ledger adds up to the same cents, and that is what the lines behind it were finally sold for:
paid lines less what refunds gave back for goods, plus accepted units at their line prices."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from catalog.models import CooperativeProfile
from procurement.constants import Role
from procurement.ledger import selectors
from procurement.ledger.models import LedgerEntry
from shop.address.models import Division
from shop.payments.services import line_refund_amount
from tests.catalog.conftest import make_area
from tests.conftest import reference_data_load
from tests.factories import CategoryFactory, ProductFactory
from tests.procurement.conftest import address_make, cooperative_make, member, organisation_make, stock

from .conftest import accepted_purchase, refund_paid, retail_order

User = get_user_model()
PRICES = ("68.00", "42.50", "88.00", "19.99")

retail_orders = st.lists(
    st.fixed_dictionaries(
        {
            "items": st.lists(
                st.tuples(st.integers(0, len(PRICES) - 1), st.integers(1, 4)),
                min_size=1,
                max_size=3,
                unique_by=lambda item: item[0],
            ),
            # Each refund: units of one line (by index), or a share (‰) of what is left; units
            # first (a unit refunded after a goodwill amount gives back more than the line has
            # left, and the ledger stops the line at nothing).
            "refunds": st.lists(
                st.one_of(
                    st.tuples(st.just("units"), st.integers(0, 2), st.integers(1, 4)),
                    st.tuples(st.just("amount"), st.integers(1, 1000), st.just(0)),
                ),
                max_size=2,
            ),
        }
    ),
    max_size=4,
)
# (香菇 units, at least the 10 of its first tier, which is its minimum order; 泡泡青 units;
# 香菇 units rejected at 验收)
purchases = st.lists(st.tuples(st.integers(10, 40), st.integers(1, 30), st.integers(0, 5)), max_size=2)


def build_market():
    """Two cooperatives of two towns' areas, four retail products, a canteen with its roles."""
    if not Division.objects.exists():
        reference_data_load()  # flushed by an earlier transactional test
    areas = [
        make_area("sanligang", "三里岗镇香菇小镇安置区", "三里岗镇"),
        make_area("yindian", "殷店镇东岳安置点", "殷店镇"),
    ]
    canteen = organisation_make("随县机关事务服务中心机关食堂", serial=1)
    coop_a, coop_a_user = cooperative_make("随县香菇专业合作社", "coop-a@example.cn", 1)
    coop_b, coop_b_user = cooperative_make("随县蔬菜专业合作社", "coop-b@example.cn", 2)
    for partner, area in ((coop_a, areas[0]), (coop_b, areas[1])):
        profile = CooperativeProfile.objects.get(partner=partner)
        profile.areas.add(area)
        profile.households_linked = 50
        profile.save()
    categories = [CategoryFactory(name="食用菌"), CategoryFactory(name="蜂产品")]
    products = [
        ProductFactory(
            categories=[categories[n % 2]],
            stockrecord__partner=(coop_a, coop_b)[n % 2],
            stockrecord__price=price,
            stockrecord__num_in_stock=10_000,
        )
        for n, price in enumerate(PRICES)
    ]
    return SimpleNamespace(
        canteen=canteen,
        buyer=member(canteen, "buyer@example.cn", Role.BUYER),
        approver=member(canteen, "approver@example.cn", Role.APPROVER),
        receiver=member(canteen, "receiver@example.cn", Role.RECEIVER),
        kitchen=address_make(canteen, "机关食堂后厨"),
        coop_a=coop_a,
        coop_a_user=coop_a_user,
        coop_b=coop_b,
        coop_b_user=coop_b_user,
        mushroom=stock(coop_a, "随州香菇 5kg", price="150.00", tiers=[(10, "130.00")]),
        greens=stock(coop_b, "泡泡青 5kg", price="40.00"),
        products=products,
        shopper=User.objects.create_user("li.na@example.cn", "Suixian-Shopper-2026"),
        operator=User.objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026"),
    )


def sell(market, orders):
    """Places, pays and refunds ``orders``; returns what the shoppers finally paid for goods."""
    expected = Decimal("0.00")
    for spec in orders:
        order = retail_order(market.shopper, [(market.products[i], units) for i, units in spec["items"]])
        lines = list(order.lines.order_by("pk"))
        left = {line.pk: line.quantity for line in lines}
        net = sum(line.line_price_incl_tax for line in lines)
        for kind, first, second in sorted(spec["refunds"], key=lambda refund: refund[0] != "units"):
            if kind == "units":
                line = lines[first % len(lines)]
                units = min(second, left[line.pk])
                if not units:
                    continue
                amount = line_refund_amount(line, units, already=line.quantity - left[line.pk])
                refund_paid(market.operator, order=order, line_quantities={line.pk: units})
                left[line.pk] -= units
            else:
                amount = (net * first / 1000).quantize(Decimal("0.01"))
                if amount <= 0:
                    continue
                refund_paid(market.operator, order=order, amount=str(amount))
            net -= amount
        expected += net
    return expected


def buy(market, specs):
    """Canteen purchase orders received with some units rejected; returns the accepted goods."""
    expected = Decimal("0.00")
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    for mushrooms, greens, rejected in specs:
        accepted = {market.mushroom.pk: max(mushrooms - rejected, 0), market.greens.pk: greens}
        for supplier_order in accepted_purchase(
            market, next_week, [(market.mushroom, mushrooms), (market.greens, greens)], accepted
        ):
            for supplier_line in supplier_order.lines.select_related("line"):
                supplier_line.refresh_from_db()
                expected += supplier_line.line.unit_price_incl_tax * supplier_line.accepted_quantity
    return expected


class LedgerReconciles(TestCase):
    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(orders=retail_orders, purchase_specs=purchases)
    def test_every_view_adds_up_to_the_lines_behind_it(self, orders, purchase_specs):
        market = build_market()
        expected = sell(market, orders) + buy(market, purchase_specs)
        filters = selectors.LedgerFilters(year=selectors.this_year())
        entries = selectors.ledger_filtered(selectors.ledger_entries_for(market.operator), filters)

        total = selectors.ledger_total(entries).net
        views = {
            "channel": selectors.ledger_by_channel(entries),
            "month": selectors.ledger_by_month(entries, filters),
            "cooperative": selectors.ledger_by_cooperative(entries),
            "area": selectors.ledger_by_area(entries),
            "town": selectors.ledger_by_town(entries),
            "category": selectors.ledger_by_category(entries),
        }

        assert total == expected
        assert selectors._impact(filters.year).net == total  # the public page's figure
        for name, rows in views.items():
            assert sum((row.net for row in rows), Decimal("0.00")) == total, name
            assert all(row.sold + row.refunded == row.net for row in rows), name
        by_channel = {row.key: row.net for row in views["channel"]}
        organisations = selectors.ledger_by_organisation(entries, filters)
        assert sum(row.net for row in organisations) == by_channel["institutional"]
        lines = LedgerEntry.objects.values_list("line_id", flat=True).distinct()
        for line_id in lines:
            net = sum(LedgerEntry.objects.filter(line_id=line_id).values_list("amount", flat=True))
            assert net >= 0
