from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Alipay payments of shop orders: notify, return, closing unpaid orders and refunds."""

    name = "shop.payments"
    label = "payments"
    verbose_name = _("支付")
    default_auto_field = "django.db.models.BigAutoField"
