from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import ProductCode, TradeStatus


class EmulatedTrade(models.Model):
    """One Alipay trade as the emulator keeps it, from the pay request to its refunds."""

    out_trade_no = models.CharField(_("商户订单号"), max_length=64, unique=True)
    trade_no = models.CharField(_("支付宝交易号"), max_length=64, unique=True)
    total_amount = models.DecimalField(_("订单金额"), max_digits=12, decimal_places=2)
    subject = models.CharField(_("订单标题"), max_length=256)
    product_code = models.CharField(_("产品码"), max_length=32, choices=ProductCode.choices)
    notify_url = models.CharField(_("异步通知地址"), max_length=1024, blank=True)
    return_url = models.CharField(_("同步返回地址"), max_length=1024, blank=True)
    quit_url = models.CharField(_("中途退出地址"), max_length=1024, blank=True)
    # The pay request's ``time_expire``: the buyer cannot pay after it.
    time_expire = models.DateTimeField(_("付款截止时间"), null=True, blank=True)
    status = models.CharField(
        _("交易状态"), max_length=20, choices=TradeStatus.choices, default=TradeStatus.WAIT_BUYER_PAY
    )
    refunded_amount = models.DecimalField(
        _("已退款金额"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    # The ``timestamp`` the app signed, kept as sent: it shows which clock the app used.
    request_timestamp = models.CharField(_("请求时间戳"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("模拟交易")
        verbose_name_plural = _("模拟交易")

    def __str__(self):
        return f"{self.out_trade_no} ({self.status})"

    @property
    def is_wap(self):
        return self.product_code == ProductCode.WAP

    @property
    def refundable_amount(self):
        return self.total_amount - self.refunded_amount


class EmulatedRefund(models.Model):
    """One accepted refund request; its ``out_request_no`` makes a retried request harmless."""

    trade = models.ForeignKey(EmulatedTrade, on_delete=models.CASCADE, related_name="refunds")
    out_request_no = models.CharField(_("退款请求号"), max_length=64)
    refund_amount = models.DecimalField(_("退款金额"), max_digits=12, decimal_places=2)
    # Alipay's ``refund_fee``: all refunded on the trade once this refund was made.
    refund_fee = models.DecimalField(_("累计退款金额"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("退款原因"), max_length=256, blank=True)
    created_at = models.DateTimeField(_("退款时间"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trade", "out_request_no"], name="emulated_refund_unique_request"
            ),
        ]
        verbose_name = _("模拟退款")
        verbose_name_plural = _("模拟退款")

    def __str__(self):
        return f"{self.trade.out_trade_no} / {self.out_request_no}"


class NotifyAttempt(models.Model):
    """One POST of an asynchronous notify to the app, and what the app answered."""

    trade = models.ForeignKey(EmulatedTrade, on_delete=models.CASCADE, related_name="notify_attempts")
    notify_id = models.CharField(_("通知编号"), max_length=64)
    trade_status = models.CharField(_("通知的交易状态"), max_length=20, choices=TradeStatus.choices)
    attempted_at = models.DateTimeField(_("发送时间"), auto_now_add=True)
    # None when no HTTP answer came back at all (refused, timed out).
    http_status = models.PositiveSmallIntegerField(_("HTTP 状态"), null=True, blank=True)
    body = models.TextField(_("应答内容"), blank=True)
    delivered = models.BooleanField(_("已送达"), default=False)

    class Meta:
        ordering = ["attempted_at", "id"]
        verbose_name = _("通知记录")
        verbose_name_plural = _("通知记录")

    def __str__(self):
        return f"{self.trade.out_trade_no} @ {self.attempted_at:%Y-%m-%d %H:%M:%S}"
