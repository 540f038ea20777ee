default_app_config = 'catalog.dashboard.ue.apps.CatalogueDashboardConfig'
