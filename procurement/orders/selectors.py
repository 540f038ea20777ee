"""Reads of the buyer's order pages: the product list, the line choices of the order form, the
preview of a form's lines, counts by state and the timeline. Each runs in a fixed number of
queries whatever the number of products, lines or orders."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from oscar.core.loading import get_model

from catalog.selectors import product_list_in_category, product_search

from ..constants import PurchaseOrderState, SupplierOrderState
from ..models import TransitionEvent
from ..pricing import delivery_for, line_price, orderable_stockrecords
from ..selectors import purchase_orders_for

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def stockrecords_for_buyers(*, query="", category=None):
    """What the portal lists (:func:`procurement.pricing.orderable_stockrecords`), narrowed by
    the storefront's search of ``query`` and by ``category`` (and the categories below it), in
    title order. A variant is found by its parent's words and category too."""
    queryset = orderable_stockrecords().select_related("product__parent")
    if query:
        matches = product_search(Product.objects.all(), query, ranked=False).values("pk")
        queryset = queryset.filter(Q(product__in=matches) | Q(product__parent__in=matches))
    if category is not None:
        filed = product_list_in_category(category, queryset=Product.objects.all()).values("pk")
        queryset = queryset.filter(Q(product__in=filed) | Q(product__parent__in=filed))
    return queryset.order_by("product__title", "partner__name", "pk")


def categories_for_buyers():
    """The catalogue's categories for the product list's filter, in tree order."""
    return Category.objects.order_by("path")


def stockrecord_choices():
    """``[(stock record id, label)]`` of everything orderable, for the order form's line select."""
    records = orderable_stockrecords().prefetch_related(None).select_related("product__parent")
    return [
        (record.pk, f"{record.product.get_title()} · {record.partner.name}（{record.partner_sku}）")
        for record in records.order_by("product__title", "partner__name", "pk")
    ]


@dataclass(frozen=True)
class LinePreview:
    stockrecord: object
    quantity: int
    unit_price: Decimal
    retail_price: Decimal
    min_quantity: int

    @property
    def line_total(self):
        return self.unit_price * self.quantity

    @property
    def saving(self):
        return (self.retail_price - self.unit_price) * self.quantity


@dataclass(frozen=True)
class OrderPreview:
    lines: list
    #: ``[(partner, method, fee)]`` as :func:`procurement.services.delivery_quote` gives them.
    deliveries: list
    goods_total: Decimal
    delivery_total: Decimal
    saving_total: Decimal

    @property
    def total(self):
        return self.goods_total + self.delivery_total


def order_preview(rows, address):
    """What the lines ``[(stock record, quantity)]`` (records from ``orderable_stockrecords``,
    tiers prefetched) cost delivered to ``address`` (None: no delivery fees yet), before anything
    is saved; the same prices and fees as the saved order will have."""
    lines = []
    partners = {}
    for record, quantity in rows:
        price = line_price(record, quantity)
        lines.append(
            LinePreview(
                stockrecord=record,
                quantity=quantity,
                unit_price=price.unit_price,
                retail_price=price.retail_price,
                min_quantity=price.min_quantity,
            )
        )
        partners.setdefault(record.partner_id, record.partner)
    deliveries = []
    if address is not None:
        deliveries = [
            (partner, *delivery_for(partner, address))
            for partner in sorted(partners.values(), key=lambda partner: partner.pk)
        ]
    return OrderPreview(
        lines=lines,
        deliveries=deliveries,
        goods_total=sum((line.line_total for line in lines), Decimal("0.00")),
        delivery_total=sum((fee for _partner, _method, fee in deliveries), Decimal("0.00")),
        saving_total=sum((line.saving for line in lines), Decimal("0.00")),
    )


def purchase_order_counts(user, organisation):
    """``{state: count}`` of ``organisation``'s purchase orders ``user`` may open (one query)."""
    rows = (
        purchase_orders_for(user, organisation)
        .order_by()
        .values("state")
        .annotate(count=Count("pk"))
        .values_list("state", "count")
    )
    return defaultdict(int, rows)


def purchase_order_list(user, organisation, *, state=None):
    """``organisation``'s purchase orders for the list, newest first, with their line counts."""
    queryset = purchase_orders_for(user, organisation).annotate(line_count=Count("lines"))
    if state:
        queryset = queryset.filter(state=state)
    return queryset.order_by("-created_at", "-pk")


def purchase_order_lines(purchase_order):
    """The lines of ``purchase_order`` with product, cooperative and what the cooperative confirmed."""
    return purchase_order.lines.select_related(
        "product__parent", "stockrecord__partner", "supplier_line"
    ).order_by("pk")


def purchase_order_supplier_orders(purchase_order):
    """The supplier orders of ``purchase_order`` with their Oscar order and lines."""
    return (
        purchase_order.supplier_orders.select_related("partner", "order")
        .prefetch_related("lines__line")
        .order_by("partner__name", "pk")
    )


def _state_label(event, code):
    if not code:
        return ""
    choices = SupplierOrderState if event.supplier_order_id else PurchaseOrderState
    try:
        return choices(code).label
    except ValueError:
        return code


def purchase_order_timeline(purchase_order):
    """The transitions of ``purchase_order`` and its supplier orders, oldest first, each with
    ``from_label`` and ``to_label`` (the states' names, not their codes)."""
    events = list(
        TransitionEvent.objects.filter(purchase_order=purchase_order)
        .select_related("actor", "supplier_order__partner")
        .order_by("at", "pk")
    )
    for event in events:
        event.from_label = _state_label(event, event.from_state)
        event.to_label = _state_label(event, event.to_state)
    return events
