"""Errors of the payment services; each carries a Chinese message shown as it is."""

from django.utils.translation import gettext_lazy as _

from shop.exceptions import DomainError


class PaymentError(DomainError):
    default_message = _("支付操作无法完成。")


class RefundTooLarge(PaymentError):
    default_message = _("退款金额超过了可退金额。")


class RefundInvalid(PaymentError):
    default_message = _("请填写大于零的退款金额。")


class RefundNotPossible(PaymentError):
    default_message = _("该订单没有可退款的支付。")


class RefundLinesInvalid(PaymentError):
    default_message = _("所选商品行不属于这个订单，或退款件数不正确。")


class RefundNotPending(PaymentError):
    default_message = _("只有结果未知（处理中）的退款可以重试；退款失败的请重新申请。")


class PaymentNotPossible(PaymentError):
    default_message = _("这个订单已付款、已关闭或已超过付款时限，不能再去付款。")


class OrderNotCancellable(PaymentError):
    default_message = _("这个订单已付款或已关闭，不能再取消；已付款的订单如需退款请联系平台客服。")
