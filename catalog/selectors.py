"""Read-side queries of the catalogue: what shoppers may see, filters and their facet counts,
product search, provenance, and the resettlement-area and cooperative pages.

Who shoppers see: never a product the operator has not approved yet (listing review,
``Product.approved_at``; a change waiting for review is not on the product row, so shoppers see
the approved version), nor images not approved yet. A product is hidden while every
cooperative stocking it is suspended
(``CooperativeProfile.status``). Products stocked by a partner without a cooperative profile (the
operator's own shelf) and products without any stock record yet (priced later, or parents whose
children carry the stock) stay visible: suspension is a sanction on a cooperative, not a rule
that every product needs one. Suspending a cooperative therefore hides its listings everywhere
these selectors are used (browse, category, search, product page, home page, area and
cooperative pages) in the same request that commits the change.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .constants import CertificationKind, CooperativeStatus, Storage
from .models import CooperativeProfile, ProductCertification, ResettlementArea, TierPrice
from .search_text import query_alternatives

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductRecord = get_model("analytics", "ProductRecord")
StockRecord = get_model("partner", "StockRecord")

#: The vector PostgreSQL indexes: migration ``0034_product_search_text_index`` creates a GIN index
#: on ``to_tsvector('simple'::regconfig, COALESCE(search_text, ''))``, which is what this renders
#: (Django wraps the column in ``COALESCE(…::text, '')``; the cast of a text column to text is a
#: no-op PostgreSQL drops, so the planner matches the indexed expression). Change both together.
SEARCH_VECTOR = SearchVector("search_text", config="simple")
#: What ranks a match: the title's and categories' words weigh most, then the cooperatives' and
#: area's, then the rest (description, UPC), which every match has in ``search_text``.
RANK_VECTOR = (
    SearchVector("search_title", config="simple", weight="A")
    + SearchVector("search_provenance", config="simple", weight="B")
    + SearchVector("search_text", config="simple", weight="D")
)

#: Newest first; the primary key breaks ties so pages never repeat or skip a product.
DEFAULT_ORDERING = ["-date_created", "-pk"]


# --- Visibility ---------------------------------------------------------------------------------


def _suspended_partner_ids():
    return CooperativeProfile.objects.filter(status=CooperativeStatus.SUSPENDED).values("partner_id")


def _stocked(records_q):
    """True for products with a stock record matching ``records_q``, their own or one of their
    children's (a parent's stock is on its children).

    Two ``EXISTS`` on the indexed product column, not one over ``product OR parent``: the ``OR``
    cannot use an index and makes every outer row scan the stock records.
    """
    own = StockRecord.objects.filter(records_q, product=OuterRef("pk"))
    children = StockRecord.objects.filter(records_q, product__parent=OuterRef("pk"))
    return Q(Exists(own)) | Q(Exists(children))


def _hidden_product_ids():
    """Products all of whose stock records belong to suspended cooperatives (a child's stock
    counts for its parent). Uncorrelated, so the database computes it once per query instead
    of probing stock records for every product; it is empty while nobody is suspended."""
    suspended = _suspended_partner_ids()
    owners = StockRecord.objects.annotate(owner=Coalesce("product__parent_id", "product_id"))
    with_active_stock = owners.exclude(partner_id__in=suspended).values("owner")
    return owners.filter(partner_id__in=suspended).exclude(owner__in=with_active_stock).values("owner")


def _visible_to_shoppers():
    """True for products the operator has approved (listing review) that some non-suspended
    partner stocks, or that nobody stocks yet."""
    return Q(approved_at__isnull=False) & ~Q(pk__in=_hidden_product_ids())


def _shopper_stockrecords():
    """Stock records shoppers may buy from (not of suspended cooperatives), oldest first, so
    Oscar's first-stock-record strategy picks the same one the card shows."""
    return StockRecord.objects.exclude(partner_id__in=_suspended_partner_ids()).order_by("pk")


def approved_images():
    """Images shoppers see: those the listing review approved."""
    return ProductImage.objects.filter(is_approved=True).order_by("display_order", "pk")


def _stockrecords():
    # The cooperative profile comes along so a card can link to the cooperative's page.
    return Prefetch("stockrecords", queryset=_shopper_stockrecords().select_related("partner__cooperative"))


def products_visible_to_shoppers():
    """Every product shoppers may see (see the module docstring), browsable or not: the rule
    for a product reached another way than browsing (a trace code)."""
    return Product.objects.filter(_visible_to_shoppers())


def product_is_visible_to_shoppers(product):
    """Whether shoppers may see ``product`` (see the module docstring); one query."""
    return products_visible_to_shoppers().filter(pk=product.pk).exists()


def browsable_products_for_shoppers():
    """Public, browsable products shoppers may see (see the module docstring), newest first,
    without what a card needs: for lists of links such as the sitemap."""
    return Product.objects.browsable().filter(_visible_to_shoppers()).order_by(*DEFAULT_ORDERING)


def product_list_for_shoppers():
    """Public, browsable products (no child products, no hidden ones, none only suspended
    cooperatives stock), newest first, with everything a product card shows.

    A page of them renders in a fixed number of queries whatever its length: the product class
    and origin area are joined; images, stock records with their cooperatives (partners) and the
    public children of parent products (with their stock records, for "from ¥…" prices) are
    prefetched; and ``has_options`` is annotated the way Oscar's ``base_queryset()`` does, so
    neither the card nor Oscar's add-to-basket form asks the database per product. (Options
    themselves are not prefetched: ``Product.options`` combines two querysets, which a prefetch
    cannot serve, and cards send products with options to their detail page instead.)
    """
    public_children = (
        Product.objects.public()
        .filter(approved_at__isnull=False)
        .prefetch_related(_stockrecords())
        .order_by("pk")
    )
    return (
        browsable_products_for_shoppers()
        .select_related("product_class", "origin_area")
        .annotate(
            has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch("images", queryset=approved_images()),
            _stockrecords(),
            Prefetch("children", queryset=public_children, to_attr="_prefetched_public_children"),
        )
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


# --- Search -------------------------------------------------------------------------------------


def _search_query(words):
    search_query = SearchQuery(words[0], config="simple", search_type="plain")
    for word in words[1:]:
        search_query &= SearchQuery(word, config="simple", search_type="plain")
    return search_query


def product_search(queryset, query, *, ranked=True):
    """Narrows ``queryset`` to products whose search text contains every word of ``query``, or
    of its other reading (``xiang gu`` read as ``xianggu``; see
    :func:`catalog.search_text.query_alternatives`).

    ``query`` is segmented like the stored text (:mod:`catalog.search_text`); a query without
    words (empty, or punctuation only) finds nothing. Products must have their
    ``Product.search_text`` filled by ``catalog.services.product_search_text_refresh``.

    On PostgreSQL the words are matched as whole lexemes through the GIN index of migration
    ``0034``; other databases (the SQLite of a first run) match the same whole words with a
    regular expression. When ``ranked``, results come best match first on both: products whose
    title or category has the words, then those whose cooperative or area has them, then the rest
    (``ts_rank`` over weighted fields on PostgreSQL, :func:`_match_score` elsewhere).
    """
    alternatives = query_alternatives(query)
    if not alternatives:
        return queryset.none()
    if connection.vendor == "postgresql":
        search_query = _search_query(alternatives[0])
        for words in alternatives[1:]:
            search_query |= _search_query(words)
        queryset = queryset.alias(search=SEARCH_VECTOR).filter(search=search_query)
        if not ranked:
            return queryset
        return queryset.annotate(rank=SearchRank(RANK_VECTOR, search_query)).order_by(
            "-rank", *DEFAULT_ORDERING
        )
    condition = Q()
    for words in alternatives:
        all_words = Q()
        for word in words:
            all_words &= _has_word("search_text", word)
        condition |= all_words
    queryset = queryset.filter(condition)
    if not ranked:
        return queryset
    return queryset.annotate(rank=_match_score(alternatives)).order_by("-rank", *DEFAULT_ORDERING)


def _has_word(field, word):
    return Q(**{f"{field}__regex": rf"(^|\s){re.escape(word)}(\s|$)"})


def _match_score(alternatives):
    """Where the query's words are, in the order ``ts_rank`` gives on PostgreSQL: each word
    counts 4 in the title or categories, 2 in the cooperatives or area, 1 elsewhere."""
    score = Value(0)
    for word in dict.fromkeys(word for words in alternatives for word in words):
        score = score + Case(
            When(_has_word("search_title", word), then=Value(4)),
            When(_has_word("search_provenance", word), then=Value(2)),
            When(_has_word("search_text", word), then=Value(1)),
            default=Value(0),
        )
    return score


# --- Sorting ------------------------------------------------------------------------------------


def product_sort(queryset, sort_by):
    """Orders products by a shopper's choice (a ``SearchForm.SORT_BY_CHOICES`` value); any other
    value, relevance included, keeps the queryset's order.

    Prices are the lowest of a product's stock records; products without a price come last.
    Best-selling uses Oscar's analytics (``ProductRecord.num_purchases``); a product without a
    record has sold nothing.
    """
    orderings = {
        "newest": DEFAULT_ORDERING,
        "best-selling": [F("num_purchases").desc(), *DEFAULT_ORDERING],
        "price-asc": [F("min_price").asc(nulls_last=True), *DEFAULT_ORDERING],
        "price-desc": [F("min_price").desc(nulls_last=True), *DEFAULT_ORDERING],
    }
    if sort_by not in orderings:
        return queryset
    if sort_by.startswith("price"):
        lowest_price = (
            _shopper_stockrecords()
            .filter(product=OuterRef("pk"), price__isnull=False)
            .order_by("price")
            .values("price")[:1]
        )
        queryset = queryset.annotate(min_price=Subquery(lowest_price))
    elif sort_by == "best-selling":
        purchases = ProductRecord.objects.filter(product=OuterRef("pk")).values("num_purchases")[:1]
        queryset = queryset.annotate(num_purchases=Coalesce(Subquery(purchases), Value(0)))
    return queryset.order_by(*orderings[sort_by])


# --- Filters and facet counts -------------------------------------------------------------------


@dataclass(frozen=True)
class ProductFilters:
    """A shopper's filters; empty values filter nothing. ``certs``: any of these kinds."""

    area: str = ""  # ResettlementArea.slug
    town: str = ""  # ResettlementArea.town
    coop: str = ""  # Partner.code
    certs: tuple = ()  # CertificationKind values
    storage: str = ""  # Storage value

    @property
    def active(self):
        return bool(self.area or self.town or self.coop or self.certs or self.storage)


def _certified(kinds):
    return Exists(ProductCertification.objects.filter(product=OuterRef("pk"), kind__in=kinds))


def _filter_conditions(filters):
    """Each active filter's condition, by facet name."""
    conditions = {}
    if filters.area:
        conditions["area"] = Q(origin_area__slug=filters.area)
    if filters.town:
        conditions["town"] = Q(origin_area__town=filters.town)
    if filters.coop:
        conditions["coop"] = _stocked(Q(partner__code=filters.coop))
    if filters.certs:
        conditions["cert"] = Q(_certified(list(filters.certs)))
    if filters.storage:
        conditions["storage"] = Q(storage=filters.storage)
    return conditions


def product_filter(queryset, filters):
    """Narrows ``queryset`` to products matching every active filter of ``filters``.

    Filters go through ``EXISTS`` subqueries, not joins, so no product is listed twice.
    """
    for condition in _filter_conditions(filters).values():
        queryset = queryset.filter(condition)
    return queryset


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str  # the query parameter
    title: str
    multiple: bool
    options: list = field(default_factory=list)

    @property
    def selected(self):
        return any(option.selected for option in self.options)


def _facet_counts(name, products, partner_codes):
    """``{option value: number of products}`` for facet ``name`` among ``products``: one
    ``GROUP BY`` query, however many options there are. Cooperatives are grouped by partner id
    and named from ``partner_codes`` (``{id: code}``) afterwards, which keeps the partner table
    out of a query PostgreSQL would otherwise join once per partner."""
    if name == "cert":
        rows = ProductCertification.objects.filter(product__in=products.values("pk")).values_list("kind")
        return dict(rows.annotate(n=Count("product", distinct=True)).order_by())
    if name == "coop":
        # A child's stock counts for its parent, which is what shoppers see listed.
        rows = (
            StockRecord.objects.annotate(owner=Coalesce("product__parent_id", "product_id"))
            .filter(owner__in=products.values("pk"))
            .values_list("partner_id")
            .annotate(n=Count("owner", distinct=True))
            .order_by()
        )
        return {partner_codes[partner]: n for partner, n in rows if partner in partner_codes}
    field_name = {"area": "origin_area__slug", "town": "origin_area__town", "storage": "storage"}[name]
    return dict(products.values_list(field_name).annotate(n=Count("pk")).order_by())


def product_facets(queryset, filters):
    """The filter options shoppers can pick within ``queryset`` (products already narrowed by
    category and search, not by ``filters``), each with the number of products it would list.

    Each facet's counts apply the *other* active filters, so they say what ticking that option
    would show. Options without products are left out unless selected. Runs a fixed number of
    queries whatever the number of options or products: the areas, the active cooperatives, and
    one grouped count per facet.
    """
    conditions = _filter_conditions(filters)
    matching = Product.objects.filter(pk__in=queryset.order_by().values("pk"))

    def others(name):
        condition = Q()
        for facet, facet_condition in conditions.items():
            if facet != name:
                condition &= facet_condition
        return condition

    areas = list(ResettlementArea.objects.order_by("town", "name").values_list("slug", "name", "town"))
    active = list(
        Partner.objects.filter(cooperative__status=CooperativeStatus.ACTIVE)
        .order_by("name")
        .values_list("pk", "code", "name")
    )
    coops = [(code, name) for _pk, code, name in active]
    partner_codes = {pk: code for pk, code, _name in active}
    towns = sorted({town for _slug, _name, town in areas})
    facets = [
        (Facet("area", _("安置区"), False), [(slug, name) for slug, name, _town in areas]),
        (Facet("town", _("乡镇"), False), [(town, town) for town in towns]),
        (Facet("coop", _("合作社"), False), coops),
        (Facet("cert", _("认证"), True), CertificationKind.choices),
        (Facet("storage", _("储存方式"), False), Storage.choices),
    ]
    selected = {
        "area": {filters.area},
        "town": {filters.town},
        "coop": {filters.coop},
        "cert": set(filters.certs),
        "storage": {filters.storage},
    }
    result = []
    for facet, options in facets:
        counts = _facet_counts(facet.name, matching.filter(others(facet.name)), partner_codes)
        for value, label in options:
            count = counts.get(value, 0)
            is_selected = value in selected[facet.name]
            if count or is_selected:
                facet.options.append(FacetOption(value, str(label), count, is_selected))
        if facet.options:
            result.append(facet)
    return result


# --- Product page -------------------------------------------------------------------------------


def product_for_detail_page():
    """Products with what the product page and its provenance block read, in a fixed number
    of queries: origin area; stock records shoppers may buy from, with partner, cooperative
    profile, its areas and tier prices; certifications; images."""
    records = (
        _shopper_stockrecords()
        .select_related("partner", "partner__cooperative")
        .prefetch_related(
            Prefetch("tier_prices", queryset=TierPrice.objects.order_by("min_quantity")),
            Prefetch(
                "partner__cooperative__areas", queryset=ResettlementArea.objects.order_by("town", "name")
            ),
        )
    )
    return Product.objects.select_related("product_class", "parent", "origin_area").prefetch_related(
        Prefetch("stockrecords", queryset=records),
        Prefetch("certifications", queryset=ProductCertification.objects.order_by("kind", "pk")),
        Prefetch("images", queryset=approved_images()),
    )


@dataclass
class Provenance:
    """What the product page's 「产地溯源」 block shows."""

    partner: object = None
    cooperative: object = None  # CooperativeProfile, or None for a partner without one
    area: object = None  # the product's origin area, else the first area its cooperative serves
    certifications: list = field(default_factory=list)
    tier_prices: list = field(default_factory=list)


def product_provenance(product):
    """The provenance of ``product`` (loaded through :func:`product_for_detail_page`), from the
    stock record Oscar's strategy sells (the first one shoppers may buy from); no queries."""
    records = list(product.stockrecords.all())
    record = records[0] if records else None
    partner = record.partner if record else None
    cooperative = getattr(partner, "cooperative", None) if partner else None
    area = product.origin_area
    if area is None and cooperative is not None:
        served = list(cooperative.areas.all())
        area = served[0] if served else None
    return Provenance(
        partner=partner,
        cooperative=cooperative,
        area=area,
        certifications=list(product.certifications.all()),
        tier_prices=list(record.tier_prices.all()) if record else [],
    )


# --- Area and cooperative pages -----------------------------------------------------------------


def area_cooperatives(area):
    """The active cooperatives serving ``area``, with their partners, by name."""
    return (
        CooperativeProfile.objects.filter(areas=area, status=CooperativeStatus.ACTIVE)
        .select_related("partner")
        .order_by("legal_name")
    )


def product_list_for_area(area):
    """Products shoppers may see that come from ``area`` (their origin area), and products
    without an origin area that a cooperative serving it sells."""
    served_by = Q(partner__cooperative__areas=area, partner__cooperative__status=CooperativeStatus.ACTIVE)
    return product_list_for_shoppers().filter(
        Q(origin_area=area) | (Q(origin_area__isnull=True) & _stocked(served_by))
    )


def cooperative_for_shoppers(code):
    """The active cooperative whose partner code is ``code``, with partner and areas, or None
    (no such partner, no profile, or suspended)."""
    return (
        CooperativeProfile.objects.filter(partner__code=code, status=CooperativeStatus.ACTIVE)
        .select_related("partner")
        .prefetch_related(Prefetch("areas", queryset=ResettlementArea.objects.order_by("town", "name")))
        .first()
    )


def product_list_for_partner(partner):
    """Products shoppers may see that ``partner`` stocks."""
    return product_list_for_shoppers().filter(_stocked(Q(partner=partner)))
