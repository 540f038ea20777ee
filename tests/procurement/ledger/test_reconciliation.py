"""Property: whatever shoppers and canteens bought — some shoppers with a union's welfare voucher
— and got refunded or rejected, every view of the ledger adds up to the same cents, and that is
what the lines behind it were finally sold for: paid lines (the shopper's part and the voucher's)
less what refunds took back, plus accepted units at their line prices; the union's campaign
settles exactly its channel's part. The monthly roll-up the reports read is, row for row, a
``GROUP BY`` of the entries, kept so as they were written and computed so again from them."""

import datetime
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from catalog.models import CooperativeProfile
from procurement.campaigns import services as campaigns
from procurement.campaigns.models import UnionMember
from procurement.campaigns.selectors import campaign_figures, campaign_settlement
from procurement.constants import OrganisationKind, Role
from procurement.ledger import selectors
from procurement.ledger.demo import order_place
from procurement.ledger.models import LEDGER_MONTH_KEY, LedgerEntry, LedgerEntryKind, LedgerMonth
from procurement.ledger.services import ledger_months_rebuild
from shop.address.models import Division
from shop.payments import services as payments
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
            # Paid in part with the shopper's welfare voucher (¥100 off resettlement-area goods).
            "voucher": st.booleans(),
            # Each refund: units of one line (by index), or a share (‰) of what is left; units
            # first (a unit refunded after a goodwill amount gives back more than the line has
            # left, and the ledger stops the line at nothing). A voucher order's lines are
            # refunded whole: what part of a unit was the union's is the ledger's rule alone.
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
        **welfare_campaign(),
    )


def welfare_campaign(members=4):
    """A running campaign of the county union, ¥100 a member; ``members``: (account, voucher)."""
    union = organisation_make("随县总工会", kind=OrganisationKind.UNION, prefix="81", serial=7)
    admin = member(union, "gonghui@example.cn", Role.ADMIN)
    accounts = []
    for n in range(members):
        mobile = f"1380000{n:04d}"
        UnionMember.objects.create(organisation=union, name=f"会员{n}", mobile=mobile)
        account = User(email=None, mobile=mobile)
        account.set_unusable_password()
        account.save()
        accounts.append(account)
    today = timezone.localdate()
    campaign = campaigns.campaign_save(
        organisation=union,
        by=admin,
        name="中秋节福利",
        holiday="mid_autumn",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=10),
        member_amount=Decimal("100.00"),
        budget=Decimal("100.00") * members,
    )
    campaigns.campaign_start(campaign=campaign, by=admin)
    vouchers = {
        grant.member.mobile: grant.voucher for grant in campaign.grants.select_related("member", "voucher")
    }
    return {"campaign": campaign, "members": [(account, vouchers[account.mobile]) for account in accounts]}


def _ordered_refunds(spec):
    return sorted(spec["refunds"], key=lambda refund: refund[0] != "units")


def _sell_retail(market, spec, items):
    """A shopper's order paid on Alipay alone, refunded; what it was finally sold for."""
    order = retail_order(market.shopper, items)
    lines = list(order.lines.order_by("pk"))
    left = {line.pk: line.quantity for line in lines}
    net = sum(line.line_price_incl_tax for line in lines)
    for kind, first, second in _ordered_refunds(spec):
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
    return net


def _sell_with_voucher(market, spec, items, holder):
    """A member's order paid with their welfare voucher and the rest on Alipay, its lines
    refunded whole or money given back; what it was finally sold for: the lines still sold at
    their full price (the shopper's part and the union's) less the money given back."""
    account, voucher = holder
    order = order_place(account, items, vouchers=[voucher])
    payments.payment_record(order, trade_no=f"2026{order.number}", amount=order.total_incl_tax)
    lines = list(order.lines.order_by("pk"))
    worth = {line.pk: line.line_price_before_discounts_incl_tax for line in lines}
    paid = {line.pk: line.line_price_incl_tax for line in lines}
    given_back = Decimal("0.00")
    for kind, first, _second in _ordered_refunds(spec):
        if kind == "units":
            line = lines[first % len(lines)]
            # (A line the voucher paid entirely has no money to give back on Alipay.)
            if not paid[line.pk]:
                continue
            refund_paid(market.operator, order=order, line_quantities={line.pk: line.quantity})
            worth[line.pk] = paid[line.pk] = Decimal("0.00")
        else:
            # A share of what the shopper has still paid for goods: more would be carriage,
            # which the ledger never counted (and Alipay may not have left to give back).
            amount = ((sum(paid.values()) - given_back) * first / 1000).quantize(Decimal("0.01"))
            if amount <= 0:
                continue
            refund_paid(market.operator, order=order, amount=str(amount))
            given_back += amount
    return sum(worth.values()) - given_back


def sell(market, orders):
    """Places, pays and refunds ``orders``; returns what the shoppers and the union finally
    paid for goods."""
    holders = list(market.members)
    expected = Decimal("0.00")
    for spec in orders:
        items = [(market.products[i], units) for i, units in spec["items"]]
        if spec["voucher"] and holders:
            expected += _sell_with_voucher(market, spec, items, holders.pop())
        else:
            expected += _sell_retail(market, spec, items)
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


def month_row_of(entry):
    """The roll-up row ``entry`` belongs to: its month, channel, sale or refund, cooperative,
    area, organisation and category (0 for none)."""
    return (
        entry.occurred_on.replace(day=1),
        entry.channel,
        entry.kind == LedgerEntryKind.REFUND,
        entry.partner_id,
        entry.area_id or 0,
        entry.organisation_id or 0,
        entry.category_id or 0,
    )


def entries_grouped():
    """``{roll-up key: (amount, units, entries)}`` summed here from every entry."""
    sums = defaultdict(lambda: (Decimal("0.00"), 0, 0))
    for entry in LedgerEntry.objects.all():
        amount, units, count = sums[month_row_of(entry)]
        sums[month_row_of(entry)] = (amount + entry.amount, units + entry.quantity, count + 1)
    return dict(sums)


def roll_up():
    """``{roll-up key: (amount, units, entries)}`` as the table has them."""
    rows = LedgerMonth.objects.values_list(*LEDGER_MONTH_KEY, "amount", "quantity", "entries")
    return {tuple(row[:-3]): tuple(row[-3:]) for row in rows}


def figures_of_entries(key):
    """``{key(entry): (sold, refunded, net, units)}`` summed here from every entry."""
    sums = defaultdict(lambda: (Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), 0))
    for entry in LedgerEntry.objects.select_related("area"):
        sold, refunded, net, units = sums[key(entry)]
        if entry.kind == LedgerEntryKind.REFUND:
            refunded += entry.amount
        else:
            sold += entry.amount
        sums[key(entry)] = (sold, refunded, net + entry.amount, units + entry.quantity)
    return {value: figures for value, figures in sums.items() if any(figures)}


def figures_of(rows):
    """``{row key: (sold, refunded, net, units)}`` of a report's rows, those with anything."""
    figures = {row.key: (row.sold, row.refunded, row.net, row.units) for row in rows}
    return {key: value for key, value in figures.items() if any(value)}


class LedgerReconciles(TestCase):
    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(orders=retail_orders, purchase_specs=purchases)
    def test_every_view_adds_up_to_the_lines_behind_it(self, orders, purchase_specs):
        market = build_market()
        expected = sell(market, orders) + buy(market, purchase_specs)
        filters = selectors.LedgerFilters(year=selectors.this_year())
        months = selectors.ledger_filtered(selectors.ledger_months_for(market.operator), filters)

        total = selectors.ledger_total(months).net
        views = {
            "channel": selectors.ledger_by_channel(months),
            "month": selectors.ledger_by_month(months, filters),
            "cooperative": selectors.ledger_by_cooperative(months),
            "area": selectors.ledger_by_area(months),
            "town": selectors.ledger_by_town(months),
            "category": selectors.ledger_by_category(months),
        }

        # The roll-up, kept as each entry was written, is the entries' GROUP BY to the cent …
        kept = roll_up()
        assert kept == entries_grouped()
        # … and the same computed again from them.
        assert ledger_months_rebuild() == len(kept)
        assert roll_up() == kept
        assert total == expected
        assert selectors._impact(filters.year).net == total  # the public page's figure
        for name, rows in views.items():
            assert sum((row.net for row in rows), Decimal("0.00")) == total, name
            assert all(row.sold + row.refunded == row.net for row in rows), name
        # Each view from the roll-up is its entries' sums, row for row.
        keys = {
            "channel": lambda entry: entry.channel,
            "month": lambda entry: entry.occurred_on.month,
            "cooperative": lambda entry: entry.partner_id,
            "area": lambda entry: entry.area_id,
            "town": lambda entry: entry.area.town if entry.area else None,
            "category": lambda entry: entry.category_id,
        }
        for name, key in keys.items():
            assert figures_of(views[name]) == figures_of_entries(key), name
        by_channel = {row.key: row.net for row in views["channel"]}
        organisations = selectors.ledger_by_organisation(months, filters)
        organisation_figures = figures_of_entries(lambda entry: entry.organisation_id)
        organisation_figures.pop(None, None)
        assert figures_of(organisations) == organisation_figures
        assert sum(row.net for row in organisations) == by_channel["institutional"] + by_channel["welfare"]
        settlement = sum((row.amount for row in campaign_settlement(market.campaign)), Decimal("0.00"))
        assert settlement == by_channel["welfare"] == campaign_figures(market.campaign).redeemed_amount
        lines = LedgerEntry.objects.values_list("line_id", flat=True).distinct()
        for line_id in lines:
            net = sum(LedgerEntry.objects.filter(line_id=line_id).values_list("amount", flat=True))
            assert net >= 0
