from urllib.parse import unquote

from django.contrib import messages
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from catalog.selectors import product_list_in_category
from shop.users.roles import is_operator

BaseSearchView = get_class("search.views.base", "BaseSearchView")
Category = get_model("catalogue", "Category")


class CatalogueView(BaseSearchView):
    """All products a shopper may buy."""

    template_name = "oscar/catalogue/browse.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("页码无效。"))
            return redirect("catalogue:index")

    def get_page_context(self, **kwargs):
        return super().get_page_context(summary=_("全部商品"), **kwargs)


class ProductCategoryView(BaseSearchView):
    """Products in a category or any of its descendants."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=self.kwargs["pk"])
        if not (self.category.is_public or is_operator(request.user)):
            raise Http404()
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            messages.error(request, _("页码无效。"))
            return redirect(self.category.get_absolute_url())

    def get_base_queryset(self):
        return product_list_in_category(self.category, queryset=super().get_base_queryset())

    def get_page_context(self, **kwargs):
        return super().get_page_context(category=self.category, summary=self.category.name, **kwargs)
