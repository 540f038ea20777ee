"""One stock for every channel: an approved purchase order and a shopper's checkout competing for
the last units on PostgreSQL's row locks — exactly one of them gets them."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from procurement import services
from procurement.constants import PurchaseOrderState, Role
from procurement.exceptions import StockShort, TransitionRefused
from tests.concurrency import at_once
from tests.conftest import reference_data_load
from tests.procurement.conftest import member
from tests.shop.address.conftest import SUIXIAN
from tests.shop.payments.conftest import _emulator_settings, emulator_key_dir  # noqa: F401

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
    pytest.mark.django_db(transaction=True),
]


def _shopper_at_preview(product, quantity):
    user = get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")
    client = Client()
    client.force_login(user)
    added = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert added.status_code == 302
    assert client.post(reverse("checkout:shipping-address"), SUIXIAN).status_code == 302
    methods = client.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:
        code = methods.context["methods"][0].code
        client.post(reverse("checkout:shipping-method"), {"method_code": code})
    assert client.get(reverse("checkout:preview")).status_code == 200
    return client, user


@pytest.mark.parametrize("round_", range(3))
def test_an_approval_and_a_checkout_for_the_last_units_sell_them_once(world, next_week, round_):
    reference_data_load()
    StockRecord.objects.filter(pk=world.greens.pk).update(num_in_stock=20, num_allocated=0)
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.greens.pk, 20)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    shopper, shopper_user = _shopper_at_preview(world.greens.product, 20)

    def approve():
        try:
            return services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
        except StockShort as refused:
            return refused

    def place():
        return shopper.post(reverse("checkout:preview"), {"action": "place_order"})

    approved, placed = at_once(approve, place)

    purchase_order.refresh_from_db()
    shopper_orders = Order.objects.filter(user=shopper_user).count()
    assert (purchase_order.state == PurchaseOrderState.APPROVED) != (shopper_orders == 1)
    assert isinstance(approved, StockShort) == (shopper_orders == 1)
    assert StockRecord.objects.get(pk=world.greens.pk).num_allocated == 20
    assert getattr(placed, "status_code", 500) < 500


def test_two_approvals_at_once_split_the_order_once(world, next_week):
    second_approver = member(world.canteen, "approver2@example.cn", Role.APPROVER)
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 10), (world.greens.pk, 20)],
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)

    def approve(user):
        try:
            return services.purchase_order_approve(purchase_order=purchase_order, by=user)
        except TransitionRefused as refused:
            return refused

    results = at_once(lambda: approve(world.approver), lambda: approve(second_approver))

    assert sorted(type(result).__name__ for result in results) == ["PurchaseOrder", "TransitionRefused"]
    assert purchase_order.supplier_orders.count() == 2
    assert StockRecord.objects.get(pk=world.mushroom.pk).num_allocated == 10
