"""The OpenAPI methods (query, refund, close): a verified request's biz content in, the
``<method>_response`` object out, shaped field for field like Alipay's."""

from .constants import BUYER_ID, BUYER_LOGON_ID, TradeStatus
from .exceptions import EmulatorError
from .protocol import beijing_time, money
from .selectors import trade_for_biz
from .services import emulated_trade_close, emulated_trade_refund

SUCCESS = {"code": "10000", "msg": "Success"}


def api_answer(method, content):
    """The response object for ``method``; business errors become Alipay's 40004 answers."""
    handler = HANDLERS[method]
    try:
        return handler(content)
    except EmulatorError as error:
        payload = error.as_payload()
        for name in ("out_trade_no", "trade_no"):
            if content.get(name):
                payload[name] = str(content[name])
        return payload


def _query(content):
    trade = trade_for_biz(content)
    paid = trade.status != TradeStatus.WAIT_BUYER_PAY and trade.paid_at is not None
    payload = {
        **SUCCESS,
        "trade_no": trade.trade_no,
        "out_trade_no": trade.out_trade_no,
        "buyer_logon_id": BUYER_LOGON_ID,
        "trade_status": trade.status,
        "total_amount": money(trade.total_amount),
        "buyer_pay_amount": money(trade.total_amount) if paid else "0.00",
        "point_amount": "0.00",
        "invoice_amount": money(trade.total_amount) if paid else "0.00",
        "receipt_amount": money(trade.total_amount) if paid else "0.00",
        "buyer_user_id": BUYER_ID,
    }
    if paid:
        payload["send_pay_date"] = beijing_time(trade.paid_at)
    return payload


def _refund(content):
    refund, fund_change = emulated_trade_refund(content=content)
    trade = refund.trade
    return {
        **SUCCESS,
        "trade_no": trade.trade_no,
        "out_trade_no": trade.out_trade_no,
        "buyer_logon_id": BUYER_LOGON_ID,
        "fund_change": "Y" if fund_change else "N",
        "refund_fee": money(refund.refund_fee),
        "send_back_fee": money(refund.refund_amount),
        "gmt_refund_pay": beijing_time(refund.created_at),
        "buyer_user_id": BUYER_ID,
    }


def _close(content):
    trade = emulated_trade_close(content=content)
    return {**SUCCESS, "trade_no": trade.trade_no, "out_trade_no": trade.out_trade_no}


HANDLERS = {"alipay.trade.query": _query, "alipay.trade.refund": _refund, "alipay.trade.close": _close}
