"""What procurement follows of the shop without the shop knowing about it."""

from shop.order.constants import OrderChannel

from . import services


def parcel_shipped_follow(sender, *, parcel, order, user, **kwargs):
    """A supplier order is 已发货 once its Oscar order's last parcel shipped."""
    if order.channel == OrderChannel.INSTITUTIONAL:
        services.supplier_order_shipped(order=order, user=user)
