from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractBillingAddress, AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractOrder, AbstractOrderStatusChange

from shop.address.abstract_models import ChinaAddressMixin

from .constants import OrderChannel


class Order(AbstractOrder):
    #: Retail (storefront) or institutional (a supplier order of ``procurement``): the consumer
    #: flow's beat tasks and the shopper's pages only ever take retail orders.
    channel = models.CharField(
        _("渠道"), max_length=16, choices=OrderChannel.choices, default=OrderChannel.RETAIL, db_index=True
    )

    class Meta(AbstractOrder.Meta):
        pass


class ShippingAddress(ChinaAddressMixin, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


class BillingAddress(ChinaAddressMixin, AbstractBillingAddress):
    class Meta(AbstractBillingAddress.Meta):
        pass


class OrderStatusChange(AbstractOrderStatusChange):
    """Oscar's record of a status change, with who made it and why (``order_status_change``)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空：由系统（支付宝通知、定时任务）完成。"),
    )
    reason = models.CharField(_("原因"), max_length=255, blank=True)

    class Meta(AbstractOrderStatusChange.Meta):
        pass


class ParcelStatus(models.TextChoices):
    PENDING = "pending", _("待发货")
    SHIPPED = "shipped", _("已发货")
    RECEIVED = "received", _("已签收")
    #: Every unit in it was refunded (or the order cancelled): nothing is left to ship.
    CLOSED = "closed", _("已关闭")


class Carrier(models.TextChoices):
    SF = "sf", _("顺丰速运")
    EMS = "ems", _("中国邮政 EMS")
    JD = "jd", _("京东物流")
    ZTO = "zto", _("中通快递")
    YTO = "yto", _("圆通速递")
    YUNDA = "yunda", _("韵达快递")
    STO = "sto", _("申通快递")
    JT = "jt", _("极兔速递")
    PICKUP = "pickup", _("到合作社自提")
    OTHER = "other", _("其他")


class Parcel(models.Model):
    """One cooperative's part of a paid order: its lines, shipped by that cooperative alone."""

    order = models.ForeignKey(
        "order.Order", verbose_name=_("订单"), on_delete=models.CASCADE, related_name="parcels"
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="parcels"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ParcelStatus.choices, default=ParcelStatus.PENDING, db_index=True
    )
    carrier = models.CharField(_("快递公司"), max_length=10, choices=Carrier.choices, blank=True)
    tracking_number = models.CharField(_("运单号"), max_length=40, blank=True)
    shipped_at = models.DateTimeField(_("发货时间"), null=True, blank=True)
    shipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发货人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("签收时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("包裹")
        verbose_name_plural = _("包裹")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="one_parcel_per_cooperative")
        ]

    def __str__(self):
        return f"{self.order.number} · {self.partner.name}"


from oscar.apps.order.models import *  # noqa: E402, F403
