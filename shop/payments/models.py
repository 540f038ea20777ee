"""What the shop records of Alipay beyond Oscar's payment sources and events: every notify as it
arrived (the audit trail of the money path) and every refund request with its idempotency key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import NoticeOutcome, RefundStatus


class AlipayNotice(models.Model):
    """One asynchronous notify, kept whatever became of it."""

    received_at = models.DateTimeField(_("收到时间"), auto_now_add=True)
    out_trade_no = models.CharField(_("商户订单号"), max_length=64, blank=True, db_index=True)
    trade_no = models.CharField(_("支付宝交易号"), max_length=64, blank=True)
    notify_id = models.CharField(_("通知编号"), max_length=128, blank=True)
    params = models.JSONField(_("通知参数"), default=dict)
    outcome = models.CharField(_("处理结果"), max_length=10, choices=NoticeOutcome.choices)
    message = models.CharField(_("说明"), max_length=255, blank=True)
    order = models.ForeignKey(
        "order.Order",
        verbose_name=_("订单"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alipay_notices",
    )

    class Meta:
        verbose_name = _("支付宝通知")
        verbose_name_plural = _("支付宝通知")
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.out_trade_no} · {self.get_outcome_display()}"


class AlipayRefund(models.Model):
    """A refund the operator asked Alipay for. ``out_request_no`` is sent with every try, so a
    retried request never pays twice."""

    order = models.ForeignKey(
        "order.Order", verbose_name=_("订单"), on_delete=models.PROTECT, related_name="alipay_refunds"
    )
    out_request_no = models.CharField(_("退款请求号"), max_length=64, unique=True)
    amount = models.DecimalField(_("退款金额"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("退款原因"), max_length=255, blank=True)
    line_quantities = models.JSONField(_("退款商品"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    message = models.CharField(_("说明"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("支付宝退款")
        verbose_name_plural = _("支付宝退款")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.order.number} · {self.amount}"
