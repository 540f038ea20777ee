from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig
from oscar.core.loading import get_class

#: URL names of the pages only operators open (the views check it again).
OPERATOR_PAGES = (
    "procurement-organisation-list",
    "procurement-organisation-detail",
    "procurement-organisation-verify",
    "procurement-organisation-reject",
    "procurement-organisation-suspend",
    "procurement-organisation-reinstate",
)


class ProcurementDashboardConfig(OscarDashboardConfig):
    """机构采购 in Oscar's dashboard (/shop/dashboard/procurement/): operators, who see every
    organisation, and cooperative staff, who see only their own cooperative's supplier orders,
    quote requests and invoices (the views' querysets)."""

    name = "procurement.dashboard"
    label = "procurement_dashboard"
    verbose_name = _("机构采购")

    def configure_permissions(self):
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.default_permissions = (DashboardPermission.staff, DashboardPermission.partner_dashboard_access)
        # Operators' pages: kept from cooperative staff here too, so the menu does not offer them.
        self.permissions_map = dict.fromkeys(OPERATOR_PAGES, (DashboardPermission.staff,))

    def ready(self):
        self.configure_permissions()

    def get_urls(self):
        from . import billing, ledger, organisations, quotes, supplier_orders

        return self.post_process_urls(
            [
                *organisations.urlpatterns,
                *supplier_orders.urlpatterns,
                *quotes.urlpatterns,
                *billing.urlpatterns,
                *ledger.urlpatterns,
            ]
        )
