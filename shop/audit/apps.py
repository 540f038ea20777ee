from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class AuditDashboardConfig(OscarDashboardConfig):
    """审计日志 in Oscar's dashboard (/shop/dashboard/audit/): operators only. What is recorded
    is django-auditlog's ``LogEntry``, for the models and fields ``AUDITLOG_INCLUDE_TRACKING_MODELS``
    names."""

    name = "shop.audit"
    label = "audit_dashboard"
    verbose_name = _("审计日志")
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        return self.post_process_urls([path("", views.audit_log_list, name="audit-log")])
