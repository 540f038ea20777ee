"""What the emulated Alipay does to its trades. Each service raises :class:`EmulatorError`,
worded as Alipay's answer, when the request cannot be honoured; it then changes nothing."""

import secrets
import urllib.error
import urllib.parse
import urllib.request

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import TradeStatus
from .credentials import dev_credentials
from .exceptions import EmulatorError
from .models import EmulatedTrade, NotifyAttempt
from .protocol import amount_param, beijing_time, new_notify_id, signed_notify_params, text_param, time_param
from .selectors import trade_for_biz

NOTIFY_TIMEOUT_SECONDS = 10
NOTIFY_BODY_KEPT = 1000


@transaction.atomic
def emulated_trade_open(*, product_code, content, notify_url, return_url, request_timestamp):
    """Records the trade a pay request describes, or finds the one already opened for it.

    A second request for the same ``out_trade_no`` and amount shows the same trade (with the
    latest ``time_expire`` asked); another amount is refused (``ACQ.CONTEXT_INCONSISTENT``), as
    Alipay refuses a tampered order.
    """
    out_trade_no = text_param(content, "out_trade_no", max_length=64)
    subject = text_param(content, "subject", max_length=256)
    total_amount = amount_param(content, "total_amount")
    time_expire = time_param(content, "time_expire")
    if content.get("product_code") != product_code:
        raise EmulatorError(
            "ACQ.INVALID_PARAMETER",
            _("参数无效：该接口的产品码 product_code 应为 %(code)s") % {"code": product_code},
        )
    trade = EmulatedTrade.objects.select_for_update().filter(out_trade_no=out_trade_no).first()
    if trade is None:
        try:
            with transaction.atomic():
                return EmulatedTrade.objects.create(
                    out_trade_no=out_trade_no,
                    trade_no=_new_trade_no(),
                    total_amount=total_amount,
                    subject=subject,
                    product_code=product_code,
                    notify_url=notify_url,
                    return_url=return_url,
                    quit_url=str(content.get("quit_url") or ""),
                    time_expire=time_expire,
                    request_timestamp=request_timestamp,
                )
        except IntegrityError:
            # Two tabs opened the same order at once: the first one's trade is the trade.
            trade = EmulatedTrade.objects.select_for_update().get(out_trade_no=out_trade_no)
    if trade.total_amount != total_amount:
        message = _("交易信息被篡改：订单 %(no)s 已以金额 %(amount)s 元发起支付") % {
            "no": out_trade_no,
            "amount": trade.total_amount,
        }
        raise EmulatorError("ACQ.CONTEXT_INCONSISTENT", message)
    if time_expire != trade.time_expire:
        trade.time_expire = time_expire
        trade.save(update_fields=["time_expire", "updated_at"])
    return trade


@transaction.atomic
def emulated_trade_pay(*, trade_id):
    """The buyer pays: ``WAIT_BUYER_PAY`` becomes ``TRADE_SUCCESS`` and the notify is queued.

    Paying a trade already paid changes nothing and sends no second notify (a double click).
    Past the pay request's ``time_expire`` Alipay takes no money: ``ACQ.TRADE_HAS_CLOSE``.
    """
    trade = EmulatedTrade.objects.select_for_update().get(pk=trade_id)
    if trade.status == TradeStatus.TRADE_SUCCESS:
        return trade
    if trade.status != TradeStatus.WAIT_BUYER_PAY:
        raise EmulatorError("ACQ.TRADE_HAS_CLOSE", _("交易已关闭或已完结，不能再付款"))
    if trade.time_expire is not None and timezone.now() >= trade.time_expire:
        message = _("交易已超过付款截止时间 %(time)s，不能再付款") % {"time": beijing_time(trade.time_expire)}
        raise EmulatorError("ACQ.TRADE_HAS_CLOSE", message)
    trade.status = TradeStatus.TRADE_SUCCESS
    trade.paid_at = timezone.now()
    trade.save(update_fields=["status", "paid_at", "updated_at"])
    emulated_trade_queue_notify(trade=trade)
    return trade


def emulated_trade_queue_notify(*, trade):
    """Queues the trade's asynchronous notify, once the current transaction has committed."""
    if not trade.notify_url:
        return
    from .tasks import emulated_trade_send_notify_task

    notify_id = new_notify_id()
    transaction.on_commit(lambda: emulated_trade_send_notify_task.delay(trade.pk, notify_id))


@transaction.atomic
def emulated_trade_renotify(*, trade_id):
    """Sends a paid trade's notify again, as a developer asks from the trade list."""
    trade = EmulatedTrade.objects.get(pk=trade_id)
    if trade.status == TradeStatus.WAIT_BUYER_PAY:
        raise EmulatorError("ACQ.TRADE_STATUS_ERROR", _("交易尚未付款，没有可发送的通知"))
    if not trade.notify_url:
        raise EmulatorError("ACQ.INVALID_PARAMETER", _("该交易的支付请求没有 notify_url"))
    emulated_trade_queue_notify(trade=trade)


@transaction.atomic
def emulated_trade_refund(*, content):
    """Refunds part or all of a paid trade; returns ``(refund, fund_change)``.

    A repeated ``out_request_no`` returns the first refund with ``fund_change`` False and moves no
    money. A refund beyond what is left fails with ``ACQ.REFUND_AMT_NOT_EQUAL_TOTAL``; a trade not
    paid (or closed, or finished) with ``ACQ.TRADE_STATUS_ERROR``. Refunding all closes the trade.
    """
    trade = trade_for_biz(content, for_update=True)
    out_request_no = str(content.get("out_request_no") or trade.out_trade_no)
    earlier = trade.refunds.filter(out_request_no=out_request_no).first()
    if earlier is not None:
        return earlier, False
    refund_amount = amount_param(content, "refund_amount")
    if trade.status != TradeStatus.TRADE_SUCCESS:
        raise EmulatorError(
            "ACQ.TRADE_STATUS_ERROR",
            _("交易状态不合法：当前状态为 %(status)s，只有支付成功的交易可以退款") % {"status": trade.status},
        )
    if refund_amount > trade.refundable_amount:
        raise EmulatorError(
            "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
            _("退款金额超限：本次申请退款 %(amount)s 元，可退金额仅剩 %(left)s 元")
            % {"amount": refund_amount, "left": trade.refundable_amount},
        )
    trade.refunded_amount += refund_amount
    fields = ["refunded_amount", "updated_at"]
    if trade.refunded_amount == trade.total_amount:
        trade.status, trade.closed_at = TradeStatus.TRADE_CLOSED, timezone.now()
        fields += ["status", "closed_at"]
    trade.save(update_fields=fields)
    refund = trade.refunds.create(
        out_request_no=out_request_no,
        refund_amount=refund_amount,
        refund_fee=trade.refunded_amount,
        reason=str(content.get("refund_reason") or "")[:256],
    )
    return refund, True


@transaction.atomic
def emulated_trade_close(*, content):
    """Closes a trade still waiting for payment; any other state is ``ACQ.TRADE_STATUS_ERROR``."""
    trade = trade_for_biz(content, for_update=True)
    if trade.status != TradeStatus.WAIT_BUYER_PAY:
        raise EmulatorError(
            "ACQ.TRADE_STATUS_ERROR",
            _("交易状态不合法：当前状态为 %(status)s，只有等待付款的交易可以关闭") % {"status": trade.status},
        )
    trade.status, trade.closed_at = TradeStatus.TRADE_CLOSED, timezone.now()
    trade.save(update_fields=["status", "closed_at", "updated_at"])
    return trade


def emulated_trade_send_notify(*, trade_id, notify_id):
    """POSTs the signed notify to the trade's ``notify_url`` once and records the attempt.

    Returns True when the app answered HTTP 200 with exactly ``success``, which is how Alipay
    knows to stop retrying. Network errors are recorded, never raised.
    """
    trade = EmulatedTrade.objects.get(pk=trade_id)
    params = signed_notify_params(trade, notify_id=notify_id, credentials=dev_credentials())
    # Recorded before it is sent, so a process that dies while waiting for the answer (a worker
    # timed out waiting for its own server) still leaves the attempt in the trade's history.
    attempt = NotifyAttempt.objects.create(
        trade=trade, notify_id=notify_id, trade_status=trade.status, body=_("发送中…")
    )
    http_status, body = _post_form(trade.notify_url, params)
    attempt.http_status, attempt.body = http_status, body[:NOTIFY_BODY_KEPT]
    attempt.delivered = http_status == 200 and body == "success"
    attempt.save(update_fields=["http_status", "body", "delivered"])
    return attempt.delivered


def _post_form(url, params):
    data = urllib.parse.urlencode(params).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=NOTIFY_TIMEOUT_SECONDS) as response:
            return response.status, response.read(NOTIFY_BODY_KEPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(NOTIFY_BODY_KEPT).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, _("发送失败：%(error)s") % {"error": getattr(error, "reason", error)}


def _new_trade_no():
    """28 digits like Alipay's: the Beijing date, a channel code, then random digits."""
    return beijing_time()[:10].replace("-", "") + "22001" + f"{secrets.randbelow(10**15):015d}"
