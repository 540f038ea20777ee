"""Errors of orders and their fulfilment; each carries a Chinese message shown as it is."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class FulfilmentError(DomainError):
    """Base of fulfilment's errors."""


class NotYourParcel(FulfilmentError):
    default_message = _("这个包裹不属于你的合作社，不能发货。")


class ParcelNotPending(FulfilmentError):
    default_message = _("这个包裹已经发过货了。")


class OrderNotPaid(FulfilmentError):
    default_message = _("订单还没有付款，不能发货。")


class TrackingRequired(FulfilmentError):
    default_message = _("请填写快递公司和运单号。")


class ReceiptNotPossible(FulfilmentError):
    default_message = _("订单还没有全部发货，暂不能确认收货。")


class OrderStatusNotAllowed(FulfilmentError):
    default_message = _("订单当前状态不能改为所选状态。")
