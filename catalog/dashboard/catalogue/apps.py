import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's product dashboard, forked so a cooperative works on its own products only."""

    name = "catalog.dashboard.catalogue"
