"""Signals other packages listen to, so that the shop never imports them (``procurement``
follows its supplier orders' parcels through these)."""

from django.dispatch import Signal

#: Sent inside the transaction that shipped ``parcel`` of ``order``; ``order.status`` is already
#: 已发货 when it was the last parcel. Arguments: ``parcel``, ``order``, ``user``.
parcel_shipped = Signal()

#: Sent inside the transaction that recorded the payment of ``order`` (a retail order now 已付款;
#: not for a payment that came after the order was closed). Arguments: ``order``.
payment_recorded = Signal()

#: Sent inside the transaction that recorded that Alipay paid ``refund``. Arguments: ``refund``.
refund_succeeded = Signal()
