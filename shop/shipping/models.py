from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import DELIVERED_METHODS, Zone


class ShippingRate(models.Model):
    """What a carrier charges per parcel to one zone: the first kilogram, then each further
    kilogram begun (首重 + 续重). Kept as rows so the operator changes prices in the admin; a row
    switched off (or missing) means the method does not deliver to that zone."""

    method_code = models.CharField(
        _("配送方式"), max_length=20, choices=[(code.value, code.label) for code in DELIVERED_METHODS]
    )
    zone = models.CharField(_("地区"), max_length=20, choices=Zone.choices)
    first_kg_price = models.DecimalField(
        _("首重价格（元/首公斤）"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    additional_kg_price = models.DecimalField(
        _("续重价格（元/公斤）"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    is_active = models.BooleanField(_("送达"), default=True, help_text=_("取消勾选则该方式不送达此地区。"))

    class Meta:
        verbose_name = _("运费标准")
        verbose_name_plural = _("运费标准")
        ordering = ["method_code", "zone"]
        constraints = [
            models.UniqueConstraint(fields=["method_code", "zone"], name="unique_shipping_rate_per_zone"),
        ]

    def __str__(self):
        return f"{self.get_method_code_display()} · {self.get_zone_display()}"


from oscar.apps.shipping.models import *  # noqa: E402, F403
