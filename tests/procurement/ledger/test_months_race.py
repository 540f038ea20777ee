"""Shoppers paid at the same moment add to the same rows of the ledger's monthly roll-up on
PostgreSQL's row locks: every sum arrives (none overwrites another) and two orders that reach the
same rows in opposite orders never deadlock, because the upsert takes its rows in key order."""

import time
from decimal import Decimal

import pytest
from django.db import connection, transaction

from procurement.ledger.models import LEDGER_MONTH_KEY, LedgerEntry, LedgerMonth
from procurement.ledger.services import ledger_months_rebuild, ledger_sale_enter
from tests.concurrency import at_once

from .conftest import retail_order

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
    pytest.mark.django_db(transaction=True),
]


def roll_up():
    return sorted(LedgerMonth.objects.values_list(*LEDGER_MONTH_KEY, "amount", "quantity", "entries"))


def test_sales_filed_at_once_add_up_in_their_months_rows(shelves, shopper):
    # The same two cooperatives' rows, reached in opposite orders.
    orders = [
        retail_order(shopper, [(shelves.shiitake, 1), (shelves.honey, 2)], paid=False),
        retail_order(shopper, [(shelves.honey, 1), (shelves.shiitake, 3)], paid=False),
        retail_order(shopper, [(shelves.honey, 1), (shelves.wood_ear, 1)], paid=False),
    ]

    def file(order):
        def run():
            with transaction.atomic():
                entries = ledger_sale_enter(order)
                time.sleep(0.2)  # holds its rows while the others ask for them
            return len(entries)

        return run

    filed = at_once(*(file(order) for order in orders))

    assert filed == [2, 2, 2]
    kept = roll_up()
    ledger_months_rebuild()
    assert kept == roll_up()
    # 花菇 and 木耳 share their cooperative's row: 68 × 4 + 42.50; 蜂蜜 88 × 4.
    assert sorted(row[-3:] for row in kept) == [(Decimal("314.50"), 5, 3), (Decimal("352.00"), 4, 3)]
    assert LedgerEntry.objects.count() == 6
