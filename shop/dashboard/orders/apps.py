from django.urls import path
from oscar.apps.dashboard.orders import apps
from oscar.core.loading import get_class

#: Pages that change or summarise whole orders (shared by several cooperatives): operators only.
OPERATOR_ONLY_NAMES = ("order-stats", "order-detail-note", "order-shipping-address", "order-refund")


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked so a cooperative sees and acts on its own lines only."""

    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        for name in OPERATOR_ONLY_NAMES:
            self.permissions_map[name] = ["is_staff"]
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        self.permissions_map["order-parcel-ship"] = (
            ["is_staff"],
            DashboardPermission.partner_dashboard_access,
        )

    def ready(self):
        super().ready()
        self.order_refund_view = get_class("dashboard.orders.views", "OrderRefundView")
        self.parcel_ship_view = get_class("dashboard.orders.views", "ParcelShipView")

    def get_urls(self):
        return super().get_urls() + self.post_process_urls(
            [
                path("<str:number>/refunds/", self.order_refund_view.as_view(), name="order-refund"),
                path(
                    "<str:number>/parcels/<int:pk>/ship/",
                    self.parcel_ship_view.as_view(),
                    name="order-parcel-ship",
                ),
            ]
        )
