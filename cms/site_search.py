"""The site search, ``/search/?q=``: pages and products on one results page.

Pages are found through Wagtail's search over each page's ``chinese_search_text``
(:mod:`cms.search`), with the query segmented by the same jieba rules as the product search and
every word required; products through the shop's own search
(:func:`catalog.selectors.product_search`), of which the first few are shown with a link to the
shop's search for the rest.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from catalog.search_text import segment_query
from catalog.selectors import product_list_for_shoppers, product_search

#: A query longer than this is refused: no one types it, and segmenting it costs time.
MAX_QUERY_LENGTH = 100
PAGES_PER_PAGE = 10
#: Products shown beside the pages; the shop's search lists the rest.
PRODUCT_PREVIEW = 8


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("搜索"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("搜索词太长了：最多 %(limit_value)d 个字，现在有 %(show_value)d 个。")
        },
    )


@dataclass(frozen=True)
class PageHit:
    """What a result shows of a page: its title, address, kind (观光点/景点, 节庆活动 …) and a
    line of text, the page's search description or else its summary or intro."""

    title: str
    url: str
    kind: str
    text: str


@dataclass(frozen=True)
class SiteSearchResults:
    page_obj: object  # a Django paginator page of Wagtail pages
    page_hits: list
    products: list
    product_count: int

    @property
    def found_nothing(self):
        return not self.page_obj.paginator.count and not self.product_count


def page_search(query):
    """Live, public pages whose indexed text contains every word of ``query`` (segmented as the
    index is, see :mod:`cms.search`), best match first. A query without words (empty, or
    punctuation only) finds nothing."""
    words = segment_query(query)
    if not words:
        return Page.objects.none()
    return Page.objects.live().public().search(" ".join(words), operator="and")


def page_hits(pages, request):
    """``pages`` (a page of results) as :class:`PageHit`, in their order: their specific pages
    are read in one query per page type, whatever the number of results."""
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    hits = []
    for page in pages:
        page = specific[page.pk]
        text = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
        hits.append(PageHit(page.title, page.get_url(request), page._meta.verbose_name, text))
    return hits


def site_search_results(query, *, page_number, request):
    """One results page of ``query``: page number ``page_number`` of the pages found (the last
    when it is past the end, the first when it is not a number) and the first products found."""
    page_obj = Paginator(page_search(query), PAGES_PER_PAGE).get_page(page_number)
    products = product_search(product_list_for_shoppers(), query)
    preview = list(products[:PRODUCT_PREVIEW])
    count = len(preview) if len(preview) < PRODUCT_PREVIEW else products.count()
    return SiteSearchResults(page_obj, page_hits(page_obj.object_list, request), preview, count)


def site_search(request):
    form = SiteSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = (
        site_search_results(query, page_number=request.GET.get("page"), request=request) if query else None
    )
    return TemplateResponse(
        request,
        "cms/search.html",
        # ``query`` is what the visitor typed, kept in the search boxes (the header's too).
        {"form": form, "query": request.GET.get("q", ""), "results": results},
    )
