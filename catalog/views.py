"""Storefront pages of the catalogue: the product page (Oscar's, forked for provenance and
suspended cooperatives), and the resettlement-area and cooperative pages.

Oscar's ``get_class("catalogue.views", "ProductDetailView")`` finds the class here; the other
names Oscar looks up in this module (``CatalogueView``, ``ProductCategoryView``) fall back to
Oscar's, which load ours from ``catalog.search``.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.generic import ListView
from django.views.generic.base import ContextMixin
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from shop.users.roles import is_operator

from .listing_cache import (
    CSRF_PLACEHOLDER,
    CachedListingMixin,
    listing_cache_key,
    listing_is_cacheable,
    listing_keep,
    with_visitor_token,
)
from .models import ResettlementArea
from .selectors import (
    area_cooperatives,
    cooperative_for_shoppers,
    product_for_detail_page,
    product_is_visible_to_shoppers,
    product_list_for_area,
    product_list_for_partner,
    product_provenance,
)

Product = get_model("catalogue", "Product")


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, plus the provenance block (「产地溯源」) and tier prices.

    A product only suspended cooperatives stock is not found, except by staff (who may view
    non-public products too, as in Oscar).

    The parts about the product (``PART_TEMPLATES``, title and description) are rendered on their
    own; for anonymous shoppers they are kept with the listings (catalog/listing_cache.py: the
    same version, bumped by any change of the product, its stock reaching zero, its cooperative
    or the pages featuring it), so a cached page asks the database nothing. The view is still
    counted and the visitor's recently viewed products are still their own.
    """

    PART_TEMPLATES = {
        "breadcrumbs_html": "catalog/_product_breadcrumbs.html",
        "product_html": "catalog/_product_detail.html",
    }

    def get(self, request, *args, **kwargs):
        if listing_is_cacheable(request):
            cached = cache.get(self.page_cache_key())
            if cached is not None:
                return self.cached_response(cached)
        return super().get(request, *args, **kwargs)

    def page_cache_key(self):
        # The path (with the product's id and slug) is in the key: an entry is only kept for
        # the path Oscar does not redirect from, so a hit needs no redirect check.
        return listing_cache_key(self.request, "product", ())

    def cached_response(self, cached):
        """The page from a cache entry of ``page_parts``; the product's id is all the
        view's receivers (Oscar's history cookie, the view counter) and the recently viewed
        list read, so no product is loaded."""
        self.object = product = Product(pk=cached["pk"])
        context = ContextMixin.get_context_data(
            self, product=product, **cached["text"], **with_visitor_token(self.request, cached["html"])
        )
        response = self.response_class(
            request=self.request, template=cached["templates"], context=context, using=self.template_engine
        )
        self.send_signal(self.request, response, product)
        return response

    def get_object(self, queryset=None):
        if hasattr(self, "object"):
            return self.object
        return super().get_object(product_for_detail_page())

    def is_viewable(self, product, request):
        if not super().is_viewable(product, request):
            return False
        return is_operator(request.user) or product_is_visible_to_shoppers(product)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["provenance"] = product_provenance(self.object)
        if listing_is_cacheable(self.request):
            parts = self.page_parts({**context, "csrf_token": CSRF_PLACEHOLDER})
            listing_keep(self.page_cache_key(), parts)
            context.update(parts["text"], **with_visitor_token(self.request, parts["html"]))
        else:
            parts = self.page_parts(context)
            context.update(parts["text"], **parts["html"])
        return context

    def page_parts(self, context):
        """What the page shows of the product, rendered in ``context``: HTML parts, title and
        description, and the templates the page is rendered with."""
        product = self.object
        return {
            "pk": product.pk,
            "templates": self.get_template_names(),
            "text": {
                "product_title": product.get_meta_title(),
                "product_description": product.get_meta_description(),
            },
            "html": {
                name: render_to_string(template, context, self.request)
                for name, template in self.PART_TEMPLATES.items()
            },
        }


class _ProductPageView(CachedListingMixin, ListView):
    """A paginated grid of product cards below a header (area or cooperative)."""

    context_object_name = "products"
    listing_templates = {"grid_html": "catalog/_product_grid.html"}

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE


class AreaDetailView(_ProductPageView):
    """``/shop/areas/<slug>/``: a resettlement area's story, its cooperatives and their products."""

    template_name = "catalog/area_detail.html"

    def prepare(self):
        self.area = get_object_or_404(ResettlementArea, slug=self.kwargs["slug"])

    def get_queryset(self):
        return product_list_for_area(self.area)

    def get_page_context(self, **kwargs):
        return super().get_page_context(area=self.area, cooperatives=area_cooperatives(self.area), **kwargs)


class CooperativeDetailView(_ProductPageView):
    """``/shop/cooperatives/<code>/``: a cooperative's profile, benefit story (联农带农), the areas
    it serves and its products. A suspended cooperative is not found."""

    template_name = "catalog/cooperative_detail.html"

    def prepare(self):
        self.cooperative = cooperative_for_shoppers(self.kwargs["code"])
        if self.cooperative is None:
            raise Http404()

    def get_queryset(self):
        return product_list_for_partner(self.cooperative.partner)

    def get_page_context(self, **kwargs):
        return super().get_page_context(
            cooperative=self.cooperative, partner=self.cooperative.partner, **kwargs
        )
