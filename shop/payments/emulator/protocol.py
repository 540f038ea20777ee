"""Alipay's wire format: reading and verifying an app's request, signing what Alipay sends back."""

import json
import secrets
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import API_METHODS, BUYER_ID, BUYER_LOGON_ID, ProductCode
from .exceptions import EmulatorError, invalid_argument, missing_argument
from .signing import notify_sign_content, request_sign_content, rsa2_sign, rsa2_verify

BEIJING = ZoneInfo("Asia/Shanghai")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
REQUIRED_COMMON_PARAMS = ("app_id", "method", "sign_type", "sign", "timestamp", "version")
MAX_AMOUNT = Decimal("100000000")
RETURN_METHODS = {
    ProductCode.PAGE: "alipay.trade.page.pay.return",
    ProductCode.WAP: "alipay.trade.wap.pay.return",
}


def beijing_time(moment=None):
    """``yyyy-MM-dd HH:mm:ss`` in Beijing time, the only clock Alipay's messages use."""
    return timezone.localtime(moment or timezone.now(), BEIJING).strftime(TIMESTAMP_FORMAT)


def parse_beijing_timestamp(text):
    return datetime.strptime(text, TIMESTAMP_FORMAT).replace(tzinfo=BEIJING)


def gateway_params(request):
    """The request's parameters, from the query string and a form body alike (the SDK uses both)."""
    params = {key: request.GET.get(key) for key in request.GET}
    params.update({key: request.POST.get(key) for key in request.POST})
    return params


def verify_app_request(params, credentials):
    """Checks the common parameters and the app's RSA2 signature; raises :class:`EmulatorError`."""
    for name in REQUIRED_COMMON_PARAMS:
        if not params.get(name):
            raise missing_argument(name)
    if params["app_id"] != credentials.app_id:
        raise invalid_argument("isv.invalid-app-id", _("无效的AppID参数"))
    if params["sign_type"] != "RSA2":
        raise invalid_argument("isv.invalid-signature-type", _("无效的签名类型，仅支持 RSA2"))
    if params.get("charset", "utf-8").lower() != "utf-8":
        raise invalid_argument("isv.invalid-charset", _("字符集错误，仅支持 utf-8"))
    try:
        parse_beijing_timestamp(params["timestamp"])
    except ValueError:
        raise invalid_argument(
            "isv.invalid-timestamp", _("非法的时间戳参数，格式应为 yyyy-MM-dd HH:mm:ss")
        ) from None
    if not rsa2_verify(credentials.app_public_key, request_sign_content(params), params["sign"]):
        raise invalid_argument(
            "isv.invalid-signature", _("验签出错：请求参数被篡改，或签名所用的应用私钥与应用公钥不匹配")
        )


def biz_content(params):
    raw = params.get("biz_content")
    if not raw:
        raise missing_argument("biz_content")
    try:
        content = json.loads(raw)
    except ValueError:
        content = None
    if not isinstance(content, dict):
        raise EmulatorError("ACQ.INVALID_PARAMETER", _("参数无效：biz_content 不是 JSON 对象"))
    return content


def amount_param(content, name):
    """A yuan amount as Alipay accepts it: positive, at most 2 decimals, at most 100,000,000."""
    raw = content.get(name)
    if raw in (None, ""):
        raise EmulatorError("ACQ.INVALID_PARAMETER", _("参数无效：缺少 %(name)s") % {"name": name})
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        amount = None
    if not _is_yuan(amount):
        message = _("参数无效：%(name)s 金额格式不正确（%(raw)s）") % {"name": name, "raw": raw}
        raise EmulatorError("ACQ.INVALID_PARAMETER", message)
    return amount.quantize(Decimal("0.01"))


def _is_yuan(amount):
    if amount is None or not amount.is_finite():
        return False
    return 0 < amount <= MAX_AMOUNT and -amount.as_tuple().exponent <= 2


def time_param(content, name):
    """An optional ``yyyy-MM-dd HH:mm:ss`` Beijing time, as an aware datetime (None when absent)."""
    raw = content.get(name)
    if raw in (None, ""):
        return None
    try:
        return parse_beijing_timestamp(str(raw))
    except ValueError:
        message = _("参数无效：%(name)s 格式应为 yyyy-MM-dd HH:mm:ss（%(raw)s）") % {"name": name, "raw": raw}
        raise EmulatorError("ACQ.INVALID_PARAMETER", message) from None


def text_param(content, name, *, max_length):
    value = str(content.get(name) or "").strip()
    if not value:
        raise EmulatorError("ACQ.INVALID_PARAMETER", _("参数无效：缺少 %(name)s") % {"name": name})
    if len(value) > max_length:
        message = _("参数无效：%(name)s 超过 %(max)s 个字符") % {"name": name, "max": max_length}
        raise EmulatorError("ACQ.INVALID_PARAMETER", message)
    return value


def signed_api_response(method, payload, credentials):
    """The response body: the ``<method>_response`` object and Alipay's signature over its exact text."""
    key = method.replace(".", "_") + "_response" if method in API_METHODS else "error_response"
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    sign = rsa2_sign(credentials.alipay_private_key, text)
    return f'{{"{key}":{text},"sign":"{sign}"}}'


def new_notify_id():
    return secrets.token_hex(16)


def signed_notify_params(trade, *, notify_id, credentials):
    """An asynchronous ``trade_status_sync`` notify with the fields real Alipay sends."""
    amount = money(trade.total_amount)
    params = {
        "notify_time": beijing_time(),
        "notify_type": "trade_status_sync",
        "notify_id": notify_id,
        "app_id": credentials.app_id,
        "auth_app_id": credentials.app_id,
        "charset": "utf-8",
        "version": "1.0",
        "trade_no": trade.trade_no,
        "out_trade_no": trade.out_trade_no,
        "trade_status": trade.status,
        "total_amount": amount,
        "receipt_amount": amount,
        "buyer_pay_amount": amount,
        "invoice_amount": amount,
        "point_amount": "0.00",
        "fund_bill_list": json.dumps([{"amount": amount, "fundChannel": "ALIPAYACCOUNT"}]),
        "seller_id": credentials.seller_id,
        "buyer_id": BUYER_ID,
        "buyer_logon_id": BUYER_LOGON_ID,
        "gmt_create": beijing_time(trade.created_at),
        "subject": trade.subject,
    }
    if trade.paid_at:
        params["gmt_payment"] = beijing_time(trade.paid_at)
    return sign_alipay_message(params, credentials)


def signed_return_params(trade, *, credentials):
    """The query string Alipay puts on ``return_url`` when the buyer comes back after paying."""
    params = {
        "charset": "utf-8",
        "out_trade_no": trade.out_trade_no,
        "method": RETURN_METHODS[trade.product_code],
        "total_amount": money(trade.total_amount),
        "trade_no": trade.trade_no,
        "auth_app_id": credentials.app_id,
        "version": "1.0",
        "app_id": credentials.app_id,
        "seller_id": credentials.seller_id,
        "timestamp": beijing_time(),
    }
    return sign_alipay_message(params, credentials)


def sign_alipay_message(params, credentials):
    signed = {**params, "sign_type": "RSA2"}
    signed["sign"] = rsa2_sign(credentials.alipay_private_key, notify_sign_content(signed))
    return signed


def money(amount):
    return f"{amount:.2f}"
