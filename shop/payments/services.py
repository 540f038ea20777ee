"""The money path of shop orders paid with Alipay.

An order is placed first (待付款, stock allocated), then the shopper pays on Alipay. The
asynchronous notify is the source of truth: it is verified (signature, app, seller, order,
amount) and recorded once, under a lock on the order, so retries and races change nothing twice.
The return page never trusts its query string; it asks Alipay (a signed, verified response)
when the notify has not arrived. Unpaid orders are closed after
``UNPAID_ORDER_TIMEOUT_MINUTES``; a payment arriving after that is recorded and flagged for
refund, never lost. Refunds carry an ``out_request_no`` so a retry never pays twice.

Only :mod:`shop.payments.gateway` talks to Alipay.
"""

import datetime
import decimal
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop.order.constants import ORDER_TRANSITIONS, OrderChannel, OrderStatus
from shop.order.fulfilment import parcels_create
from shop.order.models import ParcelStatus
from shop.order.services import order_close, order_status_change, order_stock_release
from shop.order.signals import payment_recorded, refund_succeeded

from .constants import (
    PAYMENT_EVENT,
    REFUND_EVENT,
    RETURN_PAGE_QUERY_SECONDS,
    SOURCE_TYPE,
    UNPAID_ORDER_TIMEOUT_MINUTES,
    NoticeOutcome,
    RefundStatus,
)
from .exceptions import (
    OrderNotCancellable,
    PaymentNotPossible,
    RefundInvalid,
    RefundLinesInvalid,
    RefundNotPending,
    RefundNotPossible,
    RefundTooLarge,
)
from .gateway import GatewayError, PayRequest, get_gateway
from .hooks import notify_handler_for
from .models import AlipayNotice, AlipayRefund
from .selectors import line_refunded_quantities, refund_figures

EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")
Voucher = get_model("voucher", "Voucher")
VoucherApplication = get_model("voucher", "VoucherApplication")

logger = logging.getLogger(__name__)

PAID_TRADE_STATUSES = ("TRADE_SUCCESS", "TRADE_FINISHED")
#: Anyone can post a notify: of one that does not verify, only this much is stored.
UNVERIFIED_NOTICE_KEYS_KEPT = 40
UNVERIFIED_NOTICE_VALUE_KEPT = 256
CENT = decimal.Decimal("0.01")


def order_amount(order):
    """What the shopper pays for ``order``, in yuan to the cent."""
    return order.total_incl_tax.quantize(CENT)


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


# --- Paying -------------------------------------------------------------------------------------


def order_payment_deadline(order):
    """When ``order`` stops taking payment: ``UNPAID_ORDER_TIMEOUT_MINUTES`` after it was placed.
    Alipay is told the same (``time_expire``), so it takes no money for an order we closed."""
    return order.date_placed + datetime.timedelta(minutes=UNPAID_ORDER_TIMEOUT_MINUTES)


def order_payment_open(order, *, now=None):
    """Whether the shopper may still pay ``order``: unpaid (待付款) and before its deadline."""
    return order.status == OrderStatus.PENDING_PAYMENT and (now or timezone.now()) < order_payment_deadline(
        order
    )


def payment_url(order, *, phone):
    """Where to send the shopper to pay ``order``: Alipay's cashier for phones (手机网站支付)
    or computers (电脑网站支付), taking payment until the order's deadline."""
    request = PayRequest(
        out_trade_no=order.number,
        total_amount=order_amount(order),
        subject=_("稳富订单 %(number)s") % {"number": order.number},
        # The order number rides on the return URL too: Alipay adds out_trade_no only after a
        # payment, and a shopper who leaves the cashier must still come back to their order.
        return_url=_absolute(f"{reverse('payments:alipay-return')}?{urlencode({'order': order.number})}"),
        notify_url=_absolute(reverse("payments:alipay-notify")),
        time_expire=order_payment_deadline(order),
        quit_url=_absolute(reverse("customer:order", kwargs={"order_number": order.number})),
    )
    gateway = get_gateway()
    return gateway.wap_pay_url(request) if phone else gateway.page_pay_url(request)


def order_payment_url(*, user, number, phone):
    """The cashier URL for ``user``'s own order ``number`` (去付款 on the order page).

    Raises ``Order.DoesNotExist`` when the order is not theirs, and ``PaymentNotPossible`` when
    it no longer takes payment (paid, closed, or past its deadline though not closed yet).
    """
    order = Order.objects.get(user=user, number=number, channel=OrderChannel.RETAIL)
    if not order_payment_open(order):
        raise PaymentNotPossible
    return payment_url(order, phone=phone)


def _source(order):
    source_type, _created = SourceType.objects.get_or_create(
        code=SOURCE_TYPE[0], defaults={"name": SOURCE_TYPE[1]}
    )
    source, _created = Source.objects.get_or_create(
        order=order,
        source_type=source_type,
        defaults={"currency": order.currency, "amount_allocated": order_amount(order)},
    )
    return source


def _event_type(code, name):
    return PaymentEventType.objects.get_or_create(code=code, defaults={"name": name})[0]


@transaction.atomic
def payment_record(order, *, trade_no, amount):
    """Records that ``order`` was paid ``amount`` on Alipay trade ``trade_no``, once.

    Returns the :class:`NoticeOutcome`: ``RECORDED``; ``DUPLICATE`` when this trade was recorded
    before; ``LATE`` when the order had already been closed, ``SECOND_PAYMENT`` when another
    trade had already paid it. Either way the money is recorded on the order's source and the
    order waits in the operator's list of late payments to be refunded; its status is left alone.
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    source = _source(order)
    if source.transactions.filter(txn_type=Transaction.DEBIT, reference=trade_no).exists():
        return NoticeOutcome.DUPLICATE
    # The source names the trade that paid the order, not a second one that came after it.
    if order.status == OrderStatus.PENDING_PAYMENT or not source.reference:
        source.reference = trade_no
    source.debit(amount, reference=trade_no, status="TRADE_SUCCESS")
    if order.status != OrderStatus.PENDING_PAYMENT:
        return NoticeOutcome.LATE if order.status == OrderStatus.CANCELLED else NoticeOutcome.SECOND_PAYMENT
    _order_paid(
        order, amount=amount, reference=trade_no, reason=_("支付宝交易 %(trade_no)s") % {"trade_no": trade_no}
    )
    return NoticeOutcome.RECORDED


def _order_paid(order, *, amount, reference, reason):
    """``order`` (locked, 待付款) becomes 已付款: the payment event over all its lines, the
    status change, its parcels for the cooperatives, the ledger's signal and the shopper's mail."""
    lines = list(order.lines.all())
    EventHandler().handle_payment_event(
        order,
        _event_type(*PAYMENT_EVENT),
        amount,
        lines=lines,
        line_quantities=[line.quantity for line in lines],
        reference=reference,
    )
    order_status_change(order=order, to=OrderStatus.PAID, reason=reason)
    parcels_create(order)
    payment_recorded.send(sender=Order, order=order)
    from .tasks import payment_received_email_task

    transaction.on_commit(lambda: payment_received_email_task.delay(order.pk), robust=True)


@transaction.atomic
def order_paid_by_vouchers(order):
    """Marks ``order`` paid when its vouchers leave nothing to pay: Alipay takes no payment of
    ¥0, and the shopper owes nothing. Returns whether it did (False for an order with something
    to pay, or no longer 待付款)."""
    if order_amount(order) != 0:
        return False  # the usual case, told without locking the order
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PENDING_PAYMENT or order_amount(order) != 0:
        return False
    _order_paid(order, amount=decimal.Decimal("0.00"), reference="", reason=_("优惠券已抵扣全部金额"))
    return True


def _unverified(params):
    """What is kept of a notify nobody signed: enough to see what was tried, never all of it."""
    kept = dict(list(params.items())[:UNVERIFIED_NOTICE_KEYS_KEPT])
    return {str(key)[:64]: str(value)[:UNVERIFIED_NOTICE_VALUE_KEPT] for key, value in kept.items()}


def _notice(params, outcome, message="", order=None):
    AlipayNotice.objects.create(
        out_trade_no=str(params.get("out_trade_no", ""))[:64],
        trade_no=str(params.get("trade_no", ""))[:64],
        notify_id=str(params.get("notify_id", ""))[:128],
        params=params,
        outcome=outcome,
        message=message[:255],
        order=order,
    )


def _money(value):
    try:
        return decimal.Decimal(str(value)).quantize(CENT)
    except (decimal.InvalidOperation, TypeError):
        return None


def notify_handle(params):
    """Handles one asynchronous notify; returns the answer Alipay expects: ``"success"`` when
    it is verified and recorded (also when it was recorded before), ``"failure"`` otherwise (a
    forged or mismatched notify changes nothing). Every notify is kept as an ``AlipayNotice``.
    A verified notify of another app's trade (``shop.payments.hooks``) goes to that app's handler."""
    gateway = get_gateway()
    notify = gateway.verify_notify(params)
    if notify is None:
        _notice(_unverified(params), NoticeOutcome.REJECTED, _("签名验证失败"))
        return "failure"
    if notify.app_id != gateway.app_id or notify.seller_id != gateway.seller_id:
        _notice(params, NoticeOutcome.REJECTED, _("app_id 或 seller_id 与本店不符"))
        return "failure"
    handler = notify_handler_for(notify.out_trade_no)
    if handler is not None:
        outcome, message = handler(notify)
        _notice(params, outcome, message)
        return "failure" if outcome == NoticeOutcome.REJECTED else "success"
    order = Order.objects.filter(number=notify.out_trade_no).first()
    if order is None:
        _notice(params, NoticeOutcome.REJECTED, _("没有这个订单"))
        return "failure"
    if _money(notify.total_amount) != order_amount(order):
        _notice(params, NoticeOutcome.REJECTED, _("金额与订单不符"), order)
        return "failure"
    if notify.trade_status not in PAID_TRADE_STATUSES:
        _notice(params, NoticeOutcome.IGNORED, notify.trade_status, order)
        return "success"
    outcome = payment_record(order, trade_no=notify.trade_no, amount=order_amount(order))
    _notice(params, outcome, "", order)
    return "success"


def order_for_return_page(*, user, number):
    """The shopper's order ``number`` for the return page, with its payment brought up to date
    by a trade query (at most ``RETURN_PAGE_QUERY_SECONDS``) when the notify has not arrived
    yet; None when it is not theirs."""
    retail = Order.objects.filter(channel=OrderChannel.RETAIL)
    order = retail.filter(user=user, number=number).first() if number else None
    if order is None or order.status != OrderStatus.PENDING_PAYMENT:
        return order
    try:
        trade = get_gateway().query(order.number, timeout=RETURN_PAGE_QUERY_SECONDS)
    except GatewayError as error:
        logger.warning("Alipay query for %s failed: %s", order.number, error)
        return order
    if (
        trade.found
        and trade.trade_status in PAID_TRADE_STATUSES
        and _money(trade.total_amount) == order_amount(order)
    ):
        payment_record(order, trade_no=trade.trade_no, amount=order_amount(order))
        order.refresh_from_db()
    return order


# --- Closing unpaid orders ----------------------------------------------------------------------


@transaction.atomic
def _cancel_unpaid(order, *, actor, reason):
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return False
    order_close(order, to=OrderStatus.CANCELLED, actor=actor, reason=reason)
    _vouchers_give_back(order)
    return True


def _vouchers_give_back(order):
    """The single-use vouchers of an order cancelled unpaid become usable again: they paid for
    nothing (a union member whose order timed out keeps their welfare voucher)."""
    applications = VoucherApplication.objects.filter(order=order).select_related("voucher")
    for application in applications:
        voucher = application.voucher
        Voucher.objects.filter(pk=voucher.pk, num_orders__gt=0).update(num_orders=F("num_orders") - 1)
    applications.delete()


def order_close_unpaid(order, *, actor=None, reason=""):
    """Closes ``order``'s Alipay trade and cancels the order, releasing its stock; ``actor``
    (None for the beat task) and ``reason`` are recorded with the change. When Alipay says the
    trade was paid after all, the payment is recorded instead. Returns the status."""
    gateway = get_gateway()
    try:
        closed = gateway.close(order.number)
        if not closed.ok:
            trade = gateway.query(order.number)
            if trade.found and trade.trade_status in PAID_TRADE_STATUSES:
                payment_record(order, trade_no=trade.trade_no, amount=order_amount(order))
                order.refresh_from_db()
                return order.status
    except GatewayError as error:
        # Unknown state at Alipay: the next run tries again rather than guessing.
        logger.warning("Closing %s failed: %s", order.number, error)
        return order.status
    reason = reason or _("%(minutes)s 分钟内未付款，自动关闭") % {"minutes": UNPAID_ORDER_TIMEOUT_MINUTES}
    _cancel_unpaid(order, actor=actor, reason=reason)
    order.refresh_from_db()
    return order.status


def order_cancel(*, order, actor, reason=""):
    """The operator ``actor`` cancels ``order``: an unpaid one has its Alipay trade closed (see
    :func:`order_close_unpaid`); a paid one is cancelled at once, its unshipped stock released,
    its pending parcels closed, and what is left to refund of it filed as a refund of ``actor``
    that is sent to Alipay once this commits (and re-sent by the beat task while its outcome is
    unknown). Raises ``OrderStatusNotAllowed`` for an order that can no longer be cancelled;
    returns the order."""
    if order.status == OrderStatus.PENDING_PAYMENT:
        order_close_unpaid(order, actor=actor, reason=reason or _("平台运营取消"))
        order.refresh_from_db()
        return order
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        order_close(order, to=OrderStatus.CANCELLED, actor=actor, reason=reason or _("平台运营取消"))
        left = refundable_amount(order)
        refund = None
        if left > 0:
            refund = _refund_create(
                order, amount=left, by=actor, reason=_("订单取消退款"), line_quantities=None
            )
    if refund is not None:
        transaction.on_commit(lambda: _refund_send_later(refund.pk), robust=True)
    return order


def _refund_send_later(refund_id):
    from .tasks import refund_send_task

    refund_send_task.delay(refund_id)


def unpaid_orders_close(now=None):
    """Closes every order still unpaid ``UNPAID_ORDER_TIMEOUT_MINUTES`` after it was placed;
    returns how many were cancelled."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=UNPAID_ORDER_TIMEOUT_MINUTES)
    cancelled = 0
    unpaid = Order.objects.filter(
        channel=OrderChannel.RETAIL, status=OrderStatus.PENDING_PAYMENT, date_placed__lt=cutoff
    )
    for order in unpaid.order_by("pk"):
        cancelled += order_close_unpaid(order) == OrderStatus.CANCELLED
    return cancelled


def order_cancel_by_shopper(*, user, number):
    """取消订单 on the shopper's own unpaid order ``number``: its Alipay trade is closed and its
    stock released, as when it times out. Returns the order's status afterwards (已付款 when
    Alipay had taken the payment after all). Raises ``Order.DoesNotExist`` when the order is not
    theirs and ``OrderNotCancellable`` when it no longer awaits payment."""
    order = Order.objects.get(user=user, number=number, channel=OrderChannel.RETAIL)
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise OrderNotCancellable
    return order_close_unpaid(order, actor=user, reason=_("买家取消订单"))


# --- Refunds ------------------------------------------------------------------------------------


def refundable_amount(order):
    """What is paid on ``order`` and neither refunded nor being refunded."""
    figures = refund_figures(Order.objects.filter(pk=order.pk)).values_list("refundable_amount", flat=True)
    return figures.get().quantize(CENT)


def refund_request(order, *, by, amount=None, reason="", line_quantities=None):
    """Asks Alipay to refund ``order`` and records it: ``amount``, or for ``line_quantities``
    ``{line id: quantity}`` what those units were paid (``amount`` may then be left out, or be
    less). Raises ``RefundInvalid``, ``RefundNotPossible``, ``RefundTooLarge`` or
    ``RefundLinesInvalid``; returns the ``AlipayRefund`` (its ``status`` says how Alipay answered).

    The request is saved before Alipay is called, under a lock on the order, so two operators
    refunding at once cannot together refund more than was paid, nor a unit twice.
    """
    refund = _refund_create(order, amount=amount, by=by, reason=reason, line_quantities=line_quantities)
    return refund_send(refund)


def refundable_line_quantities(order):
    """``{line id: units}`` of ``order``'s lines not yet refunded (nor being refunded)."""
    taken = line_refunded_quantities(order)
    return {line.pk: line.quantity - taken.get(line.pk, 0) for line in order.lines.all()}


def line_refund_amount(line, quantity, *, already=0):
    """What ``quantity`` units of ``line`` were paid, after ``already`` units were refunded.

    The line's paid price (after discounts) is shared out by unit and rounded to the cent as a
    running total, so refunding every unit, in any number of steps, gives back exactly the line.
    """

    def paid_for(units):
        return (line.line_price_incl_tax * units / line.quantity).quantize(CENT, decimal.ROUND_HALF_UP)

    return paid_for(already + quantity) - paid_for(already)


def _lines_refund_amount(order, line_quantities):
    """What the units of ``line_quantities`` were paid; raises ``RefundLinesInvalid`` for a line
    not on ``order``, a quantity below one, or more units than are left to refund."""
    lines = order.lines.in_bulk(list(line_quantities))
    taken = line_refunded_quantities(order)
    total = decimal.Decimal("0.00")
    for line_id, quantity in line_quantities.items():
        line = lines.get(line_id)
        if line is None or quantity < 1:
            raise RefundLinesInvalid
        left = line.quantity - taken.get(line_id, 0)
        if quantity > left:
            message = _("“%(title)s”最多还能退 %(left)s 件。")
            raise RefundLinesInvalid(message % {"title": line.title, "left": left})
        total += line_refund_amount(line, quantity, already=taken.get(line_id, 0))
    return total


def _parcels_emptied(order, line_quantities, *, taken=None):
    """The pending parcels of ``order`` of which nothing is left to ship once the units of
    ``line_quantities`` are refunded on top of ``taken`` (by default those refunded or being
    refunded)."""
    taken = dict(line_refunded_quantities(order) if taken is None else taken)
    for line_id, quantity in line_quantities.items():
        taken[int(line_id)] = taken.get(int(line_id), 0) + quantity
    emptied = []
    for parcel in order.parcels.filter(status=ParcelStatus.PENDING):
        lines = order.lines.filter(partner_id=parcel.partner_id)
        if all(taken.get(line.pk, 0) >= line.quantity for line in lines):
            emptied.append(parcel)
    return emptied


@transaction.atomic
def _refund_create(order, *, amount, by, reason, line_quantities):
    order = Order.objects.select_for_update().get(pk=order.pk)
    line_quantities = {int(key): value for key, value in (line_quantities or {}).items()}
    given = amount not in (None, "")
    amount = _money(amount) if given else None
    if given and amount is None:
        raise RefundInvalid
    if line_quantities:
        lines_amount = _lines_refund_amount(order, line_quantities)
        if _parcels_emptied(order, line_quantities):
            # Nothing of that parcel will ship: its carriage may be given back with its goods.
            limit = lines_amount + order.shipping_incl_tax.quantize(CENT)
            message = _("退款金额 ¥%(amount)s 超过所选商品的实付金额加运费 ¥%(lines)s。")
        else:
            limit = lines_amount
            message = _("退款金额 ¥%(amount)s 超过所选商品的实付金额 ¥%(lines)s。")
        if amount is not None and amount > limit:
            raise RefundTooLarge(message % {"amount": amount, "lines": limit})
        amount = lines_amount if amount is None else amount
    if amount is None or amount <= 0:
        raise RefundInvalid
    available = refundable_amount(order)
    if available <= 0:
        raise RefundNotPossible
    if amount > available:
        message = _("退款金额 ¥%(amount)s 超过可退金额 ¥%(available)s。")
        raise RefundTooLarge(message % {"amount": amount, "available": available})
    return AlipayRefund.objects.create(
        order=order,
        out_request_no=f"{order.number}-R{order.alipay_refunds.count() + 1}",
        amount=amount,
        reason=reason,
        line_quantities={str(key): value for key, value in line_quantities.items()},
        requested_by=by,
    )


def refund_send(refund):
    """Sends (or re-sends, with the same ``out_request_no``) ``refund`` to Alipay and records
    the money once Alipay confirms this very amount; a retry of a succeeded refund records
    nothing again. Only a refund whose outcome is unknown (处理中) is sent: a failed one raises
    ``RefundNotPending`` (it is filed anew with :func:`refund_refile`, through every check of a
    new refund, since other refunds may have paid its units meanwhile). When Alipay confirms
    another amount the refund is marked ``MISMATCH`` and nothing is recorded.

    Alipay is called outside any transaction of ours: no lock is held while waiting for it.
    """
    refund.refresh_from_db()
    if refund.status == RefundStatus.SUCCEEDED:
        return refund
    if refund.status != RefundStatus.PENDING:
        raise RefundNotPending
    try:
        result = get_gateway().refund(
            out_trade_no=refund.order.number,
            refund_amount=refund.amount,
            out_request_no=refund.out_request_no,
            reason=refund.reason,
        )
    except GatewayError as error:
        AlipayRefund.objects.filter(pk=refund.pk).update(message=str(error)[:255])
        refund.refresh_from_db()
        return refund
    if not result.ok:
        AlipayRefund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(
            status=RefundStatus.FAILED, message=str(result.message)[:255]
        )
        refund.refresh_from_db()
        return refund
    if result.refund_amount != refund.amount:
        message = _("支付宝确认的退款金额为 ¥%(confirmed)s，与申请的 ¥%(asked)s 不符，未入账，请核对。")
        AlipayRefund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(
            status=RefundStatus.MISMATCH,
            message=(message % {"confirmed": result.refund_amount or "-", "asked": refund.amount})[:255],
        )
        logger.error(
            "Refund %s: Alipay confirmed %s, asked %s",
            refund.out_request_no,
            result.refund_amount,
            refund.amount,
        )
        refund.refresh_from_db()
        return refund
    return _refund_record(refund)


def refund_refile(*, refund, by):
    """Files a failed ``refund`` again as a new refund of ``by`` (same amount, lines and reason)
    through every check of :func:`refund_request`, and sends it; returns the new refund.
    Raises ``RefundNotPending`` for a refund that did not fail, and what ``refund_request``
    raises (e.g. ``RefundLinesInvalid`` when another refund has paid those units since)."""
    refund.refresh_from_db()
    if refund.status != RefundStatus.FAILED:
        raise RefundNotPending(_("只有退款失败的申请可以重新申请。"))
    return refund_request(
        refund.order,
        by=by,
        amount=refund.amount,
        reason=refund.reason,
        line_quantities={int(key): value for key, value in refund.line_quantities.items()},
    )


#: A refund still 处理中 this long after it was filed is re-sent by the beat task; younger ones
#: may still be waiting for Alipay's first answer.
REFUND_RESEND_AFTER_MINUTES = 5


def refunds_pending_resend(now=None):
    """Re-sends every refund whose outcome is still unknown ``REFUND_RESEND_AFTER_MINUTES``
    after it was filed (same ``out_request_no``, so Alipay never pays twice); returns how many
    succeeded."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=REFUND_RESEND_AFTER_MINUTES)
    succeeded = 0
    for refund in AlipayRefund.objects.filter(status=RefundStatus.PENDING, created_at__lt=cutoff).order_by(
        "pk"
    ):
        succeeded += refund_send(refund).status == RefundStatus.SUCCEEDED
    return succeeded


@transaction.atomic
def _refund_record(refund):
    refund = AlipayRefund.objects.select_for_update().select_related("order").get(pk=refund.pk)
    if refund.status == RefundStatus.SUCCEEDED:
        return refund
    order = refund.order
    source = _source(order)
    source.refund(refund.amount, reference=refund.out_request_no, status="REFUND_SUCCESS")
    lines = (
        list(order.lines.filter(pk__in=[int(pk) for pk in refund.line_quantities]))
        if refund.line_quantities
        else []
    )
    EventHandler().handle_payment_event(
        order,
        _event_type(*REFUND_EVENT),
        refund.amount,
        lines=lines or None,
        line_quantities=[refund.line_quantities[str(line.pk)] for line in lines] or None,
        reference=refund.out_request_no,
    )
    refund.status, refund.completed_at, refund.message = RefundStatus.SUCCEEDED, timezone.now(), ""
    refund.save(update_fields=["status", "completed_at", "message"])
    _refund_effects(Order.objects.select_for_update().get(pk=order.pk), refund)
    refund_succeeded.send(sender=AlipayRefund, refund=refund)
    from .tasks import refund_email_task

    transaction.on_commit(lambda: refund_email_task.delay(refund.pk), robust=True)
    return refund


def _refund_effects(order, refund):
    """What a refund Alipay has paid changes of ``order`` (locked): the refunded units do not
    ship and give their stock back; a parcel with nothing left to ship is closed; once all that
    was paid is refunded the order is 已退款 and nothing of it ships; once nothing is left to
    ship and something has shipped, it is 已发货, so the shopper can confirm receipt."""
    line_quantities = {int(key): value for key, value in refund.line_quantities.items()}
    if line_quantities:
        lines = order.lines.in_bulk(list(line_quantities))
        order_stock_release(
            order, lines=list(lines.values()), quantities=[line_quantities[pk] for pk in lines]
        )
        emptied = _parcels_emptied(order, {}, taken=line_refunded_quantities(order, succeeded_only=True))
        order.parcels.filter(pk__in=[parcel.pk for parcel in emptied]).update(status=ParcelStatus.CLOSED)
    figures = refund_figures(Order.objects.filter(pk=order.pk)).get()
    fully_refunded = figures.paid_amount > 0 and figures.refunded_amount >= figures.paid_amount
    reason = _("退款 %(no)s") % {"no": refund.out_request_no}
    if fully_refunded and OrderStatus.REFUNDED in ORDER_TRANSITIONS[order.status]:
        order_close(order, to=OrderStatus.REFUNDED, actor=refund.requested_by, reason=reason)
    elif (
        order.status == OrderStatus.PAID
        and not order.parcels.filter(status=ParcelStatus.PENDING).exists()
        and order.parcels.filter(status=ParcelStatus.SHIPPED).exists()
    ):
        order_status_change(order=order, to=OrderStatus.SHIPPED, actor=refund.requested_by, reason=reason)
