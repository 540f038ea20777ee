"""The ledger files what moved the money, once: a paid shopper's lines (without carriage), each
refund of them netted from the lines it gave money back for, the accepted units of a canteen's
验收 (never the rejected ones, nor the delivery fee); and sums each in its month's row of the
roll-up as it is filed, the same table ``ledger_months_rebuild`` computes from the entries."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from procurement.ledger import selectors
from procurement.ledger.models import (
    LEDGER_MONTH_KEY,
    LedgerChannel,
    LedgerEntry,
    LedgerEntryKind,
    LedgerMonth,
)
from procurement.ledger.services import ledger_months_rebuild, ledger_rebuild
from shop.order.constants import OrderStatus
from shop.payments import services as payments
from shop.payments.constants import NoticeOutcome

from .conftest import accepted_purchase, refund_paid, retail_order

pytestmark = pytest.mark.django_db


def filed(**filters):
    """``[(line title, kind, units, amount)]`` of the entries, in the order they were filed."""
    return [
        (entry.line.title, entry.kind, entry.quantity, entry.amount)
        for entry in LedgerEntry.objects.filter(**filters).select_related("line").order_by("pk")
    ]


def roll_up():
    """The roll-up's rows, as sorted tuples of its key and sums."""
    return sorted(LedgerMonth.objects.values_list(*LEDGER_MONTH_KEY, "amount", "quantity", "entries"))


def test_a_paid_order_files_each_line_as_paid_without_carriage(shelves, shopper, areas, world):
    order = retail_order(shopper, [(shelves.shiitake, 2), (shelves.honey, 1)], shipping="12.00")

    assert order.status == OrderStatus.PAID
    assert filed() == [
        ("随州花菇 500g", LedgerEntryKind.SALE, 2, Decimal("136.00")),
        ("高山土蜂蜜 500g", LedgerEntryKind.SALE, 1, Decimal("88.00")),
    ]
    shiitake, honey = LedgerEntry.objects.order_by("pk")
    assert (shiitake.channel, shiitake.partner, shiitake.organisation) == (
        LedgerChannel.RETAIL,
        world.coop_a,
        None,
    )
    # No origin area: the first area its cooperative serves; the top-level category.
    assert (shiitake.area, shiitake.category) == (areas.sanligang, shelves.fungi)
    assert (honey.area, honey.category) == (areas.yindian, shelves.bee)


def test_a_replayed_payment_and_a_payment_after_closing_file_nothing_more(shelves, shopper):
    order = retail_order(shopper, [(shelves.shiitake, 1)])

    again = payments.payment_record(order, trade_no=f"2026{order.number}", amount=order.total_incl_tax)

    assert again == NoticeOutcome.DUPLICATE
    assert LedgerEntry.objects.count() == 1


def test_refunds_are_netted_from_their_lines_and_never_below_nothing(shelves, shopper, operator):
    order = retail_order(shopper, [(shelves.shiitake, 3), (shelves.honey, 1)], shipping="10.00")
    shiitake, honey = order.lines.order_by("pk")

    refund_paid(operator, order=order, line_quantities={shiitake.pk: 1})
    # The honey, whose parcel then ships nothing, with ¥7.00 of carriage: only goods come off.
    refund_paid(operator, order=order, amount="95.00", line_quantities={honey.pk: 1})
    # A goodwill amount without units: shared over what is left (2 × 68.00 of 花菇 only).
    refund_paid(operator, order=order, amount="20.00")

    assert filed(kind=LedgerEntryKind.REFUND) == [
        ("随州花菇 500g", LedgerEntryKind.REFUND, -1, Decimal("-68.00")),
        ("高山土蜂蜜 500g", LedgerEntryKind.REFUND, -1, Decimal("-88.00")),
        ("随州花菇 500g", LedgerEntryKind.REFUND, 0, Decimal("-20.00")),
    ]
    nets = {line.title: sum(e.amount for e in line.ledger_entries.all()) for line in order.lines.all()}
    assert nets == {"随州花菇 500g": Decimal("116.00"), "高山土蜂蜜 500g": Decimal("0.00")}


def test_an_amount_refund_is_shared_over_the_lines_to_the_cent(shelves, shopper, operator):
    order = retail_order(shopper, [(shelves.shiitake, 1), (shelves.wood_ear, 1), (shelves.honey, 1)])

    refund_paid(operator, order=order, amount="10.00")

    # 68.00 : 42.50 : 88.00 of 198.50; the cent left over goes to the largest remainder.
    assert {title: amount for title, _kind, _units, amount in filed(kind=LedgerEntryKind.REFUND)} == {
        "随州花菇 500g": Decimal("-3.43"),
        "随县黑木耳 250g": Decimal("-2.14"),
        "高山土蜂蜜 500g": Decimal("-4.43"),
    }


def test_a_payment_after_closing_and_its_refund_file_nothing(shelves, shopper, operator):
    order = retail_order(shopper, [(shelves.honey, 1)], paid=False)
    payments._cancel_unpaid(
        order, actor=None, reason="30 分钟内未付款"
    )  # as the close does, once Alipay's trade is closed

    outcome = payments.payment_record(order, trade_no="2026LATE", amount=order.total_incl_tax)
    refund_paid(operator, order=order, amount="98.00")

    assert outcome == NoticeOutcome.LATE
    assert not LedgerEntry.objects.exists()


def test_acceptance_files_the_accepted_units_at_the_line_price(world, next_week, areas):
    supplier_orders = accepted_purchase(
        world, next_week, [(world.mushroom, 50), (world.greens, 20)], accepted={world.mushroom.pk: 48}
    )

    assert sorted(filed()) == [
        ("泡泡青 5kg", LedgerEntryKind.ACCEPTANCE, 20, Decimal("640.00")),
        ("随州香菇 5kg", LedgerEntryKind.ACCEPTANCE, 48, Decimal("5760.00")),
    ]
    entry = LedgerEntry.objects.get(partner=world.coop_a)
    assert (entry.channel, entry.organisation) == (LedgerChannel.INSTITUTIONAL, world.canteen)
    assert {supplier_order.partner for supplier_order in supplier_orders} == {world.coop_a, world.coop_b}


def test_rebuilding_files_again_exactly_what_was_filed(world, next_week, shelves, shopper, operator):
    order = retail_order(shopper, [(shelves.shiitake, 3), (shelves.honey, 1)])
    refund_paid(operator, order=order, line_quantities={order.lines.order_by("pk").first().pk: 1})
    accepted_purchase(world, next_week, [(world.fungus, 10)], accepted={world.fungus.pk: 9})
    before, months = sorted(filed()), roll_up()

    assert ledger_rebuild() == 0
    LedgerEntry.objects.all().delete()
    assert ledger_rebuild() == len(before)

    assert sorted(filed()) == before
    assert roll_up() == months


def test_sales_and_refunds_are_summed_apart_in_their_months_row(shelves, shopper, operator, world, areas):
    order = retail_order(shopper, [(shelves.shiitake, 3), (shelves.wood_ear, 1)])
    refund_paid(operator, order=order, line_quantities={order.lines.order_by("pk").first().pk: 1})
    refund_paid(operator, order=order, amount="20.00")
    month = LedgerEntry.objects.first().occurred_on.replace(day=1)

    key = (month, LedgerChannel.RETAIL)
    sanligang = (world.coop_a.pk, areas.sanligang.pk, 0, shelves.fungi.pk)
    # 花菇 and 木耳 are one row (the same cooperative, area and category); the two refunds another.
    assert roll_up() == [
        (*key, False, *sanligang, Decimal("246.50"), 4, 2),
        (*key, True, *sanligang, Decimal("-88.00"), -1, 3),
    ]


def test_the_roll_up_computed_again_from_the_entries_is_the_one_kept_as_they_were_filed(
    world, next_week, shelves, shopper, operator
):
    order = retail_order(shopper, [(shelves.shiitake, 3), (shelves.honey, 1)])
    retail_order(shopper, [(shelves.wood_ear, 2)])
    refund_paid(operator, order=order, line_quantities={order.lines.order_by("pk").first().pk: 1})
    refund_paid(operator, order=order, amount="5.00")
    accepted_purchase(
        world, next_week, [(world.mushroom, 50), (world.greens, 20)], accepted={world.mushroom.pk: 48}
    )
    kept = roll_up()

    assert ledger_months_rebuild() == len(kept) == 6
    assert roll_up() == kept
    LedgerMonth.objects.all().delete()  # as an operator would find it after a restore
    call_command("ledger_months_rebuild", stdout=io.StringIO())
    assert roll_up() == kept


def test_an_entry_whose_category_was_deleted_counts_as_unclassified(shelves, shopper, operator):
    retail_order(shopper, [(shelves.shiitake, 1), (shelves.honey, 1)])
    shelves.bee.delete()
    months = selectors.ledger_filtered(
        selectors.ledger_months_for(operator), selectors.LedgerFilters(year=selectors.this_year())
    )

    rows = {row.label: row.net for row in selectors.ledger_by_category(months)}

    assert LedgerEntry.objects.filter(category=None).count() == 1
    assert rows == {"食用菌": Decimal("68.00"), "未分类": Decimal("88.00")}
