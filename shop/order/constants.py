"""Order states of the shop (``OSCAR_ORDER_STATUS_PIPELINE`` in settings)."""


class OrderStatus:
    """An order's status (Oscar stores the string itself, so these are the Chinese names)."""

    PENDING_PAYMENT = "待付款"
    PAID = "已付款"
    SHIPPED = "已发货"
    COMPLETED = "已完成"
    CANCELLED = "已取消"
