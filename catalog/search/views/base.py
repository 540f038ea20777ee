from django.conf import settings
from django.views.generic import ListView

from catalog.listing_cache import CachedListingMixin
from catalog.search.facets import clear_filters_url, link_facets
from catalog.search.forms import SearchForm
from catalog.selectors import (
    product_facets,
    product_filter,
    product_list_for_shoppers,
    product_search,
    product_sort,
)


class BaseSearchView(CachedListingMixin, ListView):
    """A page of products from the database, narrowed by ``q`` and the filters (area, town,
    cooperative, certification, storage) and ordered by ``sort_by``.

    Templates get ``products`` (this page's products), ``page_obj`` (also as ``page``),
    ``paginator``, ``form``, ``query``, ``filters``, ``facets`` (the sidebar's options with
    counts and links), ``filter_params`` (the active filters as (name, value) pairs, for hidden
    inputs), ``clear_filters_url`` and, from subclasses, ``summary`` and ``category``.
    """

    form_class = SearchForm
    context_object_name = "products"
    #: Whether the page shows filters; the search page with no words has nothing to filter.
    show_facets = True

    def get_paginate_by(self, queryset):
        # Read per request, not at import, so settings overrides (and tests) take effect.
        return settings.OSCAR_PRODUCTS_PER_PAGE

    #: The parts of the page that show the listing, rendered (and for anonymous shoppers cached,
    #: see catalog/listing_cache.py) on their own: context name → template.
    listing_templates = {
        "results_html": "includes/product_results.html",
        "sidebar_html": "includes/category_sidebar.html",
    }
    listing_params = ("page", "q", "sort_by", *SearchForm.FILTER_PARAMS)

    def get_form(self):
        return self.form_class(self.request.GET or None)

    def prepare(self):
        self.form = self.get_form()
        self.query = self.form.cleaned_query()
        self.filters = self.form.cleaned_filters()

    def get_page_context(self, **kwargs):
        """What the page shows around its listing (subclasses add their title and category)."""
        filter_params = [
            (name, value)
            for name in SearchForm.FILTER_PARAMS
            for value in self.request.GET.getlist(name)
            if value
        ]
        return super().get_page_context(
            form=self.form, query=self.query, filter_params=filter_params, **kwargs
        )

    def get_base_queryset(self):
        return product_list_for_shoppers()

    def get_queryset(self):
        queryset = self.get_base_queryset()
        if self.query:
            queryset = product_search(queryset, self.query)
        #: What the facets count in: narrowed by category and search, not by the filters.
        self.unfiltered = queryset
        queryset = product_filter(queryset, self.filters)
        return product_sort(queryset, self.form.cleaned_sort())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        context["page"] = context["page_obj"]
        context["filters"] = self.filters
        context["facets"] = (
            link_facets(product_facets(self.unfiltered, self.filters), params) if self.show_facets else []
        )
        context["clear_filters_url"] = clear_filters_url(params)
        return context
