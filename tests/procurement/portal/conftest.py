"""Supplier orders in the states the portal's pages are about, made through the real services
(submitted, approved, confirmed, shipped with a parcel) on top of ``world``."""

import pytest

from procurement import services
from procurement.constants import Role
from shop.order import fulfilment
from tests.procurement.conftest import member


def approved(world, delivery_date, lines=None, *, address=None):
    """An approved purchase order of the canteen (split into supplier orders)."""
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=address or world.kitchen,
        delivery_date=delivery_date,
        lines=lines or [(world.mushroom.pk, 50), (world.fungus.pk, 5)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    return services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)


def shipped(supplier_order, user, *, carrier="sf", tracking_number="SF1234567890"):
    """Confirms ``supplier_order`` in full and ships its parcel as its cooperative's ``user``."""
    services.supplier_order_confirm(supplier_order=supplier_order, by=user)
    parcel = supplier_order.order.parcels.get()
    fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier=carrier, tracking_number=tracking_number)
    supplier_order.refresh_from_db()
    return supplier_order


@pytest.fixture
def shipped_order(world, next_week):
    """The canteen's supplier order from 随县香菇专业合作社 (香菇 × 50, 木耳 × 5), shipped by SF."""
    purchase_order = approved(world, next_week)
    return shipped(purchase_order.supplier_orders.get(), world.coop_a_user)


@pytest.fixture
def school_shipped_order(world, next_week):
    """A shipped supplier order of the school (another organisation), from 随县蔬菜专业合作社."""
    approver = member(world.school, "school-approver@example.cn", Role.APPROVER)
    purchase_order = services.purchase_order_create(
        organisation=world.school,
        by=world.other_buyer,
        delivery_address=world.school_kitchen,
        delivery_date=next_week,
        lines=[(world.greens.pk, 20)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.other_buyer)
    services.purchase_order_approve(purchase_order=purchase_order, by=approver)
    return shipped(purchase_order.supplier_orders.get(), world.coop_b_user)
