from django.conf import settings
from django.views.generic import ListView

from catalog.search.forms import SearchForm
from catalog.selectors import product_list_for_shoppers, product_search, product_sort


class BaseSearchView(ListView):
    """A page of products from the database, narrowed by ``q`` and ordered by ``sort_by``.

    Templates get ``products`` (this page's products), ``page_obj`` (also as ``page``),
    ``paginator``, ``form``, ``query`` and, from subclasses, ``summary`` and ``category``.
    """

    form_class = SearchForm
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        # Read per request, not at import, so settings overrides (and tests) take effect.
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_form(self):
        return self.form_class(self.request.GET or None)

    def get_base_queryset(self):
        return product_list_for_shoppers()

    def get_queryset(self):
        self.form = self.get_form()
        self.query = self.form.cleaned_query()
        queryset = self.get_base_queryset()
        if self.query:
            queryset = product_search(queryset, self.query)
        return product_sort(queryset, self.form.cleaned_sort())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["query"] = self.query
        context["page"] = context["page_obj"]
        return context
