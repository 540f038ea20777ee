from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    """Institutional buyers: canteens, trade unions and enterprises ordering in bulk."""

    name = "procurement"
    verbose_name = _("机构采购")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from shop.order.signals import parcel_shipped
        from shop.payments.hooks import notify_handler_register

        from . import receivers
        from .billing.services import SETTLEMENT_PREFIX, settlement_notify_handle

        parcel_shipped.connect(receivers.parcel_shipped_follow, dispatch_uid="procurement-parcel-shipped")
        # Settlements paid on Alipay (out_trade_no "JS…") are not Oscar orders.
        notify_handler_register(SETTLEMENT_PREFIX, settlement_notify_handle)
