"""Write-side actions of the catalogue."""

from django.utils.html import strip_tags
from oscar.core.loading import get_model

from .listing_cache import listings_changed
from .search_text import segment_for_index, segment_title_for_index

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def _category_names_by_path():
    """Every category's name keyed by its tree path, so ancestors resolve without more queries."""
    return dict(Category.objects.values_list("path", "name"))


def _category_with_ancestors(category, names_by_path, steplen):
    paths = (category.path[:end] for end in range(steplen, len(category.path) + 1, steplen))
    return [names_by_path.get(path, "") for path in paths]


def product_search_text_refresh(*, product_ids, batch_size=500):
    """Recomputes ``Product.search_text`` for ``product_ids`` from the title, categories (with
    their ancestors), cooperatives (partners of the stock records), origin resettlement area
    (name and town), UPC and description, with the pinyin of their words (so ``xianggu`` finds
    香菇; see :mod:`catalog.search_text`), and the title's and the provenance's parts that search
    ranks by (``search_title``, ``search_provenance``).

    Runs in a fixed number of queries per batch; saves with ``bulk_update``, so no signals fire,
    and says itself that cached listings changed (searches find by this text). Returns the number
    of products updated.
    """
    names_by_path = _category_names_by_path()
    steplen = Category.steplen
    updated = 0
    ids = list(product_ids)
    for start in range(0, len(ids), batch_size):
        products = list(
            Product.objects.filter(pk__in=ids[start : start + batch_size])
            .select_related("origin_area")
            .only("pk", "title", "upc", "description", "origin_area__name", "origin_area__town")
            .prefetch_related("categories", "stockrecords__partner")
        )
        for product in products:
            categories = [
                name
                for category in product.categories.all()
                for name in _category_with_ancestors(category, names_by_path, steplen)
            ]
            partners = [record.partner.name for record in product.stockrecords.all()]
            area = product.origin_area
            places = [area.name, area.town] if area else []
            product.search_title = segment_title_for_index(product.title, *categories)
            product.search_provenance = segment_for_index(*partners, *places)
            rest = segment_for_index(product.upc, strip_tags(product.description))
            product.search_text = " ".join(
                dict.fromkeys(f"{product.search_title} {product.search_provenance} {rest}".split())
            )
        Product.objects.bulk_update(products, ["search_text", "search_title", "search_provenance"])
        updated += len(products)
    if updated:
        listings_changed()
    return updated
