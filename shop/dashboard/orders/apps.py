import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, forked so a cooperative sees and acts on its own lines only."""

    name = "shop.dashboard.orders"
