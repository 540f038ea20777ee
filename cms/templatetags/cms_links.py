"""Links from the shop to the pages about its products and areas. The catalogue's templates load
this library; its Python code never imports ``cms``."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from catalog.listing_cache import listings_version

from ..featuring import pages_featuring as _pages_featuring

register = template.Library()


@register.simple_tag(takes_context=True)
def pages_featuring(context, product=None, area=None):
    """Routes, attractions, festivals and live sales that feature ``product`` or pass through
    its origin area, or that pass through ``area``.

    The same public links for every visitor: cached under the storefront's listing version,
    which publishing, unpublishing, moving or deleting a page moves on (cms/receivers.py), and
    for at most ``CATALOG_LISTING_CACHE_SECONDS``, since which festivals are coming and which
    live sales are on changes with the clock."""
    product_ids = [product.pk] if product is not None else []
    area_ids = [area.pk if area is not None else getattr(product, "origin_area_id", None)]
    key = f"cms:featuring:{listings_version()}:{get_language()}:{product_ids}:{area_ids}"
    html = cache.get(key)
    if html is None:
        groups = _pages_featuring(product_ids=product_ids, area_ids=area_ids)
        html = render_to_string(
            "cms/includes/pages_featuring.html", {"groups": groups, "request": context.get("request")}
        )
        if settings.CATALOG_LISTING_CACHE_SECONDS:
            cache.set(key, html, settings.CATALOG_LISTING_CACHE_SECONDS)
    return mark_safe(html)
