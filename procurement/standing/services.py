"""Writes of standing orders (定期采购): the template a canteen's 采购员 keeps, the dates they block,
and the daily run that turns each delivery date into a submitted purchase order.

The run is idempotent: a standing order's row is locked while its dates are ordered, and the
unique constraint (standing order, delivery date) on purchase orders stops a second order for
the same date even if two runs race past the lock.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.onboarding.selectors import operator_emails
from procurement import emails
from procurement.constants import PurchaseOrderSource, Role
from procurement.exceptions import LinesRefused, ProcurementError
from procurement.models import (
    PurchaseOrder,
    StandingOrder,
    StandingOrderLine,
    StandingOrderMiss,
    StandingOrderSkip,
)
from procurement.services import lines_check, purchase_order_create, purchase_order_submit, role_require

from .calendar import ScheduledDate
from .selectors import standing_order_schedule

logger = logging.getLogger(__name__)

#: The most days ahead a standing order may make its purchase orders.
MAX_LEAD_DAYS = 30


def _template_check(*, organisation, by, delivery_address, weekdays, lead_days, lines):
    role_require(by, organisation, Role.BUYER)
    if delivery_address.organisation_id != organisation.pk or not delivery_address.is_active:
        raise ProcurementError(_("收货地址不属于本单位。"))
    weekdays = sorted({int(day) for day in weekdays})
    if not weekdays or not set(weekdays) <= set(range(1, 8)):
        raise ProcurementError(_("请至少选择一个每周送货日。"))
    if not 1 <= int(lead_days) <= MAX_LEAD_DAYS:
        raise ProcurementError(_("提前生成天数应在 1 到 %(max)s 天之间。") % {"max": MAX_LEAD_DAYS})
    lines_check(lines)
    return weekdays


def _lines_replace(standing_order, lines):
    standing_order.lines.all().delete()
    StandingOrderLine.objects.bulk_create(
        StandingOrderLine(
            standing_order=standing_order, stockrecord_id=stockrecord_id, quantity=int(quantity)
        )
        for stockrecord_id, quantity in lines
    )


@transaction.atomic
def standing_order_create(
    *,
    organisation,
    by,
    name,
    delivery_address,
    weekdays,
    lead_days,
    lines,
    include_makeup_workdays=False,
):
    """A new active standing order of ``organisation`` by the 采购员 ``by``: ``lines``
    (``[(stockrecord_id, quantity)]``) to ``delivery_address`` on the ISO ``weekdays``, ordered
    ``lead_days`` days ahead. Raises ``NotPermitted``, ``ProcurementError`` (address, weekdays,
    lead days) or ``LinesRefused``; nothing is saved then."""
    weekdays = _template_check(
        organisation=organisation,
        by=by,
        delivery_address=delivery_address,
        weekdays=weekdays,
        lead_days=lead_days,
        lines=lines,
    )
    standing_order = StandingOrder.objects.create(
        organisation=organisation,
        name=name.strip()[:100],
        delivery_address=delivery_address,
        weekdays=weekdays,
        lead_days=int(lead_days),
        include_makeup_workdays=include_makeup_workdays,
        created_by=by,
    )
    _lines_replace(standing_order, lines)
    return standing_order


@transaction.atomic
def standing_order_update(
    *,
    standing_order,
    by,
    name,
    delivery_address,
    weekdays,
    lead_days,
    lines,
    include_makeup_workdays=False,
):
    """Replaces ``standing_order``'s name, address, schedule and lines (checked as
    :func:`standing_order_create`). ``by`` becomes the 采购员 its purchase orders are placed as,
    so a colleague can take over a template whose creator left. Purchase orders already made
    are not changed. Raises as :func:`standing_order_create`."""
    standing_order = StandingOrder.objects.select_for_update().get(pk=standing_order.pk)
    weekdays = _template_check(
        organisation=standing_order.organisation,
        by=by,
        delivery_address=delivery_address,
        weekdays=weekdays,
        lead_days=lead_days,
        lines=lines,
    )
    standing_order.name = name.strip()[:100]
    standing_order.delivery_address = delivery_address
    standing_order.weekdays = weekdays
    standing_order.lead_days = int(lead_days)
    standing_order.include_makeup_workdays = include_makeup_workdays
    standing_order.created_by = by
    standing_order.save()
    _lines_replace(standing_order, lines)
    return standing_order


def standing_order_activate(*, standing_order, by, active):
    """Switches ``standing_order`` on (``active``) or off; off, the daily run makes nothing for
    it. Raises ``NotPermitted`` unless ``by`` is a 采购员 of its organisation."""
    role_require(by, standing_order.organisation, Role.BUYER)
    StandingOrder.objects.filter(pk=standing_order.pk).update(is_active=active)
    standing_order.is_active = active
    return standing_order


def standing_order_skip_add(*, standing_order, by, date, today=None):
    """Blocks ``date`` (不送货): the daily run makes no purchase order for it. Raises
    ``NotPermitted``, or ``ProcurementError`` for a date not after today or blocked already."""
    role_require(by, standing_order.organisation, Role.BUYER)
    today = today or timezone.localdate()
    if date is None or date <= today:
        raise ProcurementError(_("不送货日期应晚于今天。"))
    skip, created = StandingOrderSkip.objects.get_or_create(standing_order=standing_order, date=date)
    if not created:
        raise ProcurementError(_("%(date)s 已经是不送货日期。") % {"date": date.isoformat()})
    return skip


def standing_order_skip_remove(*, standing_order, by, skip_id):
    """Unblocks the date of ``standing_order``'s skip ``skip_id``. Raises ``NotPermitted``, or
    ``ProcurementError`` when it is not one of this standing order's blocked dates."""
    role_require(by, standing_order.organisation, Role.BUYER)
    deleted, _rows = StandingOrderSkip.objects.filter(standing_order=standing_order, pk=skip_id).delete()
    if not deleted:
        raise ProcurementError(_("没有这个不送货日期。"))


# --- The daily run -------------------------------------------------------------------------------


@dataclass
class RunResult:
    """What one run did: purchase orders made, dates refused, dates waiting for holiday data."""

    created: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    needs_data: list = field(default_factory=list)


def _refusal_text(error):
    if isinstance(error, LinesRefused) and error.problems:
        details = "；".join(f"{label}：{reason}" for label, reason in error.problems)
        return f"{error.message} {details}"
    return str(error.message)


def _date_order(standing_order, delivery_date):
    """Makes and submits the purchase order of ``standing_order`` for ``delivery_date`` in a
    savepoint; returns it, None when one exists already, or raises ``ProcurementError``."""
    if standing_order.created_by is None:
        raise ProcurementError(_("定期采购没有下单人，请采购员修改并保存一次。"))
    lines = [(line.stockrecord_id, line.quantity) for line in standing_order.lines.all()]
    try:
        with transaction.atomic():
            purchase_order = purchase_order_create(
                organisation=standing_order.organisation,
                by=standing_order.created_by,
                delivery_address=standing_order.delivery_address,
                delivery_date=delivery_date,
                lines=lines,
                note=_("定期采购：%(name)s") % {"name": standing_order.name},
                source=PurchaseOrderSource.STANDING,
                standing_order=standing_order,
            )
            return purchase_order_submit(
                purchase_order=purchase_order,
                by=standing_order.created_by,
                comment=_("定期采购自动提交"),
            )
    except IntegrityError:
        # Another run made it between our look-up and our insert.
        return None


def _buyers_to_tell(standing_order):
    users = emails.members_with_role(standing_order.organisation, Role.BUYER)
    if standing_order.created_by is not None and standing_order.created_by.is_active:
        users.append(standing_order.created_by)
    return users


def standing_order_run(*, standing_order_id, today=None):
    """Makes the submitted purchase orders of one standing order for its delivery dates within
    the next ``lead_days`` days, once each. A date whose order is refused (lines, the creator
    no longer a 采购员, the organisation not verified …) gets a ``StandingOrderMiss`` and the
    buyers an e-mail the first time; a date of a year without holiday data gets nothing.
    Returns a ``RunResult``; raises nothing for a refused date."""
    today = today or timezone.localdate()
    result = RunResult()
    with transaction.atomic():
        standing_order = (
            StandingOrder.objects.select_for_update(of=("self",))
            .select_related("organisation", "delivery_address", "created_by")
            .filter(pk=standing_order_id, is_active=True)
            .first()
        )
        if standing_order is None:
            return result
        dates = standing_order_schedule(
            standing_order,
            start=today + datetime.timedelta(days=1),
            end=today + datetime.timedelta(days=standing_order.lead_days),
        )
        made = set(
            PurchaseOrder.objects.filter(
                standing_order=standing_order, delivery_date__in=[scheduled.date for scheduled in dates]
            ).values_list("delivery_date", flat=True)
        )
        for scheduled in dates:
            if scheduled.status == ScheduledDate.NEEDS_DATA:
                result.needs_data.append((standing_order, scheduled.date))
                continue
            if scheduled.status != ScheduledDate.DELIVER or scheduled.date in made:
                continue
            try:
                purchase_order = _date_order(standing_order, scheduled.date)
            except ProcurementError as error:
                reason = _refusal_text(error)[:1000]
                miss, created = StandingOrderMiss.objects.update_or_create(
                    standing_order=standing_order, delivery_date=scheduled.date, defaults={"reason": reason}
                )
                logger.info(
                    "standing order %s: no order for %s: %s", standing_order.pk, scheduled.date, reason
                )
                if created:
                    emails.email_later(
                        emails.STANDING_ORDER_MISSED,
                        users=_buyers_to_tell(standing_order),
                        standing_order=standing_order,
                        standing_order_miss=miss,
                    )
                result.missed.append(miss)
                continue
            if purchase_order is None:
                continue
            StandingOrderMiss.objects.filter(
                standing_order=standing_order, delivery_date=scheduled.date
            ).delete()
            emails.email_later(
                emails.STANDING_ORDER_CREATED,
                users=[standing_order.created_by],
                standing_order=standing_order,
                purchase_order=purchase_order,
            )
            result.created.append(purchase_order)
    return result


def holiday_data_missing_warn(needs_data, *, today=None):
    """Tells the operators, at most once a day, which standing orders wait for the holiday data
    of a year (``needs_data``: ``[(standing_order, date)]``) to be entered as 节假日调整.
    Returns whether a message was sent."""
    if not needs_data:
        return False
    today = today or timezone.localdate()
    years = sorted({date.year for _order, date in needs_data})
    logger.warning(
        "standing orders wait for holiday data of %s: %s",
        years,
        ", ".join(f"{order.pk}@{date}" for order, date in needs_data),
    )
    if not cache.add(f"procurement:holiday-data-missing:{today.isoformat()}", True, timeout=60 * 60 * 26):
        return False
    recipients = operator_emails()
    if recipients:
        lines = [
            f"{date.isoformat()}  {order.organisation.name} · {order.name}" for order, date in needs_data
        ]
        send_mail(
            _("【稳富】请录入 %(years)s 年节假日安排") % {"years": "、".join(str(year) for year in years)},
            _(
                "节假日数据包没有 %(years)s 年的放假安排，以下定期采购的送货日期暂不生成采购单。"
                "请在 Django 管理后台“节假日调整”中录入该年的放假日和调休上班日：\n\n%(lines)s"
            )
            % {"years": "、".join(str(year) for year in years), "lines": "\n".join(lines)},
            None,
            recipients,
        )
    return True


def standing_orders_run(*, today=None):
    """The daily run (``standing_orders_run_task``): :func:`standing_order_run` for every active
    standing order, then :func:`holiday_data_missing_warn`. Returns the combined ``RunResult``."""
    today = today or timezone.localdate()
    total = RunResult()
    for standing_order_id in (
        StandingOrder.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    ):
        result = standing_order_run(standing_order_id=standing_order_id, today=today)
        total.created += result.created
        total.missed += result.missed
        total.needs_data += result.needs_data
    holiday_data_missing_warn(total.needs_data, today=today)
    return total
