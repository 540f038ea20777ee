"""How payments name things: Oscar's payment types, notify outcomes and refund states."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Oscar's payment source type and payment event types, by code.
SOURCE_TYPE = ("alipay", "支付宝")
PAYMENT_EVENT = ("paid", "支付")
REFUND_EVENT = ("refunded", "退款")

#: Unpaid orders are closed this many minutes after they were placed.
UNPAID_ORDER_TIMEOUT_MINUTES = 30
#: How long the return page waits for Alipay's trade query: a shopper is waiting, and a slow
#: gateway must not hold a web worker for the SDK's usual ten seconds.
RETURN_PAGE_QUERY_SECONDS = 3
#: While the notify has not arrived, the return page looks again this often, this many times.
RETURN_PAGE_RECHECK_SECONDS = 3
RETURN_PAGE_RECHECKS = 20


class NoticeOutcome(models.TextChoices):
    """What became of one asynchronous notify from Alipay."""

    RECORDED = "recorded", _("已入账")
    DUPLICATE = "duplicate", _("重复通知（已入账过）")
    LATE = "late", _("订单已关闭后到账，待退款")
    #: Another trade of an order already paid: the shopper was charged twice.
    SECOND_PAYMENT = "second", _("订单已由另一笔交易付款，重复付款待退款")
    IGNORED = "ignored", _("非支付成功状态，未处理")
    REJECTED = "rejected", _("验证未通过，已拒绝")


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("处理中")
    SUCCEEDED = "succeeded", _("已退款")
    FAILED = "failed", _("退款失败")
    #: Alipay confirmed another amount than was asked: nothing is recorded until someone checks.
    MISMATCH = "mismatch", _("金额不符，待核对")


#: Refunds whose money may have moved or may still move: they count as being refunded.
REFUND_OPEN_STATUSES = (RefundStatus.PENDING, RefundStatus.MISMATCH)
