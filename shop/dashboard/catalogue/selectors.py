"""What a dashboard user may see of the catalogue: operators everything, a cooperative its own.

A cooperative user is a non-staff user in ``partner.users`` of one or more partners; an operator
is a staff user. Every dashboard queryset of products and stock records goes through here.
"""

from django.db.models import Exists, OuterRef, Prefetch
from oscar.core.loading import get_model

from catalog.models import TierPrice
from shop.users.roles import is_operator

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def stockrecords_for_dashboard(user):
    """Stock records ``user`` may change: all for operators, their partners' for cooperatives."""
    queryset = StockRecord.objects.select_related("partner", "product")
    if is_operator(user):
        return queryset
    return queryset.filter(partner__users__pk=user.pk)


def products_for_dashboard(user, queryset=None):
    """Narrows ``queryset`` (all products by default) to those ``user`` may list, view and edit:
    all for operators; for a cooperative, products with a stock record of one of its partners
    (directly, or through a variant for a parent product).

    Filters through ``EXISTS`` subqueries rather than joins, so no product is repeated and no
    ``DISTINCT`` is needed.
    """
    queryset = Product.objects.all() if queryset is None else queryset
    if is_operator(user):
        return queryset
    own = StockRecord.objects.filter(partner__users__pk=user.pk)
    return queryset.filter(
        Exists(own.filter(product=OuterRef("pk"))) | Exists(own.filter(product__parent=OuterRef("pk")))
    )


def products_deletable_in_dashboard(user, queryset=None):
    """Products ``user`` may delete: for a cooperative, its products that no other partner
    stocks (deleting a product deletes every stock record of it)."""
    queryset = products_for_dashboard(user, queryset)
    if is_operator(user):
        return queryset
    foreign = StockRecord.objects.exclude(partner__users__pk=user.pk)
    return queryset.exclude(
        Exists(foreign.filter(product=OuterRef("pk")))
        | Exists(foreign.filter(product__parent=OuterRef("pk")))
    )


def stockrecords_with_tiers(user, product):
    """``product``'s stock records ``user`` may change, each with its tier prices prefetched
    (lowest quantity first)."""
    if product is None or product.pk is None:
        return StockRecord.objects.none()
    return (
        stockrecords_for_dashboard(user)
        .filter(product=product)
        .prefetch_related(Prefetch("tier_prices", queryset=TierPrice.objects.order_by("min_quantity")))
        .order_by("pk")
    )
