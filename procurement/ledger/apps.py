from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """The consumption-assistance ledger (消费帮扶台账): one entry per sale, refund or 验收 of an
    order line, written by the services that move the money, read by every report."""

    name = "procurement.ledger"
    label = "ledger"
    verbose_name = _("消费帮扶台账")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from shop.order.signals import payment_recorded, refund_succeeded

        from . import receivers

        payment_recorded.connect(receivers.payment_recorded_enter, dispatch_uid="ledger-payment-recorded")
        refund_succeeded.connect(receivers.refund_succeeded_enter, dispatch_uid="ledger-refund-succeeded")
