"""What the portal's home page shows (reads only): an organisation's orders by state, what awaits
the person looking by the roles they hold, this week's deliveries and this year's accepted
purchases against the target; and, for operators, every organisation with its counts.

Every figure is an aggregate or a short list with its related rows joined, so the page costs
the same few queries whether an organisation has ten orders or ten thousand.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import OrganisationStatus, PurchaseOrderState, Role, SettlementState, SupplierOrderState
from .models import Invoice, Organisation, PurchaseOrder, Settlement, SupplierOrder
from .selectors import LEDGER_TIME_ZONE, organisation_accepted_total, user_has_role

#: How many rows of each list the home page shows; the count says how many there are in all.
SHORT_LIST = 5
WEEK_LIST = 20

#: Supplier orders a 验收员 can receive: shipped (送达 is recorded with the receipt) or delivered.
RECEIVABLE_STATES = (SupplierOrderState.SHIPPED, SupplierOrderState.DELIVERED)


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class Task:
    """Something awaiting the user: ``count`` in all, the first of them in ``items``.
    ``kind`` says what ``items`` are (``purchase_order``, ``supplier_order`` or ``settlement``)."""

    key: str
    title: str
    kind: str
    count: int
    items: list


@dataclass(frozen=True)
class TargetProgress:
    """This year's accepted purchases against the yearly target (None when none is set)."""

    year: int
    accepted: Decimal
    target: Decimal | None

    @property
    def percent(self):
        """The share of the target reached, in whole per cent (may exceed 100), or None."""
        if not self.target:
            return None
        return int(self.accepted * 100 / self.target)

    @property
    def bar_percent(self):
        """How much of the bar to fill: the share reached, at most 100."""
        return min(self.percent or 0, 100)

    @property
    def remaining(self):
        if not self.target:
            return None
        return max(self.target - self.accepted, Decimal("0.00"))


@dataclass(frozen=True)
class PortalOverview:
    organisation: Organisation
    state_counts: list
    tasks: list
    week_start: datetime.date
    week_end: datetime.date
    week_deliveries: list
    week_delivery_count: int
    target: TargetProgress

    @property
    def order_count(self):
        return sum(item.count for item in self.state_counts)

    @property
    def task_count(self):
        return sum(task.count for task in self.tasks)


def _state_counts(organisation):
    counts = dict(
        PurchaseOrder.objects.filter(organisation=organisation)
        .order_by()
        .values_list("state")
        .annotate(count=Count("pk"))
    )
    return [StateCount(state.value, state.label, counts.get(state.value, 0)) for state in PurchaseOrderState]


def _task(key, title, kind, queryset, limit=SHORT_LIST):
    return Task(key=key, title=title, kind=kind, count=queryset.count(), items=list(queryset[:limit]))


def _purchase_orders(organisation, state):
    return (
        PurchaseOrder.objects.filter(organisation=organisation, state=state)
        .select_related("delivery_address", "created_by", "submitted_by")
        .order_by("delivery_date", "pk")
    )


def _supplier_orders(organisation):
    return (
        SupplierOrder.objects.filter(purchase_order__organisation=organisation)
        .select_related("purchase_order__delivery_address", "partner")
        .order_by("purchase_order__delivery_date", "pk")
    )


def _tasks(user, organisation):
    """What awaits ``user`` in ``organisation``, by the roles they hold there (all, for an operator)."""
    tasks = []
    if user_has_role(user, organisation, Role.BUYER):
        tasks.append(
            _task(
                "drafts",
                _("待提交的草稿"),
                "purchase_order",
                _purchase_orders(organisation, PurchaseOrderState.DRAFT),
            )
        )
        tasks.append(
            _task(
                "rejected",
                _("被驳回待修改"),
                "purchase_order",
                _purchase_orders(organisation, PurchaseOrderState.REJECTED),
            )
        )
        tasks.append(
            _task(
                "short",
                _("合作社少供，待确认数量"),
                "supplier_order",
                _supplier_orders(organisation).filter(state=SupplierOrderState.SHORT_CONFIRMED),
            )
        )
    if user_has_role(user, organisation, Role.APPROVER):
        # Separation of duties: what the user submitted is someone else's to approve.
        approvals = _purchase_orders(organisation, PurchaseOrderState.SUBMITTED).exclude(submitted_by=user)
        tasks.append(_task("approvals", _("待我审批"), "purchase_order", approvals))
    if user_has_role(user, organisation, Role.RECEIVER):
        receipts = _supplier_orders(organisation).filter(state__in=RECEIVABLE_STATES)
        tasks.append(_task("receipts", _("待验收的到货"), "supplier_order", receipts))
    if user_has_role(user, organisation, Role.FINANCE):
        uninvoiced = _supplier_orders(organisation).filter(
            state=SupplierOrderState.ACCEPTED,
            accepted_total__isnull=False,
        )
        uninvoiced = uninvoiced.exclude(Exists(Invoice.objects.filter(supplier_order=OuterRef("pk"))))
        tasks.append(_task("invoices", _("待申请发票"), "supplier_order", uninvoiced))
        settlements = Settlement.objects.filter(organisation=organisation, state=SettlementState.OPEN)
        settlements = settlements.select_related("partner").order_by("created_at", "pk")
        tasks.append(_task("payments", _("待付款的结算单"), "settlement", settlements))
    return tasks


def week_bounds(today):
    """Monday and Sunday of the week of ``today``."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday, monday + datetime.timedelta(days=6)


def portal_overview(user, organisation):
    """The home page of ``organisation`` as ``user`` (a member, or an operator) sees it.
    A fixed number of queries, whatever the number of orders."""
    today = timezone.now().astimezone(LEDGER_TIME_ZONE).date()
    week_start, week_end = week_bounds(today)
    deliveries = (
        _supplier_orders(organisation)
        .filter(purchase_order__delivery_date__range=(week_start, week_end))
        .exclude(state=SupplierOrderState.CANCELLED)
    )
    yearly_target = organisation.yearly_target
    return PortalOverview(
        organisation=organisation,
        state_counts=_state_counts(organisation),
        tasks=_tasks(user, organisation),
        week_start=week_start,
        week_end=week_end,
        week_deliveries=list(deliveries[:WEEK_LIST]),
        week_delivery_count=deliveries.count(),
        target=TargetProgress(
            year=today.year,
            accepted=organisation_accepted_total(organisation, today.year),
            target=yearly_target,
        ),
    )


def organisations_overview():
    """Every organisation with its purchase-order counts (for operators), pending ones first."""
    return Organisation.objects.annotate(
        order_count=Count("purchase_orders"),
        draft_count=Count("purchase_orders", filter=Q(purchase_orders__state=PurchaseOrderState.DRAFT)),
        submitted_count=Count(
            "purchase_orders", filter=Q(purchase_orders__state=PurchaseOrderState.SUBMITTED)
        ),
        approved_count=Count("purchase_orders", filter=Q(purchase_orders__state=PurchaseOrderState.APPROVED)),
    ).order_by(
        # Those waiting for verification are the operator's to do first.
        Case(
            When(status=OrganisationStatus.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "name",
        "pk",
    )
