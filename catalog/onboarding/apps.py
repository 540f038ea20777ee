from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class

#: Pages cooperative staff open too: their own qualification documents (the views' querysets
#: keep them to their own cooperative's).
COOPERATIVE_PAGES = ("onboarding-document-list", "onboarding-document-file", "onboarding-document-delete")


class OnboardingDashboardConfig(OscarDashboardConfig):
    """入驻申请, 合作社管理 and 资质文件 in Oscar's dashboard (/shop/dashboard/cooperatives/):
    operators only, except the qualification documents."""

    name = "catalog.onboarding"
    label = "onboarding_dashboard"
    verbose_name = _("合作社入驻")
    default_permissions = ["is_staff"]

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        cooperative = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        self.permissions_map = dict.fromkeys(COOPERATIVE_PAGES, cooperative)

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from . import dashboard_views as views

        pages = [
            ("", views.cooperative_list, "cooperative-list"),
            ("<int:pk>/suspend/", views.cooperative_suspend, "cooperative-suspend"),
            ("<int:pk>/reinstate/", views.cooperative_reinstate, "cooperative-reinstate"),
            ("applications/", views.application_list, "application-list"),
            ("applications/<int:pk>/", views.application_detail, "application-detail"),
            ("applications/<int:pk>/license/", views.application_license, "application-license"),
            ("applications/<int:pk>/approve/", views.application_approve, "application-approve"),
            ("applications/<int:pk>/reject/", views.application_reject, "application-reject"),
            (
                "applications/<int:pk>/request-changes/",
                views.application_request_changes,
                "application-request-changes",
            ),
            ("documents/", views.document_list, "document-list"),
            ("documents/<int:pk>/", views.document_file, "document-file"),
            ("documents/<int:pk>/delete/", views.document_delete, "document-delete"),
        ]
        return self.post_process_urls(
            [path(route, view, name=f"onboarding-{name}") for route, view, name in pages]
        )
