"""The buyer hears from Wenfu when a cooperative confirms and when it ships: e-mails through
Oscar's communication types, sent by the Celery task once the change is committed."""

import pytest
from oscar.core.loading import get_model

from procurement import emails, services
from shop.order import fulfilment
from tests.conftest import reference_data_load

from .conftest import approved

CommunicationEventType = get_model("communication", "CommunicationEventType")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _event_types():
    """The event types as the data migration makes them, again if an earlier transactional
    test's flush removed them."""
    reference_data_load()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what a service queues for after its commit (the e-mail task), as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_every_procurement_email_has_a_communication_type(db):
    codes = {
        value
        for value in vars(emails).values()
        if isinstance(value, str) and value.startswith("PROCUREMENT_")
    }
    assert set(CommunicationEventType.objects.filter(code__in=codes).values_list("code", flat=True)) == codes


def test_the_buyer_is_told_when_the_cooperative_confirms(
    world, next_week, mailoutbox, eager_celery, committed
):
    supplier_order = approved(world, next_week).supplier_orders.get()
    mailoutbox.clear()

    with committed():
        services.supplier_order_confirm(supplier_order=supplier_order, by=world.coop_a_user)

    assert [message.to for message in mailoutbox] == [["buyer@example.cn"]]
    message = mailoutbox[0]
    assert "随县香菇专业合作社已确认供货" in message.subject
    assert "随州香菇 5kg：订购 50，确认 50" in message.body
    assert f"/procurement/supplier-orders/{supplier_order.pk}/" in message.body


def test_a_short_confirmation_asks_the_buyer_to_decide(world, next_week, mailoutbox, eager_celery, committed):
    supplier_order = approved(world, next_week).supplier_orders.get()
    lines = {line.line.title: line for line in supplier_order.lines.select_related("line")}
    mailoutbox.clear()

    with committed():
        services.supplier_order_confirm(
            supplier_order=supplier_order,
            by=world.coop_a_user,
            quantities={lines["随州香菇 5kg"].pk: 40},
            reason="本周香菇采收不足",
        )

    assert len(mailoutbox) == 1
    assert "只能部分供货" in mailoutbox[0].subject
    assert "本周香菇采收不足" in mailoutbox[0].body
    assert "订购 50，确认 40" in mailoutbox[0].body

    mailoutbox.clear()
    with committed():
        services.supplier_order_short_accept(supplier_order=supplier_order, by=world.buyer)
    assert len(mailoutbox) == 1
    assert "已确认供货" in mailoutbox[0].subject


def test_the_buyer_and_receiver_are_told_when_it_ships(world, next_week, mailoutbox, eager_celery, committed):
    supplier_order = approved(world, next_week).supplier_orders.get()
    services.supplier_order_confirm(supplier_order=supplier_order, by=world.coop_a_user)
    parcel = supplier_order.order.parcels.get()
    mailoutbox.clear()

    with committed():
        fulfilment.parcel_ship(
            parcel_id=parcel.pk, user=world.coop_a_user, carrier="sf", tracking_number="SF987"
        )

    ours = [message for message in mailoutbox if "已发货" in message.subject and "供货单" in message.subject]
    assert sorted(message.to[0] for message in ours) == ["buyer@example.cn", "receiver@example.cn"]
    assert "顺丰速运 SF987" in ours[0].body
    assert f"/procurement/supplier-orders/{supplier_order.pk}/receive/" in ours[0].body
    assert "<a href=" in ours[0].alternatives[0][0]
