"""Read-side queries of the catalogue: what shoppers may see, and product search."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from oscar.core.loading import get_model

from .search_text import segment_query

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

#: The vector PostgreSQL indexes: migration ``0034_product_search_text_index`` creates a GIN index
#: on ``to_tsvector('simple'::regconfig, COALESCE(search_text, ''))``, which is what this renders
#: (Django wraps the column in ``COALESCE(…::text, '')``; the cast of a text column to text is a
#: no-op PostgreSQL drops, so the planner matches the indexed expression). Change both together.
SEARCH_VECTOR = SearchVector("search_text", config="simple")

#: Newest first; the primary key breaks ties so pages never repeat or skip a product.
DEFAULT_ORDERING = ["-date_created", "-pk"]


def _stockrecords():
    return Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner").order_by("pk"))


def product_list_for_shoppers():
    """Public, browsable products (no child products, no hidden ones), newest first, with
    everything a product card shows.

    A page of them renders in a fixed number of queries whatever its length: the product class
    is joined; images, stock records with their cooperatives (partners) and the public children
    of parent products (with their stock records, for "from ¥…" prices) are prefetched; and
    ``has_options`` is annotated the way Oscar's ``base_queryset()`` does, so neither the card
    nor Oscar's add-to-basket form asks the database per product. (Options themselves are not
    prefetched: ``Product.options`` combines two querysets, which a prefetch cannot serve, and
    cards send products with options to their detail page instead.)
    """
    public_children = Product.objects.public().prefetch_related(_stockrecords()).order_by("pk")
    return (
        Product.objects.browsable()
        .select_related("product_class")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            _stockrecords(),
            Prefetch("children", queryset=public_children, to_attr="_prefetched_public_children"),
        )
        .order_by(*DEFAULT_ORDERING)
    )


def product_list_in_category(category, *, queryset=None):
    """Narrows ``queryset`` (by default :func:`product_list_for_shoppers`) to products filed in
    ``category`` or any category below it.

    Filters through a subquery rather than a join, so a product in two of those categories is
    listed once without ``DISTINCT``.
    """
    queryset = product_list_for_shoppers() if queryset is None else queryset
    categories = Category.get_tree(category).values("pk")
    in_category = ProductCategory.objects.filter(category__in=categories).values("product_id")
    return queryset.filter(pk__in=in_category)


def product_search(queryset, query):
    """Narrows ``queryset`` to products whose search text contains every word of ``query``.

    ``query`` is segmented like the stored text (:mod:`catalog.search_text`); a query without
    words (empty, or punctuation only) finds nothing. Products must have their
    ``Product.search_text`` filled by ``catalog.services.product_search_text_refresh``.

    On PostgreSQL the words are matched as whole lexemes through the GIN index of migration
    ``0034`` and results come best match first. Other databases (the SQLite of a first run) match
    the same whole words with a regular expression, in the queryset's order.
    """
    words = segment_query(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        search_query = SearchQuery(words[0], config="simple", search_type="plain")
        for word in words[1:]:
            search_query &= SearchQuery(word, config="simple", search_type="plain")
        return (
            queryset.alias(search=SEARCH_VECTOR)
            .filter(search=search_query)
            .annotate(rank=SearchRank(SEARCH_VECTOR, search_query))
            .order_by("-rank", *DEFAULT_ORDERING)
        )
    condition = Q()
    for word in words:
        condition &= Q(search_text__regex=rf"(^|\s){re.escape(word)}(\s|$)")
    return queryset.filter(condition)


def product_sort(queryset, sort_by):
    """Orders products by a shopper's choice (a ``SearchForm.SORT_BY_CHOICES`` value); any other
    value, relevance included, keeps the queryset's order.

    Prices are the lowest of a product's stock records; products without a price come last.
    """
    orderings = {
        "newest": DEFAULT_ORDERING,
        "price-asc": [F("min_price").asc(nulls_last=True), *DEFAULT_ORDERING],
        "price-desc": [F("min_price").desc(nulls_last=True), *DEFAULT_ORDERING],
        "title-asc": ["title", "pk"],
    }
    if sort_by not in orderings:
        return queryset
    if sort_by.startswith("price"):
        lowest_price = (
            StockRecord.objects.filter(product=OuterRef("pk"), price__isnull=False)
            .order_by("price")
            .values("price")[:1]
        )
        queryset = queryset.annotate(min_price=Subquery(lowest_price))
    return queryset.order_by(*orderings[sort_by])
