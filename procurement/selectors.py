"""Who sees what of procurement. Operators see every organisation; a member sees only the
organisations they belong to, and in each only what their roles allow. Every view reads through
these querysets, so another organisation's id is simply not found."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Sum
from oscar.core.loading import get_model

from shop.users.roles import is_operator

from .constants import OrganisationStatus, SupplierOrderState
from .models import (
    DeliveryAddress,
    Membership,
    Organisation,
    PurchaseOrder,
    SupplierOrder,
    TransitionEvent,
)

#: The purchase target and the consumption-assistance ledger count China's calendar year,
#: whatever time zone a request or a worker runs in.
LEDGER_TIME_ZONE = ZoneInfo("Asia/Shanghai")
Partner = get_model("partner", "Partner")


def memberships_of(user):
    """``user``'s memberships, with their organisations."""
    if not (user.is_authenticated and user.is_active):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def organisations_for(user):
    """Organisations ``user`` may open: all for operators, their own for members."""
    if is_operator(user):
        return Organisation.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def membership_for(user, organisation):
    """``user``'s membership of ``organisation``, or None."""
    return memberships_of(user).filter(organisation=organisation).first()


def user_has_role(user, organisation, role):
    """Whether ``user`` holds ``role`` in ``organisation``. Operators act for every organisation
    except where a rule names a person (approving one's own order is refused all the same)."""
    if is_operator(user):
        return True
    membership = membership_for(user, organisation)
    return membership is not None and membership.has_role(role)


def organisation_can_order(organisation):
    """Whether ``organisation`` is verified (not pending, rejected or suspended)."""
    return organisation.status == OrganisationStatus.VERIFIED


def purchase_orders_for(user, organisation=None):
    """Purchase orders ``user`` may open, of ``organisation`` only if given, with what a list shows."""
    queryset = PurchaseOrder.objects.select_related("organisation", "delivery_address", "created_by")
    if not is_operator(user):
        queryset = queryset.filter(organisation__in=organisations_for(user))
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset


def delivery_addresses_for(user, organisation):
    """Active delivery addresses of ``organisation`` that ``user`` may use (not the addresses
    its union members gave for their own gift packs)."""
    return DeliveryAddress.objects.filter(
        organisation__in=organisations_for(user), organisation=organisation, is_active=True, pack_choice=None
    )


def supplier_orders_for_cooperative(user):
    """Supplier orders ``user`` may act on as a cooperative: all for operators, their partners' otherwise."""
    queryset = SupplierOrder.objects.select_related("purchase_order__organisation", "partner", "order")
    if is_operator(user):
        return queryset
    return queryset.filter(partner__users__pk=user.pk) if user.is_authenticated else queryset.none()


def supplier_orders_for_buyer(user, organisation=None):
    """Supplier orders of the organisations ``user`` belongs to (or all, for operators)."""
    queryset = SupplierOrder.objects.select_related("purchase_order__organisation", "partner", "order")
    if not is_operator(user):
        queryset = queryset.filter(purchase_order__organisation__in=organisations_for(user))
    if organisation is not None:
        queryset = queryset.filter(purchase_order__organisation=organisation)
    return queryset


def organisation_accepted_total(organisation, year):
    """The accepted purchases of ``organisation`` in the calendar ``year`` (Asia/Shanghai): the sum
    of ``accepted_total`` of its supplier orders whose 验收 was recorded that year, whatever
    happened to them since (invoiced, settled, closed). One query; ``Decimal("0.00")`` when none."""
    start = datetime.datetime(year, 1, 1, tzinfo=LEDGER_TIME_ZONE)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=LEDGER_TIME_ZONE)
    # 验收 is one transition per supplier order; its event is when it happened.
    accepted_in_year = TransitionEvent.objects.filter(
        supplier_order__isnull=False, to_state=SupplierOrderState.ACCEPTED, at__gte=start, at__lt=end
    ).values("supplier_order_id")
    total = SupplierOrder.objects.filter(
        purchase_order__organisation=organisation,
        accepted_total__isnull=False,
        pk__in=accepted_in_year,
    ).aggregate(total=Sum("accepted_total"))["total"]
    return total if total is not None else Decimal("0.00")


def partners_for_cooperative(user):
    """The cooperatives (partners) ``user`` acts for in the dashboard: all for operators, those
    listing the user in ``partner.users`` otherwise."""
    if is_operator(user):
        return Partner.objects.order_by("name", "pk")
    if not (user.is_authenticated and user.is_active):
        return Partner.objects.none()
    return Partner.objects.filter(users__pk=user.pk).order_by("name", "pk")
