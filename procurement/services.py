"""Writes of purchase orders and supplier orders: draft, submit, approve (split into one Oscar
order per cooperative with its stock allocated), reject, cancel, the cooperative confirming
(in full or less), delivery and 验收.

Every state change goes through ``procurement.workflow.transition_apply``; every service checks
the actor's role in the organisation (``procurement.selectors``) and raises a
``ProcurementError`` with a Chinese message when a rule refuses.
"""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.order.constants import OrderChannel, OrderStatus
from shop.order.fulfilment import parcels_create
from shop.order.services import order_close, order_status_change, order_stock_release
from shop.users.roles import is_operator

from . import emails
from .constants import (
    MAX_DELIVERY_DAYS_AHEAD,
    PurchaseOrderSource,
    PurchaseOrderState,
    Role,
    SupplierOrderState,
)
from .exceptions import (
    LinesRefused,
    NotPermitted,
    OrganisationNotVerified,
    ProcurementError,
    SeparationOfDuties,
    StockShort,
    TransitionRefused,
)
from .ledger.services import ledger_acceptance_enter
from .models import (
    CooperativeDeliveryTerms,
    PurchaseOrder,
    PurchaseOrderLine,
    SupplierOrder,
    SupplierOrderLine,
    TransitionEvent,
)
from .pricing import delivery_for, line_price, line_problems, orderable_stockrecords, quantity_problem
from .selectors import organisation_can_order, user_has_role
from .workflow import transition_apply

Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

#: Supplier-order states after which nothing more happens to it.
FINISHED_SUPPLIER_STATES = frozenset({SupplierOrderState.CLOSED, SupplierOrderState.CANCELLED})


def role_require(user, organisation, role):
    """Raises ``NotPermitted`` unless ``user`` holds ``role`` in ``organisation`` (or is an operator)."""
    if not user_has_role(user, organisation, role):
        raise NotPermitted(
            _("你在%(org)s没有“%(role)s”角色。") % {"org": organisation, "role": Role(role).label}
        )


def delivery_date_problem(delivery_date, *, today=None):
    """Why ``delivery_date`` cannot be asked for, or None: it is at least tomorrow and at most
    ``MAX_DELIVERY_DAYS_AHEAD`` days ahead."""
    today = today or timezone.localdate()
    if delivery_date is None:
        return _("请填写要求到货日期")
    if delivery_date <= today:
        return _("要求到货日期不能早于明天")
    if delivery_date > today + datetime.timedelta(days=MAX_DELIVERY_DAYS_AHEAD):
        return _("要求到货日期不能晚于 %(days)s 天后") % {"days": MAX_DELIVERY_DAYS_AHEAD}
    return None


def line_label(stockrecord):
    """How a line is named in ``LinesRefused.problems``: its title and SKU."""
    return f"{stockrecord.product.get_title()}（{stockrecord.partner_sku}）"


def lines_check(lines, *, quoted=frozenset()):
    """Checks ``[(stockrecord_id, quantity)]`` for one order in a fixed number of queries;
    the stock records in ``quoted`` (lines of an accepted quote) skip the minimum order quantity.

    Returns the stock records (loaded with product, partner and tiers) by id; raises
    ``LinesRefused`` listing every line that cannot be ordered and why (unknown or unlisted
    product, suspended cooperative, a quantity that is not a positive whole number, below the
    minimum order quantity, more than the stock, a product twice).
    """
    problems = []
    ids = [stockrecord_id for stockrecord_id, _quantity in lines]
    loaded = StockRecord.objects.filter(pk__in=ids).select_related("product", "partner__cooperative")
    records = {record.pk: record for record in loaded.prefetch_related("tier_prices")}
    orderable_ids = set(orderable_stockrecords().filter(pk__in=ids).values_list("pk", flat=True))
    seen = set()
    for stockrecord_id, quantity in lines:
        record = records.get(stockrecord_id)
        if record is None:
            problems.append((str(stockrecord_id), _("商品不存在")))
            continue
        label = line_label(record)
        if stockrecord_id in seen:
            problems.append((label, _("同一商品出现了两次")))
            continue
        seen.add(stockrecord_id)
        reason = quantity_problem(quantity) or line_problems(
            record, int(quantity), orderable_ids=orderable_ids, quoted=stockrecord_id in quoted
        )
        if reason:
            problems.append((label, reason))
    if problems:
        raise LinesRefused(problems)
    if not lines:
        raise LinesRefused([], _("采购单至少要有一种商品。"))
    return records


def _number_assign(purchase_order):
    """``CG`` + the local date + the id: unique, and tells a buyer when the order was made."""
    purchase_order.number = f"CG{timezone.localdate():%Y%m%d}{purchase_order.pk:06d}"
    purchase_order.save(update_fields=["number"])


def _lines_write(purchase_order, lines, records, *, quote_answers=None):
    quote_answers = quote_answers or {}
    rows = []
    for stockrecord_id, quantity in lines:
        record, quantity = records[stockrecord_id], int(quantity)
        price = line_price(record, quantity)
        answer = quote_answers.get(stockrecord_id)
        rows.append(
            PurchaseOrderLine(
                purchase_order=purchase_order,
                product_id=record.product_id,
                stockrecord=record,
                quantity=quantity,
                unit_price=answer.unit_price if answer else price.unit_price,
                retail_price=price.retail_price,
                quote_answer=answer,
            )
        )
    PurchaseOrderLine.objects.bulk_create(rows)


def _order_open_check(*, organisation, by, delivery_address, delivery_date):
    role_require(by, organisation, Role.BUYER)
    _order_target_check(
        organisation=organisation, delivery_address=delivery_address, delivery_date=delivery_date
    )


def _order_target_check(*, organisation, delivery_address, delivery_date):
    """``organisation`` may order, to one of its own addresses, for a date it may ask for."""
    if not organisation_can_order(organisation):
        raise OrganisationNotVerified
    if delivery_address.organisation_id != organisation.pk or not delivery_address.is_active:
        raise ProcurementError(_("收货地址不属于本单位。"))
    problem = delivery_date_problem(delivery_date)
    if problem:
        raise ProcurementError(problem)


@transaction.atomic
def purchase_order_create(
    *,
    organisation,
    by,
    delivery_address,
    delivery_date,
    lines,
    note="",
    source=PurchaseOrderSource.FORM,
    standing_order=None,
    quote_answers=None,
):
    """A draft purchase order of ``organisation`` by the 采购员 ``by`` for ``lines``
    (``[(stockrecord_id, quantity)]``) to ``delivery_address`` on ``delivery_date``, priced at
    the tier prices (or the accepted quote of ``quote_answers``: ``{stockrecord_id: answer}``).

    Raises ``NotPermitted``, ``OrganisationNotVerified``, ``ProcurementError`` (address, date)
    or ``LinesRefused``; nothing is saved then.
    """
    _order_open_check(
        organisation=organisation, by=by, delivery_address=delivery_address, delivery_date=delivery_date
    )
    records = lines_check(lines, quoted=frozenset(quote_answers or ()))
    purchase_order = PurchaseOrder.objects.create(
        number=f"tmp-{timezone.now().timestamp()}-{by.pk}",
        organisation=organisation,
        source=source,
        delivery_address=delivery_address,
        delivery_date=delivery_date,
        note=note[:500],
        created_by=by,
        standing_order=standing_order,
    )
    _number_assign(purchase_order)
    _lines_write(purchase_order, lines, records, quote_answers=quote_answers)
    _totals_refresh(purchase_order)
    TransitionEvent.objects.create(
        purchase_order=purchase_order,
        from_state="",
        to_state=PurchaseOrderState.DRAFT,
        actor=by,
        comment=PurchaseOrderSource(source).label,
    )
    return purchase_order


@transaction.atomic
def purchase_order_update(*, purchase_order, by, delivery_address, delivery_date, lines, note=""):
    """Replaces a draft's address, date, note and lines (as :func:`purchase_order_create`)."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    if purchase_order.state != PurchaseOrderState.DRAFT:
        raise TransitionRefused(_("只有草稿可以修改。"))
    organisation = purchase_order.organisation
    _order_open_check(
        organisation=organisation, by=by, delivery_address=delivery_address, delivery_date=delivery_date
    )
    # A quoted price holds for at most the quantity the cooperative quoted; more is tier-priced.
    wanted = {stockrecord_id: str(quantity).strip() for stockrecord_id, quantity in lines}
    quoted = {
        line.stockrecord_id: line.quote_answer
        for line in purchase_order.lines.exclude(quote_answer=None).select_related("quote_answer")
        if wanted.get(line.stockrecord_id, "").isdigit()
        and int(wanted[line.stockrecord_id]) <= line.quote_answer.quantity
    }
    records = lines_check(lines, quoted=frozenset(quoted))
    purchase_order.lines.all().delete()
    _lines_write(purchase_order, lines, records, quote_answers=quoted)
    purchase_order.delivery_address, purchase_order.delivery_date = delivery_address, delivery_date
    purchase_order.note = note[:500]
    purchase_order.save(update_fields=["delivery_address", "delivery_date", "note"])
    _totals_refresh(purchase_order)
    return purchase_order


#: How far ahead a draft started from the product list asks for delivery; the buyer changes it.
DRAFT_DELIVERY_DAYS_AHEAD = 3


@transaction.atomic
def purchase_order_line_add(*, organisation, by, stockrecord_id, quantity):
    """Adds ``quantity`` units of the stock record ``stockrecord_id`` to the latest draft ``by``
    made for ``organisation`` (to its line of that product, if any), or starts a draft to the
    organisation's first active delivery address, ``DRAFT_DELIVERY_DAYS_AHEAD`` days ahead.
    Returns ``(purchase_order, created)``.

    Raises ``ProcurementError`` (a quantity that is not a positive whole number, no delivery
    address) and whatever :func:`purchase_order_create` / :func:`purchase_order_update` raise;
    nothing is saved then."""
    problem = quantity_problem(quantity)
    if problem:
        raise ProcurementError(problem)
    quantity = int(quantity)
    draft = (
        PurchaseOrder.objects.select_for_update()
        .filter(organisation=organisation, created_by=by, state=PurchaseOrderState.DRAFT)
        .order_by("-created_at", "-pk")
        .first()
    )
    if draft is None:
        address = organisation.addresses.filter(is_active=True, pack_choice=None).order_by("pk").first()
        if address is None:
            raise ProcurementError(_("本单位还没有收货地址，请先添加。"))
        delivery_date = timezone.localdate() + datetime.timedelta(days=DRAFT_DELIVERY_DAYS_AHEAD)
        purchase_order = purchase_order_create(
            organisation=organisation,
            by=by,
            delivery_address=address,
            delivery_date=delivery_date,
            lines=[(stockrecord_id, quantity)],
        )
        return purchase_order, True
    lines = {line.stockrecord_id: line.quantity for line in draft.lines.all()}
    lines[stockrecord_id] = lines.get(stockrecord_id, 0) + quantity
    purchase_order = purchase_order_update(
        purchase_order=draft,
        by=by,
        delivery_address=draft.delivery_address,
        delivery_date=draft.delivery_date,
        lines=list(lines.items()),
        note=draft.note,
    )
    return purchase_order, False


def delivery_quote(purchase_order):
    """``[(partner, method, fee)]``: how each cooperative of ``purchase_order`` delivers and at
    what fee, shown before submitting and charged on its supplier order."""
    partners = {}
    for line in purchase_order.lines.select_related("stockrecord__partner__delivery_terms"):
        partners.setdefault(line.stockrecord.partner_id, line.stockrecord.partner)
    return [
        (partner, *delivery_for(partner, purchase_order.delivery_address))
        for partner in sorted(partners.values(), key=lambda partner: partner.pk)
    ]


def _totals_refresh(purchase_order):
    lines = purchase_order.lines.all()
    purchase_order.goods_total = sum((line.unit_price * line.quantity for line in lines), Decimal("0.00"))
    purchase_order.delivery_total = sum(
        (fee for _p, _m, fee in delivery_quote(purchase_order)), Decimal("0.00")
    )
    purchase_order.save(update_fields=["goods_total", "delivery_total"])


def quotes_valid_check(purchase_order):
    """Raises ``LinesRefused`` naming every line of ``purchase_order`` priced by a quote that is
    past its validity: a draft kept for weeks must not be submitted at a price the cooperative
    stood by only until then."""
    today = timezone.localdate()
    expired = [
        (
            line_label(line.stockrecord),
            _("报价已于 %(date)s 过期，请重新询价或删除该行")
            % {"date": f"{line.quote_answer.valid_until:%Y-%m-%d}"},
        )
        for line in purchase_order.lines.exclude(quote_answer=None).select_related(
            "quote_answer", "stockrecord__product"
        )
        if line.quote_answer.valid_until < today
    ]
    if expired:
        raise LinesRefused(expired, _("采购单中有报价已过期的商品，请修改后再提交。"))


@transaction.atomic
def purchase_order_submit(*, purchase_order, by, comment=""):
    """The 采购员 ``by`` submits a draft for approval; lines are checked and priced again. Below
    the organisation's ``auto_approve_below`` the order is approved (and split) at once by
    Wenfu itself. Raises as :func:`purchase_order_create` and ``TransitionRefused``."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    organisation = purchase_order.organisation
    # Checked before the lines are rewritten: an approved order's lines belong to its supplier orders.
    if purchase_order.state != PurchaseOrderState.DRAFT:
        raise TransitionRefused(
            _("采购单是“%(state)s”，不能提交。") % {"state": purchase_order.get_state_display()}
        )
    _order_open_check(
        organisation=organisation,
        by=by,
        delivery_address=purchase_order.delivery_address,
        delivery_date=purchase_order.delivery_date,
    )
    lines = [(line.stockrecord_id, line.quantity) for line in purchase_order.lines.all()]
    quoted = {
        line.stockrecord_id: line.quote_answer for line in purchase_order.lines.exclude(quote_answer=None)
    }
    quotes_valid_check(purchase_order)
    records = lines_check(lines, quoted=frozenset(quoted))
    purchase_order.lines.all().delete()
    _lines_write(purchase_order, lines, records, quote_answers=quoted)
    _totals_refresh(purchase_order)
    purchase_order.submitted_by, purchase_order.submitted_at = by, timezone.now()
    transition_apply(purchase_order, "submit", actor=by, comment=comment)
    if purchase_order.total < organisation.auto_approve_below:
        _approve(purchase_order, actor=None, comment=_("金额低于本单位免审批额度，自动审批通过"))
        return purchase_order
    # The submitter may hold 审批人 too, but may not approve their own order: not told.
    approvers = [user for user in emails.members_with_role(organisation, Role.APPROVER) if user.pk != by.pk]
    emails.email_later(emails.PURCHASE_ORDER_SUBMITTED, users=approvers, purchase_order=purchase_order)
    return purchase_order


@transaction.atomic
def purchase_order_approve(*, purchase_order, by, comment=""):
    """The 审批人 ``by`` approves a submitted order: it is split into one supplier order per
    cooperative, each an Oscar order of the institutional channel, with its stock allocated
    under row locks. Raises ``NotPermitted``, ``SeparationOfDuties`` (``by`` submitted it),
    ``OrganisationNotVerified``, ``TransitionRefused`` (not awaiting approval, e.g. approved in
    another tab a moment ago), ``LinesRefused`` or ``StockShort`` (nothing allocated then)."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    role_require(by, purchase_order.organisation, Role.APPROVER)
    if purchase_order.state != PurchaseOrderState.SUBMITTED:
        raise TransitionRefused(
            _("采购单是“%(state)s”，不能审批。") % {"state": purchase_order.get_state_display()}
        )
    if purchase_order.submitted_by_id == by.pk:
        raise SeparationOfDuties
    if not organisation_can_order(purchase_order.organisation):
        raise OrganisationNotVerified
    return _approve(purchase_order, actor=by, comment=comment)


@transaction.atomic
def gift_pack_order_place(*, campaign, by, delivery_address, delivery_date, lines, note=""):
    """A purchase order of ``campaign``'s union for gift packs its members chose: ``lines``
    (``[(stockrecord_id, quantity)]``) to ``delivery_address`` on ``delivery_date``, submitted
    by the union's 管理员 ``by`` and approved at once — the campaign the 管理员 started within
    its budget is the decision to buy them — so it is split into supplier orders with their
    stock allocated, and follows the procurement flow from there (confirm, deliver, 验收,
    invoice, settle). The caller checks that ``by`` runs the campaign.

    Raises ``OrganisationNotVerified``, ``ProcurementError`` (address, date), ``LinesRefused``
    or ``StockShort``; nothing is saved then."""
    organisation = campaign.organisation
    _order_target_check(
        organisation=organisation, delivery_address=delivery_address, delivery_date=delivery_date
    )
    records = lines_check(lines)
    purchase_order = PurchaseOrder.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:28]}",
        organisation=organisation,
        source=PurchaseOrderSource.GIFT_PACK,
        delivery_address=delivery_address,
        delivery_date=delivery_date,
        note=note[:500],
        created_by=by,
        campaign=campaign,
    )
    _number_assign(purchase_order)
    _lines_write(purchase_order, lines, records)
    _totals_refresh(purchase_order)
    TransitionEvent.objects.create(
        purchase_order=purchase_order,
        from_state="",
        to_state=PurchaseOrderState.DRAFT,
        actor=by,
        comment=PurchaseOrderSource.GIFT_PACK.label,
    )
    purchase_order.submitted_by, purchase_order.submitted_at = by, timezone.now()
    transition_apply(purchase_order, "submit", actor=by)
    return _approve(
        purchase_order, actor=None, comment=_("工会福利礼包：按会员的选择下单，活动已由工会管理员发放")
    )


@transaction.atomic
def purchase_order_reject(*, purchase_order, by, comment):
    """The 审批人 ``by`` rejects a submitted order with ``comment`` (required); the buyer may
    change it and submit again. Raises as :func:`purchase_order_approve`."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    role_require(by, purchase_order.organisation, Role.APPROVER)
    if not (comment or "").strip():
        raise ProcurementError(_("驳回时请填写意见。"))
    if purchase_order.submitted_by_id == by.pk and purchase_order.state == PurchaseOrderState.SUBMITTED:
        raise SeparationOfDuties(_("不能审批自己提交的采购单。"))
    purchase_order.decided_by, purchase_order.decided_at = by, timezone.now()
    transition_apply(purchase_order, "reject", actor=by, comment=comment.strip())
    emails.email_later(
        emails.PURCHASE_ORDER_REJECTED,
        users=[purchase_order.submitted_by or purchase_order.created_by],
        purchase_order=purchase_order,
    )
    return purchase_order


@transaction.atomic
def purchase_order_reopen(*, purchase_order, by):
    """A rejected order goes back to draft for the 采购员 ``by`` to change."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    role_require(by, purchase_order.organisation, Role.BUYER)
    return transition_apply(purchase_order, "reopen", actor=by)


@transaction.atomic
def purchase_order_cancel(*, purchase_order, by, comment=""):
    """The 采购员 ``by`` withdraws an order before approval (nothing is allocated yet)."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    role_require(by, purchase_order.organisation, Role.BUYER)
    return transition_apply(purchase_order, "cancel", actor=by, comment=comment)


# --- Many drafts at once (the Excel import) ----------------------------------------------------


@dataclass(frozen=True)
class DraftRow:
    """One line of a bulk entry: ``key`` names it in problems (the import's row number);
    ``quantity`` is as typed (checked by ``quantity_problem``)."""

    key: object
    stockrecord_id: int
    quantity: object
    delivery_address_id: int
    delivery_date: datetime.date | None
    note: str = ""


def purchase_order_rows_check(*, organisation, by, rows):
    """Checks ``rows`` (:class:`DraftRow`) as :func:`purchase_order_create` checks one order's
    lines, in a fixed number of queries however many rows there are.

    Returns ``(problems, records)``: ``[(key, reason)]`` for every row that cannot be ordered
    (unknown or unlisted product, suspended cooperative, a quantity that is not a positive whole
    number, below the minimum order quantity, more than the stock counting every row of the same
    stock record, an address not of ``organisation``, a date refused by
    :func:`delivery_date_problem`, the same product, address and date twice) and the stock
    records by id. Raises ``NotPermitted`` or ``OrganisationNotVerified`` for the whole entry.
    """
    role_require(by, organisation, Role.BUYER)
    if not organisation_can_order(organisation):
        raise OrganisationNotVerified
    ids = {row.stockrecord_id for row in rows}
    loaded = StockRecord.objects.filter(pk__in=ids).select_related(
        "product", "partner__cooperative", "partner__delivery_terms"
    )
    records = {record.pk: record for record in loaded.prefetch_related("tier_prices")}
    orderable_ids = set(orderable_stockrecords().filter(pk__in=ids).values_list("pk", flat=True))
    address_ids = set(
        organisation.addresses.filter(
            pk__in={row.delivery_address_id for row in rows}, is_active=True, pack_choice=None
        ).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    problems, held, seen = [], defaultdict(int), set()
    for row in rows:
        record = records.get(row.stockrecord_id)
        reason = None
        if record is None:
            reason = _("商品不存在")
        elif row.delivery_address_id not in address_ids:
            reason = _("收货地址不属于本单位")
        else:
            reason = delivery_date_problem(row.delivery_date, today=today)
        if reason is None:
            identity = (row.stockrecord_id, row.delivery_address_id, row.delivery_date)
            if identity in seen:
                reason = _("重复：同一商品、收货地址和到货日期已在前面出现")
            seen.add(identity)
        reason = reason or quantity_problem(row.quantity)
        if reason is None:
            quantity = int(row.quantity)
            reason = line_problems(
                record, quantity, orderable_ids=orderable_ids, held=held[row.stockrecord_id]
            )
            held[row.stockrecord_id] += quantity
        if reason:
            problems.append((row.key, reason))
    return problems, records


@transaction.atomic
def purchase_orders_create_bulk(*, organisation, by, rows, source=PurchaseOrderSource.EXCEL):
    """Draft purchase orders of ``organisation`` by the 采购员 ``by``, one per (delivery address,
    date) of ``rows`` (:class:`DraftRow`) in the order they first appear, priced at the tier
    prices, with each row's note on its line; a fixed number of queries however many rows and
    orders. Returns the orders.

    All or nothing: raises ``LinesRefused`` whose ``problems`` are every ``(key, reason)`` of
    :func:`purchase_order_rows_check` (or ``NotPermitted``, ``OrganisationNotVerified``) and
    saves nothing then.
    """
    problems, records = purchase_order_rows_check(organisation=organisation, by=by, rows=rows)
    if problems:
        raise LinesRefused(problems)
    if not rows:
        raise LinesRefused([], _("采购单至少要有一种商品。"))
    addresses = organisation.addresses.in_bulk({row.delivery_address_id for row in rows})
    grouped = defaultdict(list)
    for row in rows:
        grouped[(row.delivery_address_id, row.delivery_date)].append(row)
    orders, order_lines = [], []
    for (address_id, delivery_date), group in grouped.items():
        address, goods, partners = addresses[address_id], Decimal("0.00"), {}
        purchase_order = PurchaseOrder(
            number=f"tmp-{uuid.uuid4().hex[:28]}",
            organisation=organisation,
            source=source,
            delivery_address=address,
            delivery_date=delivery_date,
            created_by=by,
        )
        for row in group:
            record, quantity = records[row.stockrecord_id], int(row.quantity)
            price = line_price(record, quantity)
            goods += price.unit_price * quantity
            partners.setdefault(record.partner_id, record.partner)
            order_lines.append(
                PurchaseOrderLine(
                    purchase_order=purchase_order,
                    product_id=record.product_id,
                    stockrecord=record,
                    quantity=quantity,
                    unit_price=price.unit_price,
                    retail_price=price.retail_price,
                    note=row.note[:200],
                )
            )
        purchase_order.goods_total = goods
        purchase_order.delivery_total = sum(
            (delivery_for(partner, address)[1] for partner in partners.values()), Decimal("0.00")
        )
        orders.append(purchase_order)
    PurchaseOrder.objects.bulk_create(orders)
    today = timezone.localdate()
    for purchase_order in orders:
        purchase_order.number = f"CG{today:%Y%m%d}{purchase_order.pk:06d}"
    PurchaseOrder.objects.bulk_update(orders, ["number"])
    PurchaseOrderLine.objects.bulk_create(order_lines)
    TransitionEvent.objects.bulk_create(
        TransitionEvent(
            purchase_order=purchase_order,
            from_state="",
            to_state=PurchaseOrderState.DRAFT,
            actor=by,
            comment=PurchaseOrderSource(source).label,
        )
        for purchase_order in orders
    )
    return orders


# --- Approval: the split into supplier orders ---------------------------------------------------


def _stock_lock(lines):
    """Locks the stock records of ``lines`` in id order (as the shop's checkout does, so the two
    never wait on each other in a cycle) and returns them by id."""
    ids = sorted({line.stockrecord_id for line in lines})
    locked = StockRecord.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    return {record.pk: record for record in locked}


def _approve(purchase_order, *, actor, comment):
    lines = list(purchase_order.lines.select_related("product").order_by("pk"))
    records = _stock_lock(lines)
    short = []
    for line in lines:
        record = records[line.stockrecord_id]
        available = record.net_stock_level
        if line.quantity > available:
            short.append(
                (
                    line.product.get_title(),
                    _("需要 %(need)s，库存可用 %(available)s，差 %(short)s")
                    % {
                        "need": line.quantity,
                        "available": max(available, 0),
                        "short": line.quantity - max(available, 0),
                    },
                )
            )
    if short:
        raise StockShort(short)
    # A cooperative suspended or a product unlisted since submission stops the approval too.
    lines_check(
        [(line.stockrecord_id, line.quantity) for line in lines],
        quoted=frozenset(line.stockrecord_id for line in lines if line.quote_answer_id),
    )
    purchase_order.decided_by, purchase_order.decided_at = actor, timezone.now()
    transition_apply(purchase_order, "approve", actor=actor, comment=comment)
    supplier_orders = _split(purchase_order, lines, records, actor=actor)
    emails.email_later(
        emails.PURCHASE_ORDER_APPROVED,
        users=[purchase_order.submitted_by or purchase_order.created_by],
        purchase_order=purchase_order,
    )
    for supplier_order in supplier_orders:
        emails.email_later(
            emails.PURCHASE_ORDER_APPROVED,
            users=emails.cooperative_staff(supplier_order.partner),
            purchase_order=purchase_order,
            supplier_order=supplier_order,
        )
    return purchase_order


def _shipping_address(delivery_address):
    """The order's own copy of ``delivery_address`` (Oscar's user-address-to-shipping-address
    copy), so a later edit of the organisation's address never rewrites a placed order."""
    address = ShippingAddress()
    delivery_address.populate_alternative_model(address)
    address.save()
    return address


def _split(purchase_order, lines, records, *, actor):
    """One Oscar order (待确认, institutional) per cooperative with its lines, their stock
    allocated, and the supplier order that owns it. Bulk writes: a constant number of queries
    per cooperative, not per line."""
    by_partner = defaultdict(list)
    for line in lines:
        by_partner[records[line.stockrecord_id].partner_id].append(line)
    site = Site.objects.get_current()
    buyer = purchase_order.submitted_by or purchase_order.created_by
    order_lines, supplier_orders, links = [], [], []
    for index, partner_id in enumerate(sorted(by_partner), start=1):
        partner_lines = by_partner[partner_id]
        partner = records[partner_lines[0].stockrecord_id].partner
        method, fee = delivery_for(partner, purchase_order.delivery_address)
        goods = sum((line.unit_price * line.quantity for line in partner_lines), Decimal("0.00"))
        order = Order.objects.create(
            number=f"{purchase_order.number}-{index:02d}",
            site=site,
            user=buyer,
            currency="CNY",
            total_incl_tax=goods + fee,
            total_excl_tax=goods + fee,
            shipping_incl_tax=fee,
            shipping_excl_tax=fee,
            shipping_method=method.label,
            shipping_code=method.value,
            shipping_address=_shipping_address(purchase_order.delivery_address),
            status=OrderStatus.AWAITING_CONFIRMATION,
            channel=OrderChannel.INSTITUTIONAL,
        )
        supplier_orders.append(
            SupplierOrder(
                purchase_order=purchase_order,
                partner=partner,
                order=order,
                delivery_method=method,
                delivery_fee=fee,
            )
        )
        for line in partner_lines:
            record = records[line.stockrecord_id]
            total = line.unit_price * line.quantity
            order_lines.append(
                Line(
                    order=order,
                    partner=partner,
                    partner_name=partner.name,
                    partner_sku=record.partner_sku,
                    stockrecord=record,
                    product=line.product,
                    title=line.product.get_title(),
                    upc=line.product.upc,
                    quantity=line.quantity,
                    line_price_excl_tax=total,
                    line_price_incl_tax=total,
                    line_price_before_discounts_excl_tax=total,
                    line_price_before_discounts_incl_tax=total,
                    unit_price_incl_tax=line.unit_price,
                    unit_price_excl_tax=line.unit_price,
                    num_allocated=line.quantity,
                )
            )
            links.append(line)
            record.num_allocated = (record.num_allocated or 0) + line.quantity
    Line.objects.bulk_create(order_lines)
    SupplierOrder.objects.bulk_create(supplier_orders)
    StockRecord.objects.bulk_update(list(records.values()), ["num_allocated"])
    by_order = {supplier_order.order_id: supplier_order for supplier_order in supplier_orders}
    SupplierOrderLine.objects.bulk_create(
        SupplierOrderLine(
            supplier_order=by_order[order_line.order_id], line=order_line, purchase_order_line=po_line
        )
        for order_line, po_line in zip(order_lines, links, strict=True)
    )
    TransitionEvent.objects.bulk_create(
        TransitionEvent(
            purchase_order=purchase_order,
            supplier_order=supplier_order,
            from_state="",
            to_state=SupplierOrderState.AWAITING_CONFIRMATION,
            actor=actor,
        )
        for supplier_order in supplier_orders
    )
    return supplier_orders


# --- The cooperative's side ---------------------------------------------------------------------


def _supplier_order_locked(supplier_order):
    order = Order.objects.select_for_update().get(pk=supplier_order.order_id)
    supplier_order = (
        SupplierOrder.objects.select_for_update().select_related("purchase_order").get(pk=supplier_order.pk)
    )
    return supplier_order, order


def _cooperative_require(user, supplier_order):
    if not (is_operator(user) or supplier_order.partner.users.filter(pk=user.pk).exists()):
        raise NotPermitted(_("这张供货单不属于你的合作社。"))


def _lines_resize(supplier_order, order):
    """Sets each Oscar line to its confirmed quantity, gives back the stock of the rest, and
    recomputes the order's totals: the order then holds what will be sold, and no more."""
    releasing, quantities = [], []
    for supplier_line in supplier_order.lines.select_related("line"):
        line = supplier_line.line
        shortfall = line.quantity - supplier_line.confirmed_quantity
        if shortfall > 0:
            releasing.append(line)
            quantities.append(shortfall)
    order_stock_release(order, lines=releasing, quantities=quantities)
    for line, shortfall in zip(releasing, quantities, strict=True):
        line.refresh_from_db(fields=["num_allocated"])
        line.quantity -= shortfall
        total = line.unit_price_incl_tax * line.quantity
        line.line_price_incl_tax = line.line_price_excl_tax = total
        line.line_price_before_discounts_incl_tax = line.line_price_before_discounts_excl_tax = total
        line.save()
    goods = sum((line.line_price_incl_tax for line in order.lines.all()), Decimal("0.00"))
    order.total_incl_tax = order.total_excl_tax = goods + order.shipping_incl_tax
    order.save(update_fields=["total_incl_tax", "total_excl_tax"])


def _confirmed(supplier_order, order, *, actor, comment):
    order_status_change(order=order, to=OrderStatus.CONFIRMED, actor=actor, reason=comment)
    parcels_create(order)


def _confirmed_email(supplier_order):
    """Tells the buyer's 采购员 what the cooperative confirmed (in full, or less: they decide)."""
    organisation = supplier_order.purchase_order.organisation
    emails.email_later(
        emails.SUPPLIER_ORDER_CONFIRMED,
        users=emails.members_with_role(organisation, Role.BUYER),
        supplier_order=supplier_order,
    )


@transaction.atomic
def supplier_order_confirm(*, supplier_order, by, quantities=None, reason=""):
    """The cooperative's ``by`` confirms ``supplier_order``: in full when ``quantities``
    (``{supplier line id: quantity}``) is None or equal to what was ordered, else with
    ``reason`` (required) for the buyer to accept or cancel. Raises ``NotPermitted``,
    ``TransitionRefused`` or ``ProcurementError`` (a quantity above the order, below 0, or no reason)."""
    _cooperative_require(by, supplier_order)
    supplier_order, order = _supplier_order_locked(supplier_order)
    if supplier_order.state != SupplierOrderState.AWAITING_CONFIRMATION:
        raise TransitionRefused(
            _("供货单是“%(state)s”，不能再确认。") % {"state": supplier_order.get_state_display()}
        )
    quantities = quantities or {}
    lines = list(supplier_order.lines.select_related("line"))
    short = False
    for supplier_line in lines:
        ordered = supplier_line.line.quantity
        confirmed = quantities.get(supplier_line.pk, ordered)
        if isinstance(confirmed, bool) or not isinstance(confirmed, int) or not 0 <= confirmed <= ordered:
            raise ProcurementError(
                _("“%(title)s”的确认数量应在 0 到 %(ordered)s 之间。")
                % {"title": supplier_line.line.title, "ordered": ordered}
            )
        short = short or confirmed < ordered
        supplier_line.confirmed_quantity = confirmed
    if short and not (reason or "").strip():
        raise ProcurementError(_("少于订购数量时请填写原因。"))
    if short and not any(supplier_line.confirmed_quantity for supplier_line in lines):
        raise ProcurementError(_("一件都不能供应时请直接取消供货单。"))
    SupplierOrderLine.objects.bulk_update(lines, ["confirmed_quantity"])
    if short:
        supplier_order.confirm_reason = reason.strip()[:200]
        transition_apply(supplier_order, "confirm_short", actor=by, comment=supplier_order.confirm_reason)
    else:
        transition_apply(supplier_order, "confirm", actor=by)
        _confirmed(supplier_order, order, actor=by, comment=_("合作社确认供货"))
    _confirmed_email(supplier_order)
    return supplier_order


@transaction.atomic
def supplier_order_short_accept(*, supplier_order, by):
    """The 采购员 ``by`` accepts the smaller quantities the cooperative confirmed: the rest of the
    stock goes back and the order's lines and totals become the confirmed ones."""
    role_require(by, supplier_order.purchase_order.organisation, Role.BUYER)
    supplier_order, order = _supplier_order_locked(supplier_order)
    if supplier_order.state != SupplierOrderState.SHORT_CONFIRMED:
        raise TransitionRefused(_("供货单不在等待确认数量。"))
    _lines_resize(supplier_order, order)
    transition_apply(supplier_order, "accept_short", actor=by, comment=_("采购方接受少供数量"))
    _confirmed(supplier_order, order, actor=by, comment=_("采购方接受少供数量"))
    _confirmed_email(supplier_order)
    return supplier_order


@transaction.atomic
def supplier_order_cancel(*, supplier_order, by, comment=""):
    """Cancels a supplier order not yet shipped, by the buyer's 采购员, its cooperative or an
    operator: its stock goes back; the purchase order closes when nothing of it is left open."""
    organisation = supplier_order.purchase_order.organisation
    if not user_has_role(by, organisation, Role.BUYER):
        _cooperative_require(by, supplier_order)
    supplier_order, order = _supplier_order_locked(supplier_order)
    transition_apply(supplier_order, "cancel", actor=by, comment=comment)
    order_close(order, to=OrderStatus.CANCELLED, actor=by, reason=comment or _("供货单取消"))
    purchase_order_close_if_finished(supplier_order.purchase_order, actor=by)
    return supplier_order


def supplier_order_shipped(*, order, user):
    """Follows the shop's parcel tools: when the last parcel of a supplier order's Oscar order
    ships, the supplier order is 已发货 (``shop.order.signals.parcel_shipped``)."""
    supplier_order = SupplierOrder.objects.filter(order=order).first()
    if supplier_order is None or order.status != OrderStatus.SHIPPED:
        return None
    transition_apply(supplier_order, "ship", actor=user, comment=_("所有包裹已发货"))
    organisation = supplier_order.purchase_order.organisation
    emails.email_later(
        emails.SUPPLIER_ORDER_SHIPPED,
        users=[
            *emails.members_with_role(organisation, Role.BUYER),
            *emails.members_with_role(organisation, Role.RECEIVER),
        ],
        supplier_order=supplier_order,
    )
    return supplier_order


@transaction.atomic
def supplier_order_deliver(*, supplier_order, by):
    """送达: the cooperative (or the buyer's 验收员 on arrival) records that the shipped goods
    reached the delivery address; what was delivered is what was shipped."""
    organisation = supplier_order.purchase_order.organisation
    if not user_has_role(by, organisation, Role.RECEIVER):
        _cooperative_require(by, supplier_order)
    supplier_order, _order = _supplier_order_locked(supplier_order)
    lines = list(supplier_order.lines.select_related("line"))
    for supplier_line in lines:
        supplier_line.delivered_quantity = supplier_line.line.quantity
    transition_apply(supplier_order, "deliver", actor=by)
    SupplierOrderLine.objects.bulk_update(lines, ["delivered_quantity"])
    return supplier_order


@transaction.atomic
def supplier_order_receive(*, supplier_order, by, receipts, comment=""):
    """验收 by the 验收员 ``by``: ``receipts`` is ``{supplier line id: (accepted, reason, note)}``;
    the rest of each delivered quantity is rejected with ``reason`` (required then). Fixes the
    accepted total (accepted × line price + delivery fee) that is invoiced and settled, and
    completes the Oscar order. Raises ``NotPermitted``, ``TransitionRefused`` or
    ``ProcurementError`` (more than delivered, below 0, a rejection without a reason)."""
    role_require(by, supplier_order.purchase_order.organisation, Role.RECEIVER)
    supplier_order, order = _supplier_order_locked(supplier_order)
    if supplier_order.state == SupplierOrderState.SHIPPED:
        supplier_order_deliver(supplier_order=supplier_order, by=by)
        supplier_order.refresh_from_db()
    if supplier_order.state != SupplierOrderState.DELIVERED:
        raise TransitionRefused(
            _("供货单是“%(state)s”，不能验收。") % {"state": supplier_order.get_state_display()}
        )
    lines = list(supplier_order.lines.select_related("line"))
    accepted_total = supplier_order.delivery_fee
    for supplier_line in lines:
        delivered = supplier_line.delivered_quantity or 0
        accepted, reason, note = receipts.get(supplier_line.pk, (delivered, "", ""))
        title = supplier_line.line.title
        if isinstance(accepted, bool) or not isinstance(accepted, int) or not 0 <= accepted <= delivered:
            raise ProcurementError(
                _("“%(title)s”的验收数量应在 0 到送达数量 %(delivered)s 之间。")
                % {"title": title, "delivered": delivered}
            )
        if accepted < delivered and not (reason or "").strip():
            raise ProcurementError(_("“%(title)s”有拒收数量，请填写拒收原因。") % {"title": title})
        supplier_line.accepted_quantity = accepted
        supplier_line.rejected_quantity = delivered - accepted
        supplier_line.rejection_reason = (reason or "").strip()[:200]
        supplier_line.quality_note = (note or "").strip()[:500]
        accepted_total += supplier_line.line.unit_price_incl_tax * accepted
    SupplierOrderLine.objects.bulk_update(
        lines, ["accepted_quantity", "rejected_quantity", "rejection_reason", "quality_note"]
    )
    supplier_order.accepted_total = accepted_total
    transition_apply(supplier_order, "accept", actor=by, comment=comment, update_fields=["accepted_total"])
    ledger_acceptance_enter(supplier_order)
    order_stock_release(order)
    order_status_change(order=order, to=OrderStatus.COMPLETED, actor=by, reason=_("采购方验收"))
    return supplier_order


def purchase_order_close_if_finished(purchase_order, *, actor=None):
    """Closes an approved purchase order once every supplier order is closed or cancelled."""
    purchase_order = PurchaseOrder.objects.select_for_update().get(pk=purchase_order.pk)
    if purchase_order.state != PurchaseOrderState.APPROVED:
        return purchase_order
    if purchase_order.supplier_orders.exclude(state__in=FINISHED_SUPPLIER_STATES).exists():
        return purchase_order
    return transition_apply(purchase_order, "close", actor=actor, comment=_("所有供货单已结束"))


# --- Delivery terms -----------------------------------------------------------------------------

#: A per-delivery fee above this is surely a typing slip (an amount in fen, a missing point).
DELIVERY_FEE_MAX = Decimal("10000.00")


@transaction.atomic
def delivery_terms_update(*, partner, by, own_delivery_fee, courier_fee):
    """Sets how ``partner`` charges institutional deliveries: ``own_delivery_fee`` per delivery
    of its own within 随县 (0: free) and ``courier_fee`` per courier delivery outside it; buyers
    see them before submitting and they are charged on supplier orders split from then on.
    Raises ``NotPermitted`` unless ``by`` works for ``partner`` (or is an operator), and
    ``ProcurementError`` for a fee below 0, above ``DELIVERY_FEE_MAX`` or with fractions of a fen."""
    if not (is_operator(by) or partner.users.filter(pk=by.pk).exists()):
        raise NotPermitted(_("只能设置本合作社的配送条款。"))
    fees = {"own_delivery_fee": own_delivery_fee, "courier_fee": courier_fee}
    for name, fee in fees.items():
        label = CooperativeDeliveryTerms._meta.get_field(name).verbose_name
        if fee is None or fee < 0 or fee > DELIVERY_FEE_MAX or fee != fee.quantize(Decimal("0.01")):
            message = _("%(label)s应在 0 到 %(max)s 元之间，最多两位小数。")
            raise ProcurementError(message % {"label": label, "max": DELIVERY_FEE_MAX})
    terms, _created = CooperativeDeliveryTerms.objects.update_or_create(partner=partner, defaults=fees)
    return terms
