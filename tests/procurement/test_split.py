"""From a submitted purchase order to supplier orders the cooperatives see, ship and the
canteen receives: the core of every institutional sale."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from procurement import services
from procurement.constants import PurchaseOrderState, SupplierOrderState
from procurement.exceptions import SeparationOfDuties, StockShort
from shop.order import fulfilment
from shop.order.constants import OrderChannel, OrderStatus

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _submitted(world, next_week, lines=None):
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=lines or [(world.mushroom.pk, 50), (world.fungus.pk, 5), (world.greens.pk, 20)],
    )
    return services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)


def test_approval_makes_one_institutional_order_per_cooperative_at_tier_prices(world, next_week):
    purchase_order = _submitted(world, next_week)
    assert purchase_order.goods_total == Decimal("50") * 120 + 5 * 70 + 20 * 32

    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)

    purchase_order.refresh_from_db()
    assert purchase_order.state == PurchaseOrderState.APPROVED
    orders = Order.objects.filter(supplier_order__purchase_order=purchase_order).order_by("number")
    assert [(o.lines.get().partner if o.lines.count() == 1 else None) for o in orders][1] == world.coop_b
    assert {o.channel for o in orders} == {OrderChannel.INSTITUTIONAL}
    assert {o.status for o in orders} == {OrderStatus.AWAITING_CONFIRMATION}
    assert orders[0].total_incl_tax == Decimal("50") * 120 + 5 * 70
    # Each order keeps its own copy of the kitchen's address, as a shopper's order does.
    address = orders[0].shipping_address
    assert (address.first_name, address.line3, address.street, address.line1) == (
        "李师傅",
        "随县",
        "厉山镇",
        "神农大道 8 号机关食堂后厨",
    )
    assert orders[0].shipping_address_id != orders[1].shipping_address_id
    world.mushroom.refresh_from_db()
    assert world.mushroom.num_allocated == 50


def test_the_submitter_cannot_approve_their_own_order(world, next_week):
    both = world.buyer
    from procurement.models import Membership

    Membership.objects.filter(user=both).update(roles=["buyer", "approver"])
    purchase_order = _submitted(world, next_week)
    with pytest.raises(SeparationOfDuties):
        services.purchase_order_approve(purchase_order=purchase_order, by=both)
    purchase_order.refresh_from_db()
    assert purchase_order.state == PurchaseOrderState.SUBMITTED


def test_not_enough_stock_names_the_line_and_allocates_nothing(world, next_week):
    purchase_order = _submitted(world, next_week)
    StockRecord.objects.filter(pk=world.greens.pk).update(num_in_stock=15)
    with pytest.raises(StockShort) as refused:
        services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    assert refused.value.problems == [("泡泡青 5kg", "需要 20，库存可用 15，差 5")]
    world.mushroom.refresh_from_db()
    assert world.mushroom.num_allocated in (0, None)
    assert not Order.objects.exists()


def test_confirm_ship_receive_fixes_the_accepted_total(world, next_week):
    purchase_order = _submitted(world, next_week, lines=[(world.mushroom.pk, 50)])
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    supplier_order = purchase_order.supplier_orders.get()

    services.supplier_order_confirm(supplier_order=supplier_order, by=world.coop_a_user)
    parcel = supplier_order.order.parcels.get()
    fulfilment.parcel_ship(parcel_id=parcel.pk, user=world.coop_a_user, carrier="sf", tracking_number="SF123")
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.SHIPPED

    line = supplier_order.lines.get()
    services.supplier_order_receive(
        supplier_order=supplier_order, by=world.receiver, receipts={line.pk: (48, "两箱破损", "")}
    )
    supplier_order.refresh_from_db()
    assert supplier_order.state == SupplierOrderState.ACCEPTED
    assert supplier_order.accepted_total == Decimal("48") * 120
    supplier_order.order.refresh_from_db()
    assert supplier_order.order.status == OrderStatus.COMPLETED
    assert [event.to_state for event in purchase_order.events.all()] == [
        "draft",
        "submitted",
        "approved",
        "awaiting",
        "confirmed",
        "shipped",
        "delivered",
        "accepted",
    ]
