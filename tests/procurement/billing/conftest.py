"""Supplier orders taken as far as 验收 (and beyond) for the billing tests, and the Alipay
emulator as ``tests/shop/payments`` sets it up, for the tests that pay on it."""

from decimal import Decimal

import pytest

from procurement import services
from procurement.billing import services as billing
from shop.order import fulfilment
from tests.uploads import pdf_upload


def supplier_orders_accepted(world, delivery_date, lines, *, shortfalls=None):
    """A purchase order of the canteen for ``lines`` approved, confirmed, shipped and received;
    ``shortfalls`` maps a stock record id to how many units the 验收员 rejects. Returns the
    supplier orders (已验收) by partner id."""
    purchase_order = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=delivery_date,
        lines=lines,
    )
    services.purchase_order_submit(purchase_order=purchase_order, by=world.buyer)
    services.purchase_order_approve(purchase_order=purchase_order, by=world.approver)
    shortfalls = shortfalls or {}
    result = {}
    for supplier_order in purchase_order.supplier_orders.all():
        staff = supplier_order.partner.users.first()
        services.supplier_order_confirm(supplier_order=supplier_order, by=staff)
        for parcel in supplier_order.order.parcels.all():
            fulfilment.parcel_ship(parcel_id=parcel.pk, user=staff, carrier="sf", tracking_number="SF1")
        supplier_order.refresh_from_db()
        receipts = {}
        for line in supplier_order.lines.select_related("line"):
            rejected = shortfalls.get(line.line.stockrecord_id, 0)
            if rejected:
                receipts[line.pk] = (line.line.quantity - rejected, "破损", "")
        services.supplier_order_receive(supplier_order=supplier_order, by=world.receiver, receipts=receipts)
        supplier_order.refresh_from_db()
        result[supplier_order.partner_id] = supplier_order
    return result


def supplier_order_invoiced(world, supplier_order, *, kind="ordinary"):
    """``supplier_order`` (已验收) with its invoice asked for and issued: 已开票."""
    invoice = billing.invoice_request(supplier_order=supplier_order, by=world.finance, kind=kind)
    billing.invoice_issue(
        invoice=invoice,
        by=supplier_order.partner.users.first(),
        number=f"0442{supplier_order.pk:08d}",
        issued_on=invoice.requested_at.date(),
        amount=supplier_order.accepted_total,
        pdf=pdf_upload("发票.pdf"),
    )
    supplier_order.refresh_from_db()
    return supplier_order


@pytest.fixture
def accepted(world, next_week):
    """Two supplier orders (已验收) of one purchase order: coop A's mushrooms (50 × ¥120, 2
    rejected) and fungus (5 × ¥70), coop B's greens (20 × ¥32)."""
    by_partner = supplier_orders_accepted(
        world,
        next_week,
        [(world.mushroom.pk, 50), (world.fungus.pk, 5), (world.greens.pk, 20)],
        shortfalls={world.mushroom.pk: 2},
    )
    coop_a, coop_b = by_partner[world.coop_a.pk], by_partner[world.coop_b.pk]
    assert coop_a.accepted_total == Decimal("48") * 120 + 5 * 70
    return coop_a, coop_b


@pytest.fixture
def emulator(settings, tmp_path_factory):
    """The Alipay emulator as development runs it (see ``tests/shop/payments/conftest.py``)."""
    settings.DEBUG = True
    settings.ROOT_URLCONF = "tests.shop.payments.site_urls"
    settings.ALIPAY_EMULATOR = True
    settings.ALIPAY_EMULATOR_KEY_DIR = tmp_path_factory.mktemp("alipay-emulator")
    settings.ALIPAY_APP_PRIVATE_KEY = ""
    settings.ALIPAY_PUBLIC_KEY = ""
    settings.SITE_URL = "http://testserver"
