from wagtail import hooks

from .links import area_chooser_viewset, product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser_viewset, area_chooser_viewset]
