"""Links from the shop to the pages about its products and areas. The catalogue's templates load
this library; its Python code never imports ``cms``."""

from django import template

from ..featuring import pages_featuring as _pages_featuring

register = template.Library()


@register.inclusion_tag("cms/includes/pages_featuring.html", takes_context=True)
def pages_featuring(context, product=None, area=None):
    """Routes, attractions, festivals and live sales that feature ``product`` or pass through
    its origin area, or that pass through ``area``."""
    product_ids = [product.pk] if product is not None else []
    area_ids = [area.pk if area is not None else getattr(product, "origin_area_id", None)]
    groups = _pages_featuring(product_ids=product_ids, area_ids=area_ids)
    return {"groups": groups, "request": context.get("request")}
