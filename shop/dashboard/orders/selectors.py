"""What a dashboard user may see of orders: operators everything, a cooperative the orders
with at least one line of its partners, and of those only its own lines."""

from decimal import Decimal

from django.db.models import DecimalField, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from oscar.core.loading import get_model

from shop.users.roles import is_operator

Line = get_model("order", "Line")
Order = get_model("order", "Order")


def order_lines_for_dashboard(user, order=None):
    """Order lines ``user`` may see and act on: every line for operators, their partners'
    lines for a cooperative; of ``order`` only, if given."""
    lines = Line.objects.all() if order is None else order.lines.all()
    if is_operator(user):
        return lines
    return lines.filter(partner__users__pk=user.pk)


def orders_for_dashboard(user):
    """Orders ``user`` may open: all for operators; for a cooperative, orders with at least
    one line of its partners, each annotated with ``partner_total_incl_tax`` and
    ``partner_num_items`` (its own lines' total and item count).

    Filters through ``EXISTS`` and annotates through subqueries, so no order is repeated and
    the numbers never include another cooperative's lines.
    """
    queryset = Order._default_manager.select_related(
        "billing_address",
        "billing_address__country",
        "shipping_address",
        "shipping_address__country",
        "user",
        # An institutional order's organisation and purchase order, for its 机构采购 badge
        # (the reverse relation of procurement's supplier order: shop code imports no procurement).
        "supplier_order__purchase_order__organisation",
    )
    if is_operator(user):
        return queryset.prefetch_related("lines", "status_changes")
    own_lines = Line.objects.filter(order=OuterRef("pk"), partner__users__pk=user.pk)

    def own_sum(field, zero, output_field):
        totals = own_lines.order_by().values("order").annotate(total=Sum(field)).values("total")
        return Coalesce(Subquery(totals[:1]), Value(zero), output_field=output_field)

    return queryset.filter(Exists(own_lines)).annotate(
        partner_total_incl_tax=own_sum(
            "line_price_incl_tax", Decimal("0.00"), DecimalField(max_digits=12, decimal_places=2)
        ),
        partner_num_items=own_sum("quantity", 0, IntegerField()),
    )


def refunds_of_lines(order, lines):
    """The refunds of ``order`` that give back units of ``lines`` (a cooperative's own), newest
    first, each with ``own_lines``: ``[(line, units)]`` of those lines only, so a cooperative
    sees what of its goods was refunded and never another cooperative's amounts."""
    lines = {line.pk: line for line in lines}
    refunds = []
    for refund in order.alipay_refunds.all():
        own = [(lines[int(pk)], units) for pk, units in refund.line_quantities.items() if int(pk) in lines]
        if own:
            refund.own_lines = own
            refunds.append(refund)
    return refunds
