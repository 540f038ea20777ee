"""Storefront pages of the catalogue: the product page (Oscar's, forked for provenance and
suspended cooperatives), and the resettlement-area and cooperative pages.

Oscar's ``get_class("catalogue.views", "ProductDetailView")`` finds the class here; the other
names Oscar looks up in this module (``CatalogueView``, ``ProductCategoryView``) fall back to
Oscar's, which load ours from ``catalog.search``.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from oscar.apps.catalogue import views as oscar_views

from shop.users.roles import is_operator

from .listing_cache import CachedListingMixin
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


class ProductDetailView(oscar_views.ProductDetailView):
    """Oscar's product page, plus the provenance block (「产地溯源」) and tier prices.

    A product only suspended cooperatives stock is not found, except by staff (who may view
    non-public products too, as in Oscar).
    """

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
        return context


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
