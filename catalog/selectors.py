"""Read-side queries of the catalogue: what shoppers may see, and product search."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Min, Prefetch, Q
from oscar.core.loading import get_model

from .search_text import segment_query

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

#: The vector PostgreSQL indexes (see migration ``0034_product_search_text_index``); the query
#: must use the same expression or the index is not used.
SEARCH_VECTOR = SearchVector("search_text", config="simple")


def product_list_for_shoppers():
    """Public, browsable products with everything a product card shows, in a fixed number of
    queries whatever the page length: the class, images, stock records and their partners."""
    return (
        Product.objects.browsable()
        .select_related("product_class")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "product_class__options",
            "product_options",
        )
    )


def product_search(queryset, query):
    """Narrows ``queryset`` to products whose text contains every word of ``query``, best first.

    PostgreSQL matches whole segmented words through the full-text index; other databases (the
    SQLite of a first run) fall back to substring matching on the same segmented text.
    """
    words = segment_query(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(words[0], config="simple", search_type="plain")
        for word in words[1:]:
            search_query &= SearchQuery(word, config="simple", search_type="plain")
        return (
            queryset.annotate(search=SEARCH_VECTOR, rank=SearchRank(SEARCH_VECTOR, search_query))
            .filter(search=search_query)
            .order_by("-rank", "-date_created")
        )
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)


def product_sort(queryset, sort_by):
    """Orders products by a shopper's choice; unknown choices keep the given order."""
    orderings = {
        "newest": ["-date_created"],
        "price-asc": [F("min_price").asc(nulls_last=True), "-date_created"],
        "price-desc": [F("min_price").desc(nulls_last=True), "-date_created"],
        "title-asc": ["title"],
    }
    if sort_by not in orderings:
        return queryset
    if sort_by.startswith("price"):
        queryset = queryset.annotate(min_price=Min("stockrecords__price"))
    return queryset.order_by(*orderings[sort_by])
