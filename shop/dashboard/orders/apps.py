from oscar.apps.dashboard.orders import apps

#: Pages that change or summarise whole orders (shared by several cooperatives): operators only.
OPERATOR_ONLY_NAMES = ("order-stats", "order-detail-note", "order-shipping-address")


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked so a cooperative sees and acts on its own lines only."""

    name = "shop.dashboard.orders"

    def configure_permissions(self):
        super().configure_permissions()
        for name in OPERATOR_ONLY_NAMES:
            self.permissions_map[name] = ["is_staff"]
