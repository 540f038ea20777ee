"""Read side of payments: what an order can still be refunded, and the late Alipay payments an
operator has to refund.

A payment is late when Alipay's notify arrives for an order already closed (已取消), or for an
order another trade has already paid (the shopper paid twice): the money is recorded on the
order's payment source and an ``AlipayNotice`` with outcome ``LATE`` or ``SECOND_PAYMENT`` is
kept (see ``services.payment_record``). The list is built in one query per page, whatever its
length: every figure is a correlated subquery, never a query per row.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Case, Count, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .constants import REFUND_OPEN_STATUSES, SOURCE_TYPE, NoticeOutcome, RefundStatus
from .models import AlipayNotice, AlipayRefund

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")

MONEY = DecimalField(max_digits=12, decimal_places=2)


class LatePaymentStatus(models.TextChoices):
    """Where a late payment stands, as the operator acts on it."""

    #: Money is left to refund (also when part of it is already being refunded).
    AWAITING = "awaiting", _("待退款")
    #: Nothing left to refund, but a refund has not been confirmed by Alipay yet.
    PROCESSING = "processing", _("退款处理中")
    REFUNDED = "refunded", _("已退款")


def _zero():
    return Value(Decimal("0.00"), output_field=MONEY)


def _money(subquery):
    """``subquery``'s single value as money, 0 when it finds no row."""
    return Coalesce(Subquery(subquery, output_field=MONEY), _zero(), output_field=MONEY)


LATE_OUTCOMES = (NoticeOutcome.LATE, NoticeOutcome.SECOND_PAYMENT)


def _late_notices(order_ref):
    return AlipayNotice.objects.filter(order=order_ref, outcome__in=LATE_OUTCOMES)


def _late_amount():
    """What the late trades debited: the source's debits whose trade has a late notice (an order
    also paid on time keeps that payment out of the figure)."""
    late_trades = _late_notices(OuterRef(OuterRef("pk"))).values("trade_no")
    debits = (
        Transaction.objects.filter(
            source__order=OuterRef("pk"), txn_type=Transaction.DEBIT, reference__in=late_trades
        )
        .order_by()
        .values("source__order")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return _money(debits)


def _pending_refunds():
    pending = (
        AlipayRefund.objects.filter(order=OuterRef("pk"), status__in=REFUND_OPEN_STATUSES)
        .order_by()
        .values("order")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return _money(pending)


def line_refunded_quantities(order, *, succeeded_only=False):
    """``{line id: units}`` of ``order`` refunded or being refunded (failed requests aside), or
    with ``succeeded_only`` those Alipay has paid back. A unit in here is neither refunded again
    nor shipped."""
    refunds = order.alipay_refunds.exclude(status=RefundStatus.FAILED)
    if succeeded_only:
        refunds = refunds.filter(status=RefundStatus.SUCCEEDED)
    taken = {}
    for quantities in refunds.values_list("line_quantities", flat=True):
        for line_id, quantity in quantities.items():
            taken[int(line_id)] = taken.get(int(line_id), 0) + quantity
    return taken


def refund_figures(orders):
    """``orders`` annotated with what their Alipay payment source says: ``paid_amount``,
    ``refunded_amount``, ``pending_refund_amount`` and ``refundable_amount`` (paid − refunded −
    being refunded). This is the one rule of what can still be refunded; the refund service asks
    it too, under its lock on the order."""
    source = Source.objects.filter(order=OuterRef("pk"), source_type__code=SOURCE_TYPE[0])
    return orders.annotate(
        paid_amount=_money(source.values("amount_debited")[:1]),
        refunded_amount=_money(source.values("amount_refunded")[:1]),
        pending_refund_amount=_pending_refunds(),
    ).annotate(
        refundable_amount=models.ExpressionWrapper(
            F("paid_amount") - F("refunded_amount") - F("pending_refund_amount"), output_field=MONEY
        ),
    )


def _late_payment_rows():
    """Orders with a late payment, with their :func:`refund_figures` and ``late_amount``,
    ``late_received_at``, ``late_trade_no`` (the first late notice), ``late_refundable_amount``
    and ``late_status`` (a :class:`LatePaymentStatus`).

    Refunds count against the late money first: of an order paid twice, only the second payment
    is the shop's to give back, so the order's own ``refundable_amount`` would overstate it.
    """
    first_late = _late_notices(OuterRef("pk")).order_by("received_at", "pk")
    late_orders = Order.objects.filter(Exists(_late_notices(OuterRef("pk")))).select_related("user")
    return (
        refund_figures(late_orders)
        .annotate(
            late_received_at=Subquery(first_late.values("received_at")[:1]),
            late_trade_no=Subquery(first_late.values("trade_no")[:1]),
            late_amount=_late_amount(),
        )
        .annotate(
            late_unrefunded=models.ExpressionWrapper(
                F("late_amount") - F("refunded_amount"), output_field=MONEY
            ),
        )
        .annotate(
            late_refundable_amount=Greatest(
                models.ExpressionWrapper(
                    F("late_unrefunded") - F("pending_refund_amount"), output_field=MONEY
                ),
                _zero(),
                output_field=MONEY,
            ),
        )
        .annotate(
            late_status=Case(
                When(late_refundable_amount__gt=0, then=Value(LatePaymentStatus.AWAITING)),
                When(late_unrefunded__gt=0, then=Value(LatePaymentStatus.PROCESSING)),
                default=Value(LatePaymentStatus.REFUNDED),
                output_field=models.CharField(),
            ),
        )
    )


def late_payments(*, status=LatePaymentStatus.AWAITING):
    """Orders that received a late Alipay payment, in ``status`` (all of them when blank), with
    the figures of :func:`_late_payment_rows`. Those awaiting refund come oldest first, since the
    shopper has waited longest for them; the others newest first."""
    queryset = _late_payment_rows()
    if status:
        queryset = queryset.filter(late_status=status)
    if status == LatePaymentStatus.AWAITING:
        return queryset.order_by("late_received_at", "pk")
    return queryset.order_by("-late_received_at", "-pk")


def late_payment_counts():
    """``{status: count}`` of the late payments, with ``""`` for all of them, in one query."""
    counts = _late_payment_rows().aggregate(
        **{status: Count("pk", filter=Q(late_status=status)) for status in LatePaymentStatus.values},
        all=Count("pk"),
    )
    return {"": counts.pop("all"), **counts}


@dataclass(frozen=True)
class LatePayment:
    """A payment that reached an order after it was closed, as its shopper is told of it."""

    amount: Decimal
    received_at: datetime.datetime
    #: The refunds of the order, oldest first; those Alipay refused are the operator's business.
    refunds: tuple


def late_payment_for_shopper(order):
    """The payment Alipay took for ``order`` after it was closed, with the refunds made since;
    None when no payment arrived late."""
    notice = (
        AlipayNotice.objects.filter(order=order, outcome=NoticeOutcome.LATE).order_by("received_at").first()
    )
    if notice is None:
        return None
    debited = Transaction.objects.filter(
        source__order=order, txn_type=Transaction.DEBIT, reference=notice.trade_no
    ).aggregate(total=Sum("amount"))["total"]
    refunds = order.alipay_refunds.exclude(status=RefundStatus.FAILED).order_by("created_at", "pk")
    return LatePayment(
        amount=debited or Decimal("0.00"), received_at=notice.received_at, refunds=tuple(refunds)
    )
