"""Per-cooperative fulfilment: a paid order of three cooperatives is three parcels, each shipped
by its own cooperative; the order is 已发货 when all have shipped and 已完成 on the shopper's
receipt or ten days later."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from shop.order import fulfilment
from shop.order.constants import OrderStatus
from shop.order.models import ParcelStatus
from shop.payments import services
from tests.catalog.dashboard.helpers import cooperative, operator_user
from tests.factories import ProductFactory

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cooperatives():
    return [
        cooperative(name, f"coop{n}@example.cn")
        for n, name in enumerate(["香菇合作社", "蜂蜜合作社", "茶叶合作社"])
    ]


@pytest.fixture
def paid_order(shopper, three_cooperatives, mailoutbox):
    """An order with one line from each of three cooperatives, paid (as a verified notify
    records it)."""
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Selector().strategy(user=shopper)
    for partner, _user in three_cooperatives:
        basket.add_product(ProductFactory(title=f"{partner.name}的特产", stockrecord__partner=partner), 1)
    charge = Free().calculate(basket)
    order = OrderCreator().place_order(
        user=shopper,
        basket=basket,
        shipping_method=Free(),
        shipping_charge=charge,
        total=OrderTotalCalculator().calculate(basket, charge),
    )
    services.payment_record(order, trade_no="2026112922009", amount=services.order_amount(order))
    order.refresh_from_db()
    return order


def ship(client, order, parcel, carrier="sf", tracking="SF1234567890"):
    url = reverse("dashboard:order-parcel-ship", kwargs={"number": order.number, "pk": parcel.pk})
    return client.post(url, {"carrier": carrier, "tracking_number": tracking}, follow=True)


def test_each_cooperative_ships_its_own_parcel_and_the_order_follows(
    client,
    paid_order,
    three_cooperatives,
    shopper,
    mailoutbox,
    eager_celery,
    django_capture_on_commit_callbacks,
):
    assert paid_order.status == OrderStatus.PAID
    parcels = {parcel.partner: parcel for parcel in paid_order.parcels.all()}
    assert len(parcels) == 3

    for n, (partner, user) in enumerate(three_cooperatives):
        client.force_login(user)
        page = client.get(
            reverse("dashboard:order-detail", kwargs={"number": paid_order.number})
        ).content.decode()
        assert f"{partner.name}的特产" in page
        assert all(f"{other.name}的特产" not in page for other, _ in three_cooperatives if other != partner)
        with django_capture_on_commit_callbacks(execute=True):
            response = ship(client, paid_order, parcels[partner], tracking=f"SF00000000{n}")
        assert "的包裹已登记发货" in response.content.decode()
        paid_order.refresh_from_db()
        assert paid_order.status == (OrderStatus.SHIPPED if n == 2 else OrderStatus.PAID)

    assert [message.subject for message in mailoutbox][-1].endswith("已发货")
    client.force_login(shopper)
    page = client.get(reverse("customer:order", kwargs={"order_number": paid_order.number})).content.decode()
    assert page.count("已发货") >= 3 and "SF000000002" in page and "确认收货" in page

    client.post(reverse("customer:order-receipt", kwargs={"order_number": paid_order.number}))

    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.COMPLETED
    assert set(paid_order.parcels.values_list("status", flat=True)) == {ParcelStatus.RECEIVED}


def test_a_cooperative_cannot_ship_another_cooperatives_parcel(client, paid_order, three_cooperatives):
    (partner_a, user_a), (partner_b, _user_b), _ = three_cooperatives
    parcel_b = paid_order.parcels.get(partner=partner_b)
    client.force_login(user_a)

    response = ship(client, paid_order, parcel_b)

    assert "不属于你的合作社" in response.content.decode()
    parcel_b.refresh_from_db()
    assert (parcel_b.status, parcel_b.tracking_number) == (ParcelStatus.PENDING, "")


def test_shipping_needs_a_tracking_number_and_only_once(client, paid_order, three_cooperatives):
    partner, user = three_cooperatives[0]
    parcel = paid_order.parcels.get(partner=partner)
    client.force_login(user)

    assert "请填写快递公司和运单号" in ship(client, paid_order, parcel, tracking=" ").content.decode()
    ship(client, paid_order, parcel)
    assert "已经发过货了" in ship(client, paid_order, parcel, tracking="SF999").content.decode()
    parcel.refresh_from_db()
    assert parcel.tracking_number == "SF1234567890"


def test_another_shopper_cannot_confirm_receipt(client, paid_order, django_user_model):
    other = django_user_model.objects.create_user("other@example.cn", "Suixian-Other-2026")
    client.force_login(other)

    response = client.post(reverse("customer:order-receipt", kwargs={"order_number": paid_order.number}))

    assert response.status_code == 404
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.PAID


def test_a_shipped_order_completes_by_itself_ten_days_later(paid_order, three_cooperatives):
    for partner, user in three_cooperatives:
        parcel = paid_order.parcels.get(partner=partner)
        fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier="zto", tracking_number="ZTO1")

    assert fulfilment.orders_auto_complete() == 0
    assert fulfilment.orders_auto_complete(now=timezone.now() + datetime.timedelta(days=10, minutes=1)) == 1
    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.COMPLETED


def test_a_cancelled_order_offers_no_shipping_form_and_refuses_shipping(
    client, paid_order, three_cooperatives
):
    partner, user = three_cooperatives[0]
    parcel = paid_order.parcels.get(partner=partner)
    detail_url = reverse("dashboard:order-detail", kwargs={"number": paid_order.number})
    client.force_login(user)
    assert "tracking_number" in client.get(detail_url).content.decode()

    paid_order.set_status(OrderStatus.CANCELLED)
    page = client.get(detail_url).content.decode()

    assert "订单已取消，不能发货。" in page and "tracking_number" not in page
    assert "订单已取消，不能发货。" in ship(client, paid_order, parcel).content.decode()
    parcel.refresh_from_db()
    assert parcel.status == ParcelStatus.PENDING


def test_the_shopper_is_offered_receipt_only_once_every_parcel_has_shipped(
    client, paid_order, three_cooperatives, shopper
):
    order_url = reverse("customer:order", kwargs={"order_number": paid_order.number})
    client.force_login(shopper)
    first, *others = three_cooperatives
    parcel = paid_order.parcels.get(partner=first[0])
    fulfilment.parcel_ship(parcel_id=parcel.pk, user=first[1], carrier="ems", tracking_number="E1")

    page = client.get(order_url).content.decode()
    assert "确认收货" not in page and "中国邮政 EMS E1" in page

    response = client.post(reverse("customer:order-receipt", kwargs={"order_number": paid_order.number}))
    assert "订单还没有全部发货" in client.get(response["Location"]).content.decode()
    for partner, user in others:
        parcel = paid_order.parcels.get(partner=partner)
        fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier="pickup", tracking_number="")
    assert "确认收货" in client.get(order_url).content.decode()


def test_a_shipped_parcel_leaves_stock_and_is_recorded_as_oscars_shipping_event(
    paid_order, three_cooperatives
):
    (partner, user), (other_partner, _other_user), _ = three_cooperatives
    line, other_line = (paid_order.lines.get(partner=p) for p in (partner, other_partner))
    levels = {
        record.pk: (record.num_in_stock, record.num_allocated)
        for record in (line.stockrecord, other_line.stockrecord)
    }
    parcel = paid_order.parcels.get(partner=partner)

    fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier="sf", tracking_number="SF4213210001")

    line.stockrecord.refresh_from_db()
    other_line.stockrecord.refresh_from_db()
    in_stock, allocated = levels[line.stockrecord.pk]
    assert (line.stockrecord.num_in_stock, line.stockrecord.num_allocated) == (in_stock - 1, allocated - 1)
    assert (other_line.stockrecord.num_in_stock, other_line.stockrecord.num_allocated) == levels[
        other_line.stockrecord.pk
    ]
    event = paid_order.shipping_events.get()
    assert event.event_type.name == "已发货" and "顺丰速运 SF4213210001" in event.notes
    assert [(quantity.line, quantity.quantity) for quantity in event.line_quantities.all()] == [(line, 1)]


def test_an_operator_cancelling_a_paid_order_gives_its_unshipped_stock_back(
    client, paid_order, three_cooperatives
):
    (shipped_partner, user), (partner, _user), _ = three_cooperatives
    parcel = paid_order.parcels.get(partner=shipped_partner)
    fulfilment.parcel_ship(parcel_id=parcel.pk, user=user, carrier="ems", tracking_number="E42")
    shipped, unshipped = (paid_order.lines.get(partner=p).stockrecord for p in (shipped_partner, partner))
    levels = {record.pk: (record.num_in_stock, record.num_allocated) for record in (shipped, unshipped)}
    operator = operator_user()
    client.force_login(operator)

    client.post(
        reverse("dashboard:order-detail", kwargs={"number": paid_order.number}),
        {"order_action": "change_order_status", "new_status": OrderStatus.CANCELLED},
    )

    paid_order.refresh_from_db()
    assert paid_order.status == OrderStatus.CANCELLED
    for record in (shipped, unshipped):
        record.refresh_from_db()
    in_stock, allocated = levels[unshipped.pk]
    assert (unshipped.num_in_stock, unshipped.num_allocated) == (in_stock, allocated - 1)
    assert (shipped.num_in_stock, shipped.num_allocated) == levels[shipped.pk]
    # The money goes back through the refund service, sent to Alipay once the request commits.
    refund = paid_order.alipay_refunds.get()
    assert (refund.amount, refund.requested_by) == (services.order_amount(paid_order), operator)
    assert paid_order.parcels.get(partner=partner).status == ParcelStatus.CLOSED
