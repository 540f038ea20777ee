"""Per-cooperative fulfilment: a paid order becomes one parcel per cooperative; each cooperative
ships its own parcel with a carrier and tracking number; the order is 已发货 once every parcel
has shipped and 已完成 when the shopper confirms receipt, or by itself
``AUTO_COMPLETE_DAYS`` days after the last parcel shipped."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from shop.payments.selectors import line_refunded_quantities
from shop.users.roles import is_operator

from . import signals
from .constants import SHIPPABLE_STATUSES, OrderChannel, OrderStatus
from .exceptions import NotYourParcel, OrderNotPaid, ParcelNotPending, ReceiptNotPossible, TrackingRequired
from .models import Carrier, Parcel, ParcelStatus
from .services import order_status_change

EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
ShippingEventType = get_model("order", "ShippingEventType")

AUTO_COMPLETE_DAYS = 10
#: Oscar's shipping event type recorded when a parcel ships, by code and name.
SHIPPED_EVENT = ("shipped", "已发货")


def parcels_create(order):
    """One pending parcel per cooperative with lines in ``order`` (again: nothing new)."""
    partner_ids = set(order.lines.exclude(partner=None).values_list("partner_id", flat=True))
    existing = set(order.parcels.values_list("partner_id", flat=True))
    Parcel.objects.bulk_create(Parcel(order=order, partner_id=pk) for pk in sorted(partner_ids - existing))


def parcels_for_user(user):
    """Parcels ``user`` may ship: all for operators, their cooperatives' for cooperative staff."""
    queryset = Parcel.objects.select_related("order", "partner")
    if is_operator(user):
        return queryset
    return queryset.filter(partner__users__pk=user.pk)


def parcel_ship_refusal(parcel, order):
    """Why ``parcel`` of ``order`` cannot ship now (a ``FulfilmentError``), or None if it can."""
    if parcel.status == ParcelStatus.CLOSED:
        return ParcelNotPending(_("这个包裹的商品已全部退款，不再发货。"))
    if parcel.status != ParcelStatus.PENDING:
        return ParcelNotPending()
    if order.status == OrderStatus.CANCELLED:
        return OrderNotPaid(_("订单已取消，不能发货。"))
    if order.status == OrderStatus.REFUNDED:
        return OrderNotPaid(_("订单已全额退款，不能发货。"))
    if order.status not in SHIPPABLE_STATUSES:
        return OrderNotPaid()
    return None


def receipt_possible(order):
    """Whether the shopper can confirm receipt of ``order``: every parcel has shipped. An
    institutional order is received by 验收 in ``procurement`` instead."""
    return order.channel == OrderChannel.RETAIL and order.status == OrderStatus.SHIPPED


@transaction.atomic
def parcel_ship(*, parcel_id, user, carrier, tracking_number):
    """Ships a parcel: ``user`` must work for its cooperative (or be an operator). Marks its
    lines' units shipped (refunded units stay behind), and the order 已发货 once no parcel is
    left to ship. Raises ``NotYourParcel``, ``ParcelNotPending``, ``OrderNotPaid`` or
    ``TrackingRequired``; returns the parcel."""
    parcel = parcels_for_user(user).filter(pk=parcel_id).first()
    if parcel is None:
        raise NotYourParcel
    tracking_number = (tracking_number or "").strip()
    if carrier not in Carrier.values or (carrier != Carrier.PICKUP and not tracking_number):
        raise TrackingRequired
    # The order is locked before its parcel, as a refund closing parcels does, so the two never
    # wait for each other; the parcel is read again under its lock.
    order = Order.objects.select_for_update().get(pk=parcel.order_id)
    parcel = Parcel.objects.select_for_update().select_related("partner").get(pk=parcel.pk)
    refusal = parcel_ship_refusal(parcel, order)
    if refusal is not None:
        raise refusal
    parcel.status, parcel.carrier, parcel.tracking_number = ParcelStatus.SHIPPED, carrier, tracking_number
    parcel.shipped_at, parcel.shipped_by = timezone.now(), user
    parcel.save()
    _lines_shipped(order, parcel)
    if not order.parcels.filter(status=ParcelStatus.PENDING).exists():
        order_status_change(order=order, to=OrderStatus.SHIPPED, actor=user, reason=_("所有包裹已发货"))
    signals.parcel_shipped.send(sender=Parcel, parcel=parcel, order=order, user=user)
    from .tasks import parcel_shipped_email_task

    transaction.on_commit(lambda: parcel_shipped_email_task.delay(parcel.pk), robust=True)
    return parcel


def _lines_shipped(order, parcel):
    """Records ``parcel``'s lines as shipped the way Oscar does: a shipping event on the order
    (the operator's 配送 tab) and their stock allocations consumed, so the cooperative's stock
    in hand goes down by what left and nothing stays allocated. Units refunded (or being
    refunded) do not leave: the shopper has their money back."""
    refunded = line_refunded_quantities(order)
    shipped = [
        (line, line.quantity - refunded.get(line.pk, 0))
        for line in order.lines.filter(partner_id=parcel.partner_id).select_related("stockrecord")
    ]
    shipped = [(line, quantity) for line, quantity in shipped if quantity > 0]
    if not shipped:
        return
    lines = [line for line, _quantity in shipped]
    quantities = [quantity for _line, quantity in shipped]
    event_type, _created = ShippingEventType.objects.get_or_create(
        code=SHIPPED_EVENT[0], defaults={"name": SHIPPED_EVENT[1]}
    )
    handler = EventHandler()
    reference = f"{parcel.partner.name}：{parcel.get_carrier_display()} {parcel.tracking_number}".strip()
    # The parcel's state is the rule of what may ship; Oscar's event is its record, so it is
    # created without Oscar's own checks of earlier events.
    handler.create_shipping_event(order, event_type, lines, quantities, reference=reference)
    handler.consume_stock_allocations(order, lines, quantities)


@transaction.atomic
def order_complete(order, *, actor=None):
    """Every parcel of a shipped ``order`` is received and the order is 已完成; ``actor`` is the
    shopper confirming receipt, None when it completes by itself."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if not receipt_possible(order):
        raise ReceiptNotPossible
    order.parcels.filter(status=ParcelStatus.SHIPPED).update(
        status=ParcelStatus.RECEIVED, received_at=timezone.now()
    )
    reason = _("顾客确认收货") if actor else _("发货 %(days)s 天后自动完成") % {"days": AUTO_COMPLETE_DAYS}
    return order_status_change(order=order, to=OrderStatus.COMPLETED, actor=actor, reason=reason)


def order_confirm_receipt(*, user, number):
    """The shopper confirms receipt of their own shipped order ``number``. Another user's order
    raises ``Order.DoesNotExist``; one not fully shipped ``ReceiptNotPossible``."""
    order = Order.objects.get(user=user, number=number, channel=OrderChannel.RETAIL)
    return order_complete(order, actor=user)


def orders_auto_complete(now=None):
    """Completes orders whose last parcel shipped ``AUTO_COMPLETE_DAYS`` days ago; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=AUTO_COMPLETE_DAYS)
    recent = Parcel.objects.filter(shipped_at__gte=cutoff).values("order_id")
    due = Order.objects.filter(channel=OrderChannel.RETAIL, status=OrderStatus.SHIPPED).exclude(pk__in=recent)
    count = 0
    for order in due:
        order_complete(order)
        count += 1
    return count
