"""Fixtures of the buyer's order pages: a draft and a submitted order of the canteen."""

import pytest

from procurement import services


@pytest.fixture
def draft(world, next_week):
    """A draft of the canteen by its 采购员: 50 香菇 (tier 120) and 20 泡泡青 (tier 32)."""
    return services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 50), (world.greens.pk, 20)],
    )


@pytest.fixture
def submitted(world, draft):
    return services.purchase_order_submit(purchase_order=draft, by=world.buyer)
