"""Writing the ledger: the services that move money call these inside their own transaction, so
an entry exists exactly when the payment, refund or 验收 it records does. Every entry is written
by ``ledger_entries_file``, which adds it to its month's row of the roll-up (``LedgerMonth``) in
the same transaction, so the reports read sums that are never behind the entries."""

import decimal
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from procurement.campaigns.models import CampaignGrant
from procurement.constants import SupplierOrderState
from procurement.models import SupplierOrder, TransitionEvent
from procurement.selectors import LEDGER_TIME_ZONE
from shop.order.constants import OrderChannel
from shop.payments.constants import PAYMENT_EVENT, RefundStatus
from shop.payments.models import AlipayRefund
from shop.payments.services import line_refund_amount

from .models import LEDGER_MONTH_KEY, NO_DIMENSION, LedgerChannel, LedgerEntry, LedgerEntryKind, LedgerMonth

CENT = decimal.Decimal("0.01")
OrderDiscount = get_model("order", "OrderDiscount")
PaymentEvent = get_model("order", "PaymentEvent")


def _beijing_day(moment):
    return timezone.localtime(moment, LEDGER_TIME_ZONE).date()


def line_attribution(line):
    """Where ``line``'s money went, as the ledger files it: the cooperative that sold it, the
    product's origin area (else the first area its cooperative serves) and the product's
    top-level category."""
    product = line.product
    area_id = getattr(product, "origin_area_id", None)
    cooperative = getattr(line.partner, "cooperative", None) if line.partner_id else None
    if area_id is None and cooperative is not None:
        first = cooperative.areas.order_by("town", "name").first()
        area_id = first.pk if first else None
    category = product.categories.order_by("path").first() if product is not None else None
    root_id = None
    if category is not None:
        root_id = category.pk if category.is_root() else category.get_root().pk
    return {"partner_id": line.partner_id, "area_id": area_id, "category_id": root_id}


def _entry(
    line, *, kind, channel, quantity, amount, occurred_at, organisation=None, refund=None, campaign=None
):
    return LedgerEntry(
        line=line,
        kind=kind,
        channel=channel,
        organisation=organisation,
        campaign=campaign,
        refund=refund,
        quantity=quantity,
        amount=amount,
        occurred_at=occurred_at,
        occurred_on=_beijing_day(occurred_at),
        **line_attribution(line),
    )


@transaction.atomic
def ledger_entries_file(entries):
    """Writes ``entries`` (unsaved ``LedgerEntry`` rows) and adds their sums to their months'
    rows of the roll-up, creating the rows a month has not had yet. Returns the saved entries."""
    if not entries:
        return []
    entries = LedgerEntry.objects.bulk_create(entries)
    _months_add(entries)
    return entries


def _month_key(entry):
    """``entry``'s row of the roll-up, as the values of ``LEDGER_MONTH_KEY``."""
    return (
        entry.occurred_on.replace(day=1),
        entry.channel,
        entry.kind == LedgerEntryKind.REFUND,
        entry.partner_id,
        entry.area_id or NO_DIMENSION,
        entry.organisation_id or NO_DIMENSION,
        entry.category_id or NO_DIMENSION,
    )


#: Rows per upsert statement: far more than an order has lines, far fewer than SQLite's limit of
#: bound parameters (32,766).
UPSERT_ROWS = 1000
#: The roll-up's columns as the upsert and the rebuild write them.
MONTH_COLUMNS = (*LEDGER_MONTH_KEY, "amount", "quantity", "entries")


def _months_add(entries):
    """Adds ``entries``' sums to the roll-up with one ``INSERT … ON CONFLICT DO UPDATE`` (the
    same statement on SQLite and PostgreSQL): a new month's row is inserted, an existing one
    incremented by the database, so concurrent writers of the same row add up instead of one
    overwriting the other. The rows go in the order of their key, so two transactions lock the
    rows they share in the same order and never wait for each other in a cycle."""
    sums = defaultdict(lambda: [decimal.Decimal("0.00"), 0, 0])
    for entry in entries:
        row = sums[_month_key(entry)]
        row[0] += entry.amount
        row[1] += entry.quantity
        row[2] += 1
    rows = sorted(sums.items())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            params = []
            for (month, *dimensions), (amount, quantity, count) in chunk:
                month = connection.ops.adapt_datefield_value(month)
                amount = connection.ops.adapt_decimalfield_value(amount, 14, 2)
                params += [month, *dimensions, amount, quantity, count]
            cursor.execute(_upsert_sql(len(chunk)), params)


def _upsert_sql(rows):
    """The upsert of ``rows`` rows into the roll-up."""
    table = LedgerMonth._meta.db_table
    row = "(" + ", ".join(["%s"] * len(MONTH_COLUMNS)) + ")"
    return (
        f"INSERT INTO {table} ({', '.join(MONTH_COLUMNS)}) VALUES {', '.join([row] * rows)} "
        f"ON CONFLICT ({', '.join(LEDGER_MONTH_KEY)}) DO UPDATE SET "
        f"amount = {table}.amount + excluded.amount, "
        f"quantity = {table}.quantity + excluded.quantity, "
        f"entries = {table}.entries + excluded.entries"
    )


@transaction.atomic
def ledger_months_rebuild():
    """Computes the roll-up again from the entries, with one ``INSERT … SELECT … GROUP BY``:
    for a database whose entries were written or removed without ``ledger_entries_file`` (a
    restore, the demo's refiling, a bulk load). Returns the number of rows of the roll-up."""
    LedgerMonth.objects.all().delete()
    # Every value has an alias of its own, so the INSERT takes them by name, whatever order the
    # ORM writes the SELECT's columns in.
    grouped = (
        LedgerEntry.objects.values(
            r_month=TruncMonth("occurred_on"),
            r_channel=F("channel"),
            r_is_refund=ExpressionWrapper(Q(kind=LedgerEntryKind.REFUND), output_field=BooleanField()),
            r_partner=F("partner_id"),
            r_area=Coalesce("area_id", Value(NO_DIMENSION)),
            r_organisation=Coalesce("organisation_id", Value(NO_DIMENSION)),
            r_category=Coalesce("category_id", Value(NO_DIMENSION)),
        )
        .annotate(r_amount=Sum("amount"), r_quantity=Sum("quantity"), r_entries=Count("pk"))
        .order_by()
    )
    sql, params = grouped.query.sql_with_params()
    aliases = "r_month, r_channel, r_is_refund, r_partner, r_area, r_organisation, r_category"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {LedgerMonth._meta.db_table} ({', '.join(MONTH_COLUMNS)}) "
            f"SELECT {aliases}, r_amount, r_quantity, r_entries FROM ({sql}) grouped",
            params,
        )
        return cursor.rowcount


def ledger_sale_enter(order, *, occurred_at=None):
    """Files the sale of every line of the paid retail ``order``: what the shopper paid for it
    (after discounts, without carriage), and apart from it, under the union, what a union's
    welfare voucher paid of it. Once per line: a second call adds nothing."""
    if order.channel != OrderChannel.RETAIL:
        return []
    occurred_at = occurred_at or timezone.now()
    lines = [
        line
        for line in order.lines.select_related("partner__cooperative", "product").order_by("pk")
        if not line.ledger_entries.filter(kind=LedgerEntryKind.SALE).exists()
    ]
    entries = [
        _entry(
            line,
            kind=LedgerEntryKind.SALE,
            channel=LedgerChannel.RETAIL,
            quantity=line.quantity,
            amount=line.line_price_incl_tax.quantize(CENT),
            occurred_at=occurred_at,
        )
        for line in lines
    ]
    entries += _welfare_entries(order, lines, occurred_at=occurred_at)
    return ledger_entries_file(entries)


def _welfare_entries(order, lines, *, occurred_at):
    """What the union campaign vouchers on ``order`` paid of ``lines``: each voucher's discount
    shared over the lines in proportion to their discounts (to the cent, adding up to the
    discount), filed under the campaign's union."""
    discounts = list(order.discounts.filter(category=OrderDiscount.BASKET, voucher_id__isnull=False))
    grants = {
        grant.voucher_id: grant
        for grant in CampaignGrant.objects.filter(
            voucher_id__in=[discount.voucher_id for discount in discounts]
        ).select_related("campaign")
    }
    weights = {line.pk: line.discount_incl_tax for line in lines if line.discount_incl_tax > 0}
    by_pk = {line.pk: line for line in lines}
    entries = []
    for discount in discounts:
        grant = grants.get(discount.voucher_id)
        if grant is None or not weights:
            continue
        for line_id, share in sorted(_shares(discount.amount, weights).items()):
            if share:
                entries.append(
                    _entry(
                        by_pk[line_id],
                        kind=LedgerEntryKind.VOUCHER,
                        channel=LedgerChannel.WELFARE,
                        organisation=grant.campaign.organisation,
                        campaign=grant.campaign,
                        quantity=0,
                        amount=share,
                        occurred_at=occurred_at,
                    )
                )
    return entries


def _shares(total, weights):
    """``total`` (yuan) split over ``weights`` (``{key: weight}``) in proportion, in whole cents
    that add up to ``total`` exactly: each gets its share rounded down, and the cents left over
    go to the largest remainders (ties to the smaller key)."""
    weight_sum = sum(weights.values())
    if not weight_sum:
        return dict.fromkeys(weights, decimal.Decimal("0.00"))
    cents = int((total / CENT).to_integral_value(decimal.ROUND_HALF_UP))
    exact = {key: decimal.Decimal(cents) * weight / weight_sum for key, weight in weights.items()}
    floors = {key: int(value.to_integral_value(decimal.ROUND_FLOOR)) for key, value in exact.items()}
    left = cents - sum(floors.values())
    for key in sorted(weights, key=lambda key: (floors[key] - exact[key], key))[:left]:
        floors[key] += 1
    return {key: decimal.Decimal(value) * CENT for key, value in floors.items()}


def _line_standing(order):
    """``{line id: (net amount, net units)}`` of what the shopper paid for ``order``'s lines, as
    the ledger has them (a union voucher's part is not theirs to be refunded)."""
    rows = (
        LedgerEntry.objects.filter(line__order=order, channel=LedgerChannel.RETAIL)
        .values("line_id")
        .annotate(amount=Sum("amount"), units=Sum("quantity"))
        .order_by()
    )
    return {row["line_id"]: (row["amount"], row["units"]) for row in rows}


def ledger_refund_enter(refund):
    """Nets the succeeded ``refund`` from the lines it gave money back for.

    The goods part of the refund — at most what its units were paid, the rest being carriage —
    is shared over its lines in proportion to what those units were paid; a refund of an amount
    without units is shared over the order's lines in proportion to what is left of each. No
    line goes below zero, and a refund of an order the ledger never sold (a payment that came
    after the order was closed) files nothing. Once per refund."""
    order = refund.order
    if refund.ledger_entries.exists():
        return []
    standing = _line_standing(order)
    if not standing:
        return []
    lines = {line.pk: line for line in order.lines.select_related("partner__cooperative", "product")}
    units = {int(line_id): quantity for line_id, quantity in (refund.line_quantities or {}).items()}
    if units:
        weights = {
            line_id: line_refund_amount(
                lines[line_id], quantity, already=lines[line_id].quantity - standing[line_id][1]
            )
            for line_id, quantity in units.items()
            if line_id in standing
        }
    else:
        weights = {line_id: amount for line_id, (amount, _units) in standing.items() if amount > 0}
    goods = min(refund.amount, sum(weights.values(), decimal.Decimal("0.00")))
    shares = _shares(goods, weights)
    occurred_at = refund.completed_at or timezone.now()
    entries = [
        _entry(
            lines[line_id],
            kind=LedgerEntryKind.REFUND,
            channel=LedgerChannel.RETAIL,
            quantity=-units.get(line_id, 0),
            amount=-min(share, standing[line_id][0]),
            occurred_at=occurred_at,
            refund=refund,
        )
        for line_id, share in sorted(shares.items())
        if share or units.get(line_id)
    ]
    refunded = {entry.line_id: -entry.amount for entry in entries}
    entries += _welfare_refund_entries(
        order, lines, units, standing, refunded, refund=refund, occurred_at=occurred_at
    )
    return ledger_entries_file(entries)


def _welfare_refund_entries(order, lines, units, standing, refunded, *, refund, occurred_at):
    """The union's part of the units ``refund`` takes back, so a campaign's settlement pays for
    no goods that came back: what those units are worth of the line's standing value (the
    shopper's part and the union's, shared by units not refunded before; all of it with the
    last unit) less what the shopper got back for them (``refunded``), within the union's part.
    A refund of an amount without units gives the shopper money back and leaves the union's
    part alone."""
    welfare = defaultdict(lambda: decimal.Decimal("0.00"))
    campaigns = {}
    for entry in LedgerEntry.objects.filter(line__order=order, channel=LedgerChannel.WELFARE).select_related(
        "campaign"
    ):
        welfare[entry.line_id] += entry.amount
        campaigns[entry.line_id] = entry.campaign
    entries = []
    for line_id, quantity in sorted(units.items()):
        left_units = standing[line_id][1] if line_id in standing else 0
        if welfare[line_id] <= 0 or left_units <= 0:
            continue
        value = standing[line_id][0] + welfare[line_id]
        worth = (value * min(quantity, left_units) / left_units).quantize(CENT)
        share = min(max(worth - refunded.get(line_id, 0), decimal.Decimal("0.00")), welfare[line_id])
        campaign = campaigns[line_id]
        entries.append(
            _entry(
                lines[line_id],
                kind=LedgerEntryKind.REFUND,
                channel=LedgerChannel.WELFARE,
                organisation=campaign.organisation if campaign else None,
                campaign=campaign,
                quantity=0,
                amount=-share,
                occurred_at=occurred_at,
                refund=refund,
            )
        )
    return entries


def ledger_acceptance_enter(supplier_order, *, occurred_at=None):
    """Files the 验收 of ``supplier_order``: per line, the accepted units at the line's price
    (rejected units are not sold; the delivery fee is carriage, not goods). Once per line. The
    gift packs of a union's welfare campaign are filed under the campaign, as 工会福利."""
    occurred_at = occurred_at or timezone.now()
    purchase_order = supplier_order.purchase_order
    organisation = purchase_order.organisation
    campaign = purchase_order.campaign
    channel = LedgerChannel.WELFARE if campaign is not None else LedgerChannel.INSTITUTIONAL
    done = set(
        LedgerEntry.objects.filter(
            line__supplier_line__supplier_order=supplier_order, kind=LedgerEntryKind.ACCEPTANCE
        ).values_list("line_id", flat=True)
    )
    entries = [
        _entry(
            supplier_line.line,
            kind=LedgerEntryKind.ACCEPTANCE,
            channel=channel,
            organisation=organisation,
            campaign=campaign,
            quantity=supplier_line.accepted_quantity,
            amount=(supplier_line.line.unit_price_incl_tax * supplier_line.accepted_quantity).quantize(CENT),
            occurred_at=occurred_at,
        )
        for supplier_line in supplier_order.lines.select_related(
            "line__partner__cooperative", "line__product"
        )
        if supplier_line.accepted_quantity and supplier_line.line_id not in done
    ]
    return ledger_entries_file(entries)


def ledger_rebuild():
    """Files what the ledger is missing from the records the money left: every paid retail
    order (its payment event), every succeeded refund (in the order they were made) and every
    accepted supplier order. For a database that had orders before the ledger existed, or whose
    entries were removed to be filed again; what is filed already is left alone, and the roll-up
    is computed again from all the entries. Returns the number of entries written."""
    written = 0
    paid_at = defaultdict(lambda: None)
    for event in PaymentEvent.objects.filter(
        event_type__code=PAYMENT_EVENT[0], order__channel=OrderChannel.RETAIL
    ).select_related("order"):
        if paid_at[event.order_id] is None:
            paid_at[event.order_id] = event.date_created
            written += len(ledger_sale_enter(event.order, occurred_at=event.date_created))
    for refund in AlipayRefund.objects.filter(status=RefundStatus.SUCCEEDED).order_by("completed_at", "pk"):
        written += len(ledger_refund_enter(refund))
    accepted = TransitionEvent.objects.filter(
        supplier_order__isnull=False, to_state=SupplierOrderState.ACCEPTED
    )
    for supplier_order in SupplierOrder.objects.filter(accepted_total__isnull=False):
        event = accepted.filter(supplier_order=supplier_order).order_by("at").first()
        written += len(ledger_acceptance_enter(supplier_order, occurred_at=event.at if event else None))
    ledger_months_rebuild()
    return written
