from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The project itself, as an app: home of the commands that orchestrate every package
    (``load_demo``) and of the analytics counters moved out of the shopper's request."""

    name = "shop"
    verbose_name = "稳富"

    def ready(self):
        from .analytics import analytics_receivers_defer

        analytics_receivers_defer()
