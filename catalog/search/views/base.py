from django.conf import settings
from django.views.generic import ListView

from catalog.search.forms import SearchForm
from catalog.selectors import product_list_for_shoppers, product_search, product_sort


class BaseSearchView(ListView):
    """A page of products from the database, narrowed by ``q`` and ordered by ``sort_by``."""

    form_class = SearchForm
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    context_object_name = "products"

    def get_form(self):
        return self.form_class(self.request.GET or None)

    def get_base_queryset(self):
        return product_list_for_shoppers()

    def get_queryset(self):
        self.form = self.get_form()
        queryset = self.get_base_queryset()
        query = self.form.cleaned_query() if self.form.is_bound else ""
        if query:
            queryset = product_search(queryset, query)
        return product_sort(queryset, self.form.cleaned_sort() if self.form.is_bound else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["query"] = self.form.cleaned_query() if self.form.is_bound else ""
        context["page"] = context["page_obj"]
        return context
