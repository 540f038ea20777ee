from django.apps import AppConfig


class ShopConfig(AppConfig):
    """The project itself, as an app: home of the commands that orchestrate every package
    (``load_demo``)."""

    name = "shop"
    verbose_name = "稳富"
