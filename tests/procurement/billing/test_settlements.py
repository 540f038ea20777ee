"""Settling invoiced supplier orders of one cooperative by 对公转账: the 财务 records the bank
reference, the cooperative confirms receipt, and the supplier and purchase orders close."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from procurement.billing import services
from procurement.billing.exceptions import BillingError
from procurement.constants import PurchaseOrderState, SettlementMethod, SettlementState, SupplierOrderState
from procurement.exceptions import NotPermitted
from procurement.models import Settlement
from tests.procurement.conftest import member

from .conftest import supplier_order_invoiced, supplier_orders_accepted

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoiced(world, accepted):
    return [supplier_order_invoiced(world, supplier_order) for supplier_order in accepted]


def test_a_transfer_is_recorded_confirmed_and_closes_the_orders(
    client, world, invoiced, eager_celery, django_capture_on_commit_callbacks
):
    coop_a, coop_b = invoiced
    client.force_login(world.finance)

    # 1. The 财务 settles coop A's supplier order by transfer.
    response = client.post(
        reverse("procurement:settlement-create"),
        {"supplier_orders": [coop_a.pk], "method": SettlementMethod.TRANSFER},
        follow=True,
    )
    settlement = Settlement.objects.get()
    assert settlement.number.startswith("JS")
    assert settlement.amount == Decimal("6110.00")
    assert f"已生成结算单 {settlement.number}" in response.content.decode()

    # 2. They record the bank's reference; the cooperative is told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement:settlement-transfer", args=[settlement.pk]),
            {"bank_reference": "NB2026120100001"},
        )
    settlement.refresh_from_db()
    assert (settlement.state, settlement.bank_reference, settlement.paid_by) == (
        SettlementState.PAID,
        "NB2026120100001",
        world.finance,
    )
    assert [message.to for message in mail.outbox] == [[world.coop_a_user.email]]
    assert "NB2026120100001" in mail.outbox[0].body

    # 3. The cooperative confirms receipt in its dashboard.
    client.force_login(world.coop_a_user)
    assert settlement.number in client.get(reverse("dashboard:procurement-settlement-list")).content.decode()
    response = client.post(
        reverse("dashboard:procurement-settlement-confirm", args=[settlement.pk]), follow=True
    )
    assert "已确认收到结算单" in response.content.decode()
    settlement.refresh_from_db()
    assert settlement.state == SettlementState.CONFIRMED
    coop_a.refresh_from_db()
    assert coop_a.state == SupplierOrderState.CLOSED
    assert [event.to_state for event in coop_a.events.all()][-3:] == ["invoiced", "settled", "closed"]
    coop_a.purchase_order.refresh_from_db()
    assert coop_a.purchase_order.state == PurchaseOrderState.APPROVED  # coop B is not settled yet

    # 4. Coop B settled too: the purchase order closes.
    other = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[coop_b.pk], method="transfer"
    )
    services.settlement_transfer_record(settlement=other, by=world.finance, bank_reference="NB2")
    services.settlement_confirm(settlement=other, by=world.coop_b_user)
    coop_b.purchase_order.refresh_from_db()
    assert coop_b.purchase_order.state == PurchaseOrderState.CLOSED


def test_several_supplier_orders_of_one_cooperative_make_one_settlement(world, next_week, invoiced):
    more = supplier_orders_accepted(world, next_week, [(world.fungus.pk, 10)])[world.coop_a.pk]
    more = supplier_order_invoiced(world, more)

    settlement = services.settlement_create(
        organisation=world.canteen,
        by=world.finance,
        supplier_order_ids=[invoiced[0].pk, more.pk],
        method=SettlementMethod.TRANSFER,
    )

    assert settlement.amount == Decimal("6110.00") + 10 * 70
    assert set(settlement.supplier_orders.all()) == {invoiced[0], more}


def _refused(world, ids, message, *, by=None, organisation=None):
    with pytest.raises(BillingError) as refused:
        services.settlement_create(
            organisation=organisation or world.canteen,
            by=by or world.finance,
            supplier_order_ids=ids,
            method=SettlementMethod.TRANSFER,
        )
    assert message in str(refused.value.message)
    assert not Settlement.objects.exists()


def test_two_cooperatives_in_one_settlement_are_refused(world, invoiced):
    _refused(world, [so.pk for so in invoiced], "只能包含同一家合作社")


def test_a_supplier_order_not_yet_invoiced_is_refused(world, accepted):
    _refused(world, [accepted[0].pk], "开票后才能结算")


def test_another_organisations_supplier_order_is_refused(world, invoiced):
    school_finance = member(world.school, "school-finance@example.cn", "finance")
    _refused(world, [invoiced[0].pk], "不属于本单位", by=school_finance, organisation=world.school)


def test_a_supplier_order_is_settled_once(world, invoiced):
    first = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[invoiced[0].pk], method="transfer"
    )
    with pytest.raises(BillingError) as refused:
        services.settlement_create(
            organisation=world.canteen, by=world.finance, supplier_order_ids=[invoiced[0].pk], method="alipay"
        )
    assert first.number in str(refused.value.message)
    assert Settlement.objects.count() == 1


def test_only_finance_settles_and_records_transfers(world, invoiced):
    with pytest.raises(NotPermitted):
        services.settlement_create(
            organisation=world.canteen, by=world.buyer, supplier_order_ids=[invoiced[0].pk], method="transfer"
        )
    settlement = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[invoiced[0].pk], method="transfer"
    )
    with pytest.raises(NotPermitted):
        services.settlement_transfer_record(settlement=settlement, by=world.receiver, bank_reference="X")
    with pytest.raises(BillingError):
        services.settlement_transfer_record(settlement=settlement, by=world.finance, bank_reference="  ")
    settlement.refresh_from_db()
    assert settlement.state == SettlementState.OPEN


def test_another_organisation_or_cooperative_gets_404_and_changes_nothing(client, world, invoiced):
    settlement = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[invoiced[0].pk], method="transfer"
    )
    client.force_login(member(world.school, "school-finance@example.cn", "finance"))
    for name in ("settlement-detail", "settlement-statement"):
        assert client.get(reverse(f"procurement:{name}", args=[settlement.pk])).status_code == 404
    response = client.post(
        reverse("procurement:settlement-transfer", args=[settlement.pk]), {"bank_reference": "X"}
    )
    assert response.status_code == 404

    services.settlement_transfer_record(settlement=settlement, by=world.finance, bank_reference="NB1")
    client.force_login(world.coop_b_user)
    assert (
        client.post(reverse("dashboard:procurement-settlement-confirm", args=[settlement.pk])).status_code
        == 404
    )
    settlement.refresh_from_db()
    assert settlement.state == SettlementState.PAID
    # The buyer cannot confirm its own payment either.
    with pytest.raises(NotPermitted):
        services.settlement_confirm(settlement=settlement, by=world.finance)


def test_the_settlement_statement_totals_its_supplier_orders(client, world, next_week, invoiced):
    import io

    from pypdf import PdfReader

    settlement = services.settlement_create(
        organisation=world.canteen, by=world.finance, supplier_order_ids=[invoiced[0].pk], method="transfer"
    )
    client.force_login(world.finance)
    response = client.get(reverse("procurement:settlement-statement", args=[settlement.pk]))
    text = "".join(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert settlement.number in text
    assert "陆仟壹佰壹拾元整" in text
