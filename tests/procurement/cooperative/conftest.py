"""An approved purchase order of the canteen split into two supplier orders: ``split.a`` of
cooperative A (50 香菇, 5 木耳) and ``split.b`` of cooperative B (20 泡泡青)."""

from types import SimpleNamespace

import pytest

from procurement import services
from tests.catalog.dashboard.helpers import operator_user


@pytest.fixture
def split(world, next_week):
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 50), (world.fungus.pk, 5), (world.greens.pk, 20)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    return SimpleNamespace(
        purchase_order=purchase_order,
        a=purchase_order.supplier_orders.get(partner=world.coop_a),
        b=purchase_order.supplier_orders.get(partner=world.coop_b),
    )


@pytest.fixture
def operator(db):
    return operator_user()
