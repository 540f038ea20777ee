"""Writes of the order state machine (``shop.order.constants.ORDER_TRANSITIONS``): every status
change of an order goes through :func:`order_status_change`, which records who made it and why.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class

from .constants import ORDER_TRANSITIONS
from .exceptions import OrderStatusNotAllowed
from .models import OrderStatusChange, ParcelStatus

EventHandler = get_class("order.processing", "EventHandler")


@transaction.atomic
def order_status_change(*, order, to, actor=None, reason=""):
    """Moves ``order`` to status ``to`` and records the move (Oscar's ``OrderStatusChange``)
    with ``actor`` (None when the shop itself moves it: a notify, a beat task) and ``reason``.

    Raises ``OrderStatusNotAllowed`` when ``ORDER_TRANSITIONS`` has no move from the order's
    status to ``to``. Callers whose move depends on the order's state hold its row lock.
    """
    if to not in ORDER_TRANSITIONS.get(order.status, ()):
        message = _("订单 %(number)s 是“%(status)s”，不能改为“%(to)s”。")
        raise OrderStatusNotAllowed(message % {"number": order.number, "status": order.status, "to": to})
    order.set_status(to)
    # Oscar's ``set_status`` writes the change row without an actor: fill in the one it just wrote.
    change = OrderStatusChange.objects.filter(order=order).order_by("-pk").first()
    change.actor, change.reason = actor, reason[:255]
    change.save(update_fields=["actor", "reason"])
    return order


def order_stock_release(order, *, lines=None, quantities=None):
    """Gives back the stock ``order``'s unshipped units still hold: all of them, or for
    ``lines`` at most ``quantities`` units each. Shipped units hold none, so releasing twice
    changes nothing."""
    lines = list(order.lines.all() if lines is None else lines)
    if quantities is None:
        quantities = [line.num_allocated or 0 for line in lines]
    held = [
        (line, min(quantity, line.num_allocated or 0))
        for line, quantity in zip(lines, quantities, strict=True)
        if min(quantity, line.num_allocated or 0) > 0
    ]
    # Oscar releases every line in full when given no lines: only call it with some.
    if held:
        EventHandler().cancel_stock_allocations(
            order, [line for line, _quantity in held], [quantity for _line, quantity in held]
        )


@transaction.atomic
def order_close(order, *, to, actor=None, reason=""):
    """Ends ``order`` without shipping the rest (``to`` is 已取消 or 已退款): its unshipped stock
    is released and its pending parcels are closed, so no cooperative ships them. Raises
    ``OrderStatusNotAllowed`` as :func:`order_status_change` does."""
    order_status_change(order=order, to=to, actor=actor, reason=reason)
    order_stock_release(order)
    order.parcels.filter(status=ParcelStatus.PENDING).update(status=ParcelStatus.CLOSED)
    return order
