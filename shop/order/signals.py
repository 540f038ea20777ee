"""Signals other packages listen to, so that the shop never imports them (``procurement``
follows its supplier orders' parcels through these)."""

from django.dispatch import Signal

#: Sent inside the transaction that shipped ``parcel`` of ``order``; ``order.status`` is already
#: 已发货 when it was the last parcel. Arguments: ``parcel``, ``order``, ``user``.
parcel_shipped = Signal()
