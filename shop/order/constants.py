"""Order states of the shop and the one table of the moves between them.

``shop.settings`` builds Oscar's ``OSCAR_ORDER_STATUS_PIPELINE`` from ``ORDER_TRANSITIONS``, so
this module imports no models. Every move goes through ``shop.order.services.order_status_change``,
which checks this table and records who made it and why.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    """An order's status (Oscar stores the string itself, so the values are the Chinese names)."""

    PENDING_PAYMENT = "待付款", _("待付款")
    PAID = "已付款", _("已付款")
    SHIPPED = "已发货", _("已发货")
    COMPLETED = "已完成", _("已完成")
    CANCELLED = "已取消", _("已取消")
    #: Every yuan paid was refunded; nothing of the order ships any more.
    REFUNDED = "已退款", _("已退款")
    #: An institutional supplier order waiting for its cooperative to confirm it (``procurement``).
    AWAITING_CONFIRMATION = "待确认", _("待确认")
    #: The cooperative confirmed the institutional order; it ships like a paid retail order.
    CONFIRMED = "已确认", _("已确认")


class OrderChannel(models.TextChoices):
    """Who bought: a shopper through the storefront, or an institution through procurement.

    The consumer flow (Alipay payment and closing of unpaid orders, 确认收货, completing by
    itself after shipping) only ever touches ``RETAIL`` orders; institutional orders are paid by
    settlement and received by 验收 in ``procurement``.
    """

    RETAIL = "retail", _("零售")
    INSTITUTIONAL = "institutional", _("机构采购")


#: The one place that says which order state may follow which. Payment, parcels and refunds move
#: an order along it; an operator only ever cancels (``OPERATOR_TRANSITIONS``).
ORDER_TRANSITIONS = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.SHIPPED, OrderStatus.CANCELLED, OrderStatus.REFUNDED},
    OrderStatus.SHIPPED: {OrderStatus.COMPLETED, OrderStatus.REFUNDED},
    OrderStatus.COMPLETED: {OrderStatus.REFUNDED},
    OrderStatus.CANCELLED: set(),
    OrderStatus.REFUNDED: set(),
    # Institutional orders: confirmed by the cooperative, shipped with parcels, completed at 验收.
    OrderStatus.AWAITING_CONFIRMATION: {OrderStatus.CONFIRMED, OrderStatus.CANCELLED},
    OrderStatus.CONFIRMED: {OrderStatus.SHIPPED, OrderStatus.CANCELLED},
}

#: Statuses in which an order's parcels may ship: paid retail orders, confirmed institutional ones.
SHIPPABLE_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.CONFIRMED})

#: The moves an operator may ask for on the order page; the others follow the money and parcels.
OPERATOR_TRANSITIONS = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.CANCELLED},
}


def order_status_pipeline():
    """``ORDER_TRANSITIONS`` as Oscar's ``OSCAR_ORDER_STATUS_PIPELINE`` (plain strings, sorted)."""
    return {
        str(status): tuple(sorted(str(to) for to in targets)) for status, targets in ORDER_TRANSITIONS.items()
    }
