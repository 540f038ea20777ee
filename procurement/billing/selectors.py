"""Who sees which invoices and settlements: the buyer organisation's members (and operators)
on the portal, the cooperative's staff (and operators) in the dashboard. Views read only
through these, so another organisation's or cooperative's id is simply not found."""

from django.db.models import Prefetch

from shop.users.roles import is_operator

from ..constants import SupplierOrderState
from ..models import Invoice, Settlement, SupplierOrder, SupplierOrderLine
from ..selectors import organisations_for, supplier_orders_for_buyer, supplier_orders_for_cooperative

_INVOICE_RELATED = ("supplier_order__purchase_order__organisation", "supplier_order__partner", "issued_by")


def invoices_for_buyer(user, organisation):
    """Invoices of ``organisation`` if ``user`` may open it (a member, or an operator)."""
    return Invoice.objects.select_related(*_INVOICE_RELATED).filter(
        supplier_order__purchase_order__organisation__in=organisations_for(user),
        supplier_order__purchase_order__organisation=organisation,
    )


def invoices_for_cooperative(user):
    """Invoices of the cooperatives ``user`` works for (every one, for operators)."""
    queryset = Invoice.objects.select_related(*_INVOICE_RELATED)
    if is_operator(user):
        return queryset
    return (
        queryset.filter(supplier_order__partner__users__pk=user.pk)
        if user.is_authenticated
        else queryset.none()
    )


def settlements_for_buyer(user, organisation):
    """Settlements of ``organisation`` if ``user`` may open it."""
    return Settlement.objects.select_related("organisation", "partner").filter(
        organisation__in=organisations_for(user), organisation=organisation
    )


def settlements_for_cooperative(user):
    """Settlements paid to the cooperatives ``user`` works for (every one, for operators)."""
    queryset = Settlement.objects.select_related("organisation", "partner")
    if is_operator(user):
        return queryset
    return queryset.filter(partner__users__pk=user.pk) if user.is_authenticated else queryset.none()


def supplier_orders_awaiting_invoice_request(user, organisation):
    """Accepted supplier orders of ``organisation`` for which no invoice was asked yet."""
    return supplier_orders_for_buyer(user, organisation).filter(
        state=SupplierOrderState.ACCEPTED, invoice__isnull=True
    )


def supplier_orders_to_settle(user, organisation):
    """Invoiced supplier orders of ``organisation`` that are in no settlement yet, by cooperative."""
    return (
        supplier_orders_for_buyer(user, organisation)
        .filter(state=SupplierOrderState.INVOICED, settlements__isnull=True)
        .select_related("invoice")
        .order_by("partner__name", "pk")
    )


def statement_supplier_orders(queryset):
    """``queryset`` of supplier orders with everything a 结算单 prints, in a fixed number of queries."""
    lines = SupplierOrderLine.objects.select_related("line", "purchase_order_line").order_by("pk")
    return (
        queryset.select_related(
            "purchase_order__organisation",
            "purchase_order__delivery_address",
            "partner__cooperative",
            "order",
        )
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("pk")
    )


def statement_supplier_order_for_buyer(user, organisation, pk):
    """The supplier order ``pk`` of ``organisation`` for its 结算单, or None; accepted or later."""
    return statement_supplier_orders(
        supplier_orders_for_buyer(user, organisation).filter(pk=pk, accepted_total__isnull=False)
    ).first()


def statement_supplier_order_for_cooperative(user, pk):
    """The supplier order ``pk`` of ``user``'s cooperative for its 结算单, or None."""
    return statement_supplier_orders(
        supplier_orders_for_cooperative(user).filter(pk=pk, accepted_total__isnull=False)
    ).first()


def settlement_supplier_orders(settlement):
    return statement_supplier_orders(SupplierOrder.objects.filter(settlements=settlement))
