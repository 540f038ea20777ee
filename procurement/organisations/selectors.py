"""Reads of organisations, members, invitations and addresses, always within what the user may
open (``procurement.selectors``): another organisation's id is simply not found."""

import uuid

from django.db.models import Count, Q

from shop.users.roles import is_operator

from ..constants import OrganisationStatus, Role
from ..models import DeliveryAddress, Invitation, Membership, Organisation
from ..selectors import organisations_for, user_has_role


def members_of(user, organisation):
    """The memberships of ``organisation`` if ``user`` may open it, with their users."""
    return Membership.objects.filter(
        organisation__in=organisations_for(user), organisation=organisation
    ).select_related("user", "organisation")


def invitations_of(user, organisation):
    """The invitations of ``organisation`` if ``user`` may open it, newest first."""
    return Invitation.objects.filter(
        organisation__in=organisations_for(user), organisation=organisation
    ).select_related("invited_by", "accepted_by")


def invitation_by_token(token):
    """The invitation of ``token`` (any string), or None for a malformed or unknown one."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return Invitation.objects.select_related("organisation").filter(token=token).first()


def addresses_of(user, organisation):
    """Every delivery address of ``organisation`` (active first) if ``user`` may open it, but for
    the addresses its union members gave for their own gift packs."""
    return DeliveryAddress.objects.filter(
        organisation__in=organisations_for(user), organisation=organisation, pack_choice=None
    ).order_by("-is_active", "label", "pk")


def admin_count(organisation):
    """How many members of ``organisation`` hold 管理员 (counted here: SQLite, the first-run
    database, has no JSON containment lookup)."""
    roles = Membership.objects.filter(organisation=organisation).values_list("roles", flat=True)
    return sum(Role.ADMIN.value in member_roles for member_roles in roles)


def organisations_for_review(user, *, status="", query=""):
    """Organisations an operator reviews, filtered by ``status`` and a name or credit code;
    nothing for anyone else (the dashboard also admits cooperative staff)."""
    if not is_operator(user):
        return Organisation.objects.none()
    queryset = Organisation.objects.select_related("created_by").order_by("-created_at", "-pk")
    if status:
        queryset = queryset.filter(status=status)
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(credit_code__icontains=query))
    return queryset


def organisation_status_counts(user):
    """``{status: count}`` of every organisation status (0 where none), for an operator."""
    counts = dict.fromkeys(OrganisationStatus.values, 0)
    if is_operator(user):
        rows = Organisation.objects.values("status").annotate(n=Count("pk")).order_by()
        counts.update({row["status"]: row["n"] for row in rows})
    return counts


def can_manage_members(user, organisation):
    """Members and invitations are the 管理员's (and an operator's)."""
    return user_has_role(user, organisation, Role.ADMIN)


def can_manage_addresses(user, organisation):
    """Delivery addresses are the 管理员's and the 采购员's (and an operator's)."""
    return user_has_role(user, organisation, Role.ADMIN) or user_has_role(user, organisation, Role.BUYER)
