"""Settlement by Alipay page pay through the shop's gateway and the local emulator: the
verified notify with the settlement's amount pays and confirms it once; a forged notify or one
for another amount changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procurement.billing import services
from procurement.constants import SettlementState, SupplierOrderState
from shop.payments.constants import NoticeOutcome
from shop.payments.emulator.credentials import dev_credentials
from shop.payments.emulator.models import EmulatedTrade
from shop.payments.emulator.protocol import new_notify_id, signed_notify_params
from shop.payments.models import AlipayNotice
from tests.shop.payments.flows import local

from .conftest import supplier_order_invoiced

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("emulator")]

NOTIFY = "/payments/alipay/notify/"


@pytest.fixture
def settlement(world, accepted):
    coop_a = supplier_order_invoiced(world, accepted[0])
    return services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[coop_a.pk], method="alipay"
    )


def _pay_on_the_cashier(client, world, settlement):
    """The 财务 presses 支付宝付款, and pays on the emulator's cashier; returns the trade."""
    client.force_login(world.finance)
    response = client.post(reverse("procurement:settlement-alipay", args=[settlement.pk]))
    assert response.status_code == 302
    cashier = client.get(local(response["Location"]))
    assert cashier.status_code == 302, cashier.content.decode()
    page = client.get(cashier["Location"]).content.decode()
    assert "6110.00" in page
    trade = EmulatedTrade.objects.get(out_trade_no=settlement.number)
    paid = client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade.pk}))
    assert paid["Location"].startswith(f"http://testserver/procurement/billing/settlements/{settlement.pk}/")
    trade.refresh_from_db()
    return trade


def _notify(client, trade):
    params = signed_notify_params(trade, notify_id=new_notify_id(), credentials=dev_credentials())
    return client.post(NOTIFY, params).content.decode()


def test_a_verified_notify_pays_and_confirms_the_settlement_once(client, world, settlement):
    trade = _pay_on_the_cashier(client, world, settlement)

    assert _notify(client, trade) == "success"

    settlement.refresh_from_db()
    assert settlement.state == SettlementState.CONFIRMED
    assert settlement.alipay_trade_no == trade.trade_no
    supplier_order = settlement.supplier_orders.get()
    assert supplier_order.state == SupplierOrderState.CLOSED
    assert AlipayNotice.objects.get().outcome == NoticeOutcome.RECORDED

    # Alipay retries: recorded once, answered success.
    assert _notify(client, trade) == "success"
    assert list(AlipayNotice.objects.values_list("outcome", flat=True)) == [
        NoticeOutcome.DUPLICATE,
        NoticeOutcome.RECORDED,
    ]
    assert supplier_order.events.filter(to_state=SupplierOrderState.CLOSED).count() == 1

    page = client.get(reverse("procurement:settlement-detail", args=[settlement.pk])).content.decode()
    assert "已确认收款" in page
    assert trade.trade_no in page


def test_a_forged_notify_changes_nothing(client, world, settlement):
    trade = _pay_on_the_cashier(client, world, settlement)
    params = signed_notify_params(trade, notify_id=new_notify_id(), credentials=dev_credentials())
    params["sign"] = params["sign"][::-1]

    assert client.post(NOTIFY, params).content.decode() == "failure"

    settlement.refresh_from_db()
    assert settlement.state == SettlementState.OPEN
    assert AlipayNotice.objects.get().outcome == NoticeOutcome.REJECTED


def test_a_signed_notify_for_another_amount_changes_nothing(client, world, settlement):
    trade = _pay_on_the_cashier(client, world, settlement)
    EmulatedTrade.objects.filter(pk=trade.pk).update(total_amount=Decimal("0.01"))
    trade.refresh_from_db()

    assert _notify(client, trade) == "failure"

    settlement.refresh_from_db()
    assert settlement.state == SettlementState.OPEN
    assert settlement.supplier_orders.get().state == SupplierOrderState.INVOICED
    notice = AlipayNotice.objects.get()
    assert (notice.outcome, notice.message) == (NoticeOutcome.REJECTED, "金额与结算单不符")


def test_a_transfer_settlement_is_not_paid_on_alipay(client, world, accepted):
    coop_a = supplier_order_invoiced(world, accepted[0])
    settlement = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[coop_a.pk], method="transfer"
    )
    client.force_login(world.finance)
    response = client.post(reverse("procurement:settlement-alipay", args=[settlement.pk]), follow=True)
    assert "用对公转账付款" in response.content.decode()
    assert not EmulatedTrade.objects.exists()
