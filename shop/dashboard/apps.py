import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that Oscar's class loader finds our forks of its product
    (``shop.dashboard.catalogue``) and order (``shop.dashboard.orders``) dashboards: it looks
    sub-apps up through their parent app."""

    name = "shop.dashboard"
