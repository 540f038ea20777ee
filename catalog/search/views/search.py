from oscar.apps.search.signals import user_search
from oscar.core.loading import get_class

BaseSearchView = get_class("search.views.base", "BaseSearchView")


class FacetedSearchView(BaseSearchView):
    """``/shop/search/?q=…``: products matching every word of the query, best match first.

    Keeps Oscar's class name so Oscar's ``search`` app config and URLs find it.
    """

    template_name = "oscar/search/results.html"

    def dispatch(self, request, *args, **kwargs):
        # Oscar's analytics app records searches through this signal.
        user_search.send(
            sender=self, session=request.session, user=request.user, query=request.GET.get("q", "")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        # An empty query finds nothing rather than everything: browsing is the catalogue's job.
        self.show_facets = bool(self.query)
        return queryset if self.query else queryset.none()

    def get_page_context(self, **kwargs):
        return super().get_page_context(summary=self.query, search_page=True, **kwargs)
