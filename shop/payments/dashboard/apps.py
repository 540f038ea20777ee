from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class PaymentsDashboardConfig(OscarDashboardConfig):
    """支付宝 pages of Oscar's dashboard (/shop/dashboard/payments/): operators only."""

    name = "shop.payments.dashboard"
    label = "payments_dashboard"
    verbose_name = _("支付宝")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        return self.post_process_urls(
            [path("late/", views.late_payment_list, name="payments-late-payment-list")]
        )
