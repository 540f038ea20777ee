from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class

BATCH = r"^(?P<pk>[0-9]+)/"


class TraceabilityDashboardConfig(OscarDashboardConfig):
    """生产批次与溯源码 in Oscar's dashboard (/shop/dashboard/batches/): operators and cooperative
    staff, who see and change only their own cooperative's batches (the views' querysets)."""

    name = "catalog.traceability"
    label = "traceability_dashboard"
    verbose_name = _("生产批次与溯源码")

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.default_permissions = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from . import dashboard_views as views

        return self.post_process_urls(
            [
                path("", views.BatchListView.as_view(), name="traceability-batch-list"),
                path("create/", views.BatchCreateView.as_view(), name="traceability-batch-create"),
                path("<int:pk>/", views.BatchDetailView.as_view(), name="traceability-batch-detail"),
                path("<int:pk>/edit/", views.BatchUpdateView.as_view(), name="traceability-batch-update"),
                re_path(
                    BATCH + r"qr\.(?P<format>png|svg)$",
                    views.BatchQRCodeView.as_view(),
                    name="traceability-batch-qr",
                ),
                re_path(
                    BATCH + r"labels\.(?P<format>pdf|png)$",
                    views.BatchLabelSheetView.as_view(),
                    name="traceability-batch-labels",
                ),
            ]
        )
