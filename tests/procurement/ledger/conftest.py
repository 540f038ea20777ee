"""A market for the ledger: two cooperatives serving resettlement areas of two towns, their
products in two top-level categories, shoppers' orders paid as the notify records them and a
canteen's purchase order received with 验收."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from catalog.models import CooperativeProfile
from procurement import services as procurement
from procurement.ledger.demo import order_place
from shop.order import fulfilment
from shop.payments import services as payments
from tests.catalog.conftest import make_area
from tests.cms.home.conftest import home  # noqa: F401
from tests.factories import CategoryFactory, ProductFactory
from tests.procurement.conftest import world  # noqa: F401


@pytest.fixture
def areas(world):  # noqa: F811
    """The areas the two cooperatives of ``world`` serve, with the households they link."""
    areas = SimpleNamespace(
        sanligang=make_area("sanligang", "三里岗镇香菇小镇安置区", "三里岗镇", households=243, people=786),
        yindian=make_area("yindian", "殷店镇东岳安置点", "殷店镇"),
    )
    for partner, area, households, people in (
        (world.coop_a, areas.sanligang, 120, 40),
        (world.coop_b, areas.yindian, 30, 12),
    ):
        profile = CooperativeProfile.objects.get(partner=partner)
        profile.areas.add(area)
        profile.households_linked, profile.people_employed = households, people
        profile.save()
    return areas


@pytest.fixture
def shelves(world, areas):  # noqa: F811
    """Retail products: 香菇 (食用菌 › 香菇) and 木耳 of cooperative a, 蜂蜜 (蜂产品) of b."""
    fungi = CategoryFactory(name="食用菌")
    shiitake = CategoryFactory(name="香菇", parent=fungi)
    bee = CategoryFactory(name="蜂产品")
    return SimpleNamespace(
        fungi=fungi,
        bee=bee,
        shiitake=ProductFactory(
            title="随州花菇 500g",
            categories=[shiitake],
            stockrecord__partner=world.coop_a,
            stockrecord__price="68.00",
            stockrecord__num_in_stock=1000,
        ),
        wood_ear=ProductFactory(
            title="随县黑木耳 250g",
            categories=[fungi],
            stockrecord__partner=world.coop_a,
            stockrecord__price="42.50",
            stockrecord__num_in_stock=1000,
        ),
        honey=ProductFactory(
            title="高山土蜂蜜 500g",
            categories=[bee],
            origin_area=areas.yindian,
            stockrecord__partner=world.coop_b,
            stockrecord__price="88.00",
            stockrecord__num_in_stock=1000,
        ),
    )


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("li.na@example.cn", "Suixian-Shopper-2026")


@pytest.fixture
def operator(db):
    return get_user_model().objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")


def retail_order(shopper, items, *, shipping="10.00", paid=True):
    """An order of ``items`` (``[(product, units)]``) placed as the checkout places it, with
    ``shipping`` yuan of carriage, and (unless not ``paid``) paid as Alipay's notify records it."""
    order = order_place(shopper, items, carriage=shipping)
    if paid:
        payments.payment_record(order, trade_no=f"2026{order.number}", amount=order.total_incl_tax)
        order.refresh_from_db()
    return order


def refund_paid(operator, *, order, amount=None, line_quantities=None):
    """A refund of ``order`` as Alipay's success records it (the request, then its outcome),
    without the round trip to the emulator."""
    refund = payments._refund_create(
        order, amount=amount, by=operator, reason="破损", line_quantities=line_quantities
    )
    return payments._refund_record(refund)


def accepted_purchase(world, next_week, lines, accepted):  # noqa: F811
    """A purchase order of the canteen for ``lines`` (``[(stock record, units)]``), approved,
    confirmed, shipped and received with ``accepted`` (``{stock record pk: units}``) units
    accepted per line; returns its supplier orders."""
    purchase_order = procurement.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(record.pk, units) for record, units in lines],
    )
    procurement.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    procurement.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    users = {world.coop_a.pk: world.coop_a_user, world.coop_b.pk: world.coop_b_user}
    supplier_orders = list(purchase_order.supplier_orders.all())
    for supplier_order in supplier_orders:
        user = users[supplier_order.partner_id]
        procurement.supplier_order_confirm(supplier_order=supplier_order, by=user)
        for parcel in supplier_order.order.parcels.all():
            fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier="sf", tracking_number="SF1")
        supplier_order.refresh_from_db()
        receipts = {}
        for supplier_line in supplier_order.lines.select_related("line__stockrecord"):
            units = accepted.get(supplier_line.line.stockrecord_id, supplier_line.line.quantity)
            receipts[supplier_line.pk] = (units, "" if units == supplier_line.line.quantity else "破损", "")
        procurement.supplier_order_receive(
            supplier_order=supplier_order, by=world.receiver, receipts=receipts
        )
    return supplier_orders
