import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from django.urls import include, path

#: Our own dashboard sections, mounted like Oscar's sub-apps: (URL prefix, app label).
WENFU_DASHBOARD_APPS = (
    ("cooperatives/", "onboarding_dashboard"),
    ("batches/", "traceability_dashboard"),
    ("listing-reviews/", "listing_review_dashboard"),
    ("payments/", "payments_dashboard"),
    ("procurement/", "procurement_dashboard"),
    ("audit/", "audit_dashboard"),
)


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that Oscar's class loader finds our forks of its product
    (``shop.dashboard.catalogue``) and order (``shop.dashboard.orders``) dashboards, which it
    looks up through their parent app, and to mount our own sections beside Oscar's: each is an
    ``OscarDashboardConfig`` whose ``permissions_map`` guards its views and the menu alike."""

    name = "shop.dashboard"

    def get_urls(self):
        urls = super().get_urls()
        for prefix, label in WENFU_DASHBOARD_APPS:
            urls.append(path(prefix, include(django_apps.get_app_config(label).urls[0])))
        return urls
