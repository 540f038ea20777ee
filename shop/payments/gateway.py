"""The Alipay gateway: the only module that talks to the official SDK (``alipay-sdk-python``).

The rest of the project sees :class:`AlipayGateway` and the frozen results below. Requests are
built and signed by the SDK; query, refund and close are sent by this module (the SDK's own
transport drops the port of ``server_url``), and every answer's RSA2 signature is verified
with Alipay's public key before it is believed.
"""

import base64
import binascii
import datetime
import functools
import importlib
import json
import re
import types
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

import rsa
from alipay.aop.api.AlipayClientConfig import AlipayClientConfig
from alipay.aop.api.DefaultAlipayClient import DefaultAlipayClient
from alipay.aop.api.domain.AlipayTradeCloseModel import AlipayTradeCloseModel
from alipay.aop.api.domain.AlipayTradePagePayModel import AlipayTradePagePayModel
from alipay.aop.api.domain.AlipayTradeQueryModel import AlipayTradeQueryModel
from alipay.aop.api.domain.AlipayTradeRefundModel import AlipayTradeRefundModel
from alipay.aop.api.domain.AlipayTradeWapPayModel import AlipayTradeWapPayModel
from alipay.aop.api.exception.Exception import AopException, RequestException
from alipay.aop.api.request.AlipayTradeCloseRequest import AlipayTradeCloseRequest
from alipay.aop.api.request.AlipayTradePagePayRequest import AlipayTradePagePayRequest
from alipay.aop.api.request.AlipayTradeQueryRequest import AlipayTradeQueryRequest
from alipay.aop.api.request.AlipayTradeRefundRequest import AlipayTradeRefundRequest
from alipay.aop.api.request.AlipayTradeWapPayRequest import AlipayTradeWapPayRequest
from alipay.aop.api.util.SignatureUtils import get_sign_content, verify_with_rsa
from Crypto.PublicKey import RSA
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

BEIJING = ZoneInfo("Asia/Shanghai")
EMULATOR_GATEWAY_PATH = "/payments/emulator/gateway.do"
PAGE_PAY_PRODUCT_CODE = "FAST_INSTANT_TRADE_PAY"
WAP_PAY_PRODUCT_CODE = "QUICK_WAP_WAY"
TRADE_NOT_EXIST = "ACQ.TRADE_NOT_EXIST"
# Alipay's answers whose outcome is unknown: the same request must simply be sent again.
RETRY_CODES = {"20000"}
RETRY_SUB_CODES = {"ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR"}


class _BeijingDatetime(datetime.datetime):
    """``now()`` without a zone is Beijing time, whatever the server's own TZ."""

    @classmethod
    def now(cls, tz=None):
        if tz is not None:
            return datetime.datetime.now(tz)
        return datetime.datetime.now(BEIJING).replace(tzinfo=None)


# The SDK stamps every request's ``timestamp`` with ``datetime.datetime.now()``, the server's
# local time; Alipay reads it as Beijing time. Only the SDK module's own ``datetime`` is replaced.
importlib.import_module(DefaultAlipayClient.__module__).datetime = types.SimpleNamespace(
    datetime=_BeijingDatetime
)


@dataclass(frozen=True)
class PayRequest:
    out_trade_no: str
    total_amount: Decimal  # yuan, 2 places
    subject: str
    return_url: str  # absolute
    notify_url: str  # absolute
    # After this Alipay refuses to take the payment (the shop closes the order then too).
    time_expire: datetime.datetime | None = None  # aware
    # Where the phone cashier's 退出 leads (absolute); its return_url when empty.
    quit_url: str = ""


@dataclass(frozen=True)
class TradeQuery:
    out_trade_no: str
    found: bool  # False when Alipay says the trade does not exist (ACQ.TRADE_NOT_EXIST)
    trade_status: str  # "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_CLOSED" | "TRADE_FINISHED" | ""
    trade_no: str
    total_amount: Decimal | None


@dataclass(frozen=True)
class RefundResult:
    ok: bool
    out_request_no: str
    refund_amount: Decimal | None  # this request's amount as Alipay confirms it (its send_back_fee)
    total_refunded: Decimal | None  # Alipay's refund_fee: all refunded on the trade so far
    fund_change: bool  # False ("N") when a retried out_request_no paid nothing new
    message: str  # Chinese, for the operator, when not ok


@dataclass(frozen=True)
class CloseResult:
    ok: bool
    message: str


@dataclass(frozen=True)
class Notify:
    out_trade_no: str
    trade_no: str
    trade_status: str
    total_amount: Decimal
    app_id: str
    seller_id: str
    notify_id: str
    gmt_payment: str
    params: dict  # everything received


class GatewayError(Exception):
    """Alipay could not be asked or its answer cannot be believed: network error, timeout, an
    unsigned or badly signed answer, or an answer whose outcome is unknown. The message is Chinese."""


class AlipayGateway:
    """Alipay's 电脑网站支付, 手机网站支付, query, refund and close, through the official SDK."""

    def __init__(self, *, app_id, seller_id, app_private_key, alipay_public_key, server_url, timeout=10):
        self.app_id = app_id
        self.seller_id = seller_id
        self.server_url = server_url
        self.timeout = timeout
        self._alipay_public_key = _public_key_for_sdk(alipay_public_key)
        config = AlipayClientConfig()
        config.app_id = app_id
        config.app_private_key = _private_key_for_sdk(app_private_key)
        config.alipay_public_key = self._alipay_public_key
        config.server_url = server_url
        config.sign_type = "RSA2"
        config.charset = "utf-8"
        config.timeout = timeout
        self._client = DefaultAlipayClient(alipay_client_config=config)

    # --- Paying: URLs the buyer's browser opens ------------------------------------------------

    def page_pay_url(self, request: PayRequest) -> str:
        """The GET URL of Alipay's desktop cashier (alipay.trade.page.pay)."""
        model = AlipayTradePagePayModel()
        _fill_pay_model(model, request, PAGE_PAY_PRODUCT_CODE)
        return self._pay_url(AlipayTradePagePayRequest(biz_model=model), request)

    def wap_pay_url(self, request: PayRequest) -> str:
        """The GET URL of Alipay's mobile cashier (alipay.trade.wap.pay); quitting leads to quit_url."""
        model = AlipayTradeWapPayModel()
        _fill_pay_model(model, request, WAP_PAY_PRODUCT_CODE)
        model.quit_url = request.quit_url or request.return_url
        return self._pay_url(AlipayTradeWapPayRequest(biz_model=model), request)

    def _pay_url(self, sdk_request, request):
        sdk_request.return_url = request.return_url
        sdk_request.notify_url = request.notify_url
        try:
            return self._client.page_execute(sdk_request, http_method="GET")
        except (AopException, RequestException) as error:
            raise GatewayError(_("支付请求签名失败：%(error)s") % {"error": error}) from error

    # --- OpenAPI calls ---------------------------------------------------------------------------

    def query(self, out_trade_no, *, timeout=None) -> TradeQuery:
        """The trade as Alipay knows it (alipay.trade.query); ``found`` False when it has none.
        ``timeout`` (seconds) bounds the wait where a person is waiting for the answer."""
        model = AlipayTradeQueryModel()
        model.out_trade_no = out_trade_no
        answer = self._call(AlipayTradeQueryRequest(biz_model=model), "alipay.trade.query", timeout=timeout)
        if answer.get("code") != "10000":
            if answer.get("sub_code") == TRADE_NOT_EXIST:
                return TradeQuery(out_trade_no, found=False, trade_status="", trade_no="", total_amount=None)
            raise GatewayError(_("支付宝交易查询失败：%(reason)s") % {"reason": _reason(answer)})
        return TradeQuery(
            out_trade_no=answer.get("out_trade_no", out_trade_no),
            found=True,
            trade_status=answer.get("trade_status", ""),
            trade_no=answer.get("trade_no", ""),
            total_amount=_decimal(answer.get("total_amount")),
        )

    def refund(self, *, out_trade_no, refund_amount, out_request_no, reason="") -> RefundResult:
        """Refunds ``refund_amount`` yuan (alipay.trade.refund); retry with the same out_request_no."""
        model = AlipayTradeRefundModel()
        model.out_trade_no = out_trade_no
        model.refund_amount = _yuan(refund_amount)
        model.out_request_no = out_request_no
        if reason:
            model.refund_reason = reason
        answer = self._call(AlipayTradeRefundRequest(biz_model=model), "alipay.trade.refund")
        if answer.get("code") != "10000":
            return RefundResult(
                ok=False,
                out_request_no=out_request_no,
                refund_amount=None,
                total_refunded=None,
                fund_change=False,
                message=_("退款失败：%(reason)s") % {"reason": _reason(answer)},
            )
        return RefundResult(
            ok=True,
            out_request_no=out_request_no,
            refund_amount=_decimal(answer.get("send_back_fee")),
            total_refunded=_decimal(answer.get("refund_fee")),
            fund_change=answer.get("fund_change") == "Y",
            message="",
        )

    def close(self, out_trade_no) -> CloseResult:
        """Closes a trade still waiting for payment (alipay.trade.close)."""
        model = AlipayTradeCloseModel()
        model.out_trade_no = out_trade_no
        answer = self._call(AlipayTradeCloseRequest(biz_model=model), "alipay.trade.close")
        if answer.get("code") != "10000":
            return CloseResult(ok=False, message=_("关闭交易失败：%(reason)s") % {"reason": _reason(answer)})
        return CloseResult(ok=True, message="")

    def _call(self, sdk_request, method, *, timeout=None):
        """Signs the request with the SDK, POSTs it, and returns the verified response object."""
        try:
            query_string = self._client.sdk_execute(sdk_request)
        except (AopException, RequestException) as error:
            raise GatewayError(_("请求签名失败：%(error)s") % {"error": error}) from error
        signed = dict(urllib.parse.parse_qsl(query_string, keep_blank_values=True))
        # As the SDK itself sends them: common parameters in the query string, biz_content in the body.
        body = urllib.parse.urlencode({"biz_content": signed.pop("biz_content")}).encode("utf-8")
        separator = "&" if "?" in self.server_url else "?"
        http_request = urllib.request.Request(
            self.server_url + separator + urllib.parse.urlencode(signed),
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
        )
        answer = self._verified_response(method, self._post(http_request, timeout or self.timeout))
        if answer.get("code") in RETRY_CODES or answer.get("sub_code") in RETRY_SUB_CODES:
            message = _("支付宝暂时无法处理，请用相同参数重试：%(reason)s") % {"reason": _reason(answer)}
            raise GatewayError(message)
        return answer

    def _post(self, http_request, timeout):
        try:
            with urllib.request.urlopen(http_request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise GatewayError(_("支付宝网关返回 HTTP %(status)s") % {"status": error.code}) from error
        except (urllib.error.URLError, OSError) as error:
            # A timeout comes bare while reading, wrapped in URLError while connecting.
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                message = _("支付宝网关在 %(seconds)s 秒内没有应答") % {"seconds": timeout}
            else:
                message = _("无法连接支付宝网关：%(reason)s") % {"reason": reason}
            raise GatewayError(message) from error

    def _verified_response(self, method, raw):
        """The ``<method>_response`` object, once its exact JSON text verifies against ``sign``."""
        try:
            text = raw.decode("utf-8")
            document = json.loads(text)
        except (UnicodeDecodeError, ValueError) as error:
            raise GatewayError(_("支付宝应答无法解析")) from error
        key = method.replace(".", "_") + "_response"
        match = re.search(rf'"{re.escape(key)}"\s*:\s*', text)
        if not isinstance(document, dict) or match is None:
            error_answer = document.get("error_response") if isinstance(document, dict) else None
            reason = _reason(error_answer) if isinstance(error_answer, dict) else text[:200]
            raise GatewayError(_("支付宝应答格式无法识别：%(reason)s") % {"reason": reason})
        answer, end = json.JSONDecoder().raw_decode(text, match.end())
        sign = document.get("sign")
        if not sign:
            raise GatewayError(_("支付宝应答没有签名，不能采信"))
        if not self._verify(text[match.end() : end], sign) or not isinstance(answer, dict):
            raise GatewayError(_("支付宝应答验签失败，不能采信"))
        return answer

    # --- Notifies ----------------------------------------------------------------------------

    def verify_notify(self, params: dict) -> Notify | None:
        """The notify (or synchronous return) ``params`` if Alipay signed them, else None.

        RSA2 over the sorted parameters without ``sign`` and ``sign_type``. Whether its app_id,
        seller_id and amount match an order is for the caller to check.
        """
        data = {key: value for key, value in params.items()}
        sign = data.get("sign")
        if not sign or data.get("sign_type", "RSA2") != "RSA2":
            return None
        signed = {key: value for key, value in data.items() if key not in {"sign", "sign_type"}}
        content = get_sign_content(signed)
        if not self._verify(content, sign):
            return None
        total_amount = _decimal(data.get("total_amount"))
        if total_amount is None:
            return None
        return Notify(
            out_trade_no=data.get("out_trade_no", ""),
            trade_no=data.get("trade_no", ""),
            trade_status=data.get("trade_status", ""),
            total_amount=total_amount,
            app_id=data.get("app_id", ""),
            seller_id=data.get("seller_id", ""),
            notify_id=data.get("notify_id", ""),
            gmt_payment=data.get("gmt_payment", ""),
            params=data,
        )

    def _verify(self, content, sign):
        # The SDK raises on a bad signature instead of returning False.
        try:
            return verify_with_rsa(self._alipay_public_key, content.encode("utf-8"), sign)
        except (rsa.VerificationError, ValueError, TypeError, binascii.Error):
            return False


def get_gateway() -> AlipayGateway:
    """The gateway the settings describe; the local emulator's when it is on and no keys are set.
    Built once per process for each configuration: importing the two RSA keys costs about as much
    as signing a request, and every order's payment URL needs one.

    Raises ``ImproperlyConfigured`` when keys are missing, and for the emulator with DEBUG off:
    whoever reads its development keys could sign a payment that never happened.
    """
    if settings.ALIPAY_EMULATOR and not (settings.ALIPAY_APP_PRIVATE_KEY and settings.ALIPAY_PUBLIC_KEY):
        if not settings.DEBUG:
            raise ImproperlyConfigured(_("支付宝网关模拟器的密钥只能在开发环境（DEBUG 开启）中使用"))
        from shop.payments.emulator.credentials import dev_credentials

        credentials = dev_credentials()
        return _gateway(
            app_id=credentials.app_id,
            seller_id=credentials.seller_id,
            app_private_key=credentials.app_private_key,
            alipay_public_key=credentials.alipay_public_key,
            server_url=settings.SITE_URL.rstrip("/") + EMULATOR_GATEWAY_PATH,
        )
    required = ("ALIPAY_APP_ID", "ALIPAY_SELLER_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY")
    missing = [name for name in required if not getattr(settings, name)]
    if missing:
        raise ImproperlyConfigured(_("支付宝未配置：缺少 %(names)s") % {"names": "、".join(missing)})
    return _gateway(
        app_id=settings.ALIPAY_APP_ID,
        seller_id=settings.ALIPAY_SELLER_ID,
        app_private_key=settings.ALIPAY_APP_PRIVATE_KEY,
        alipay_public_key=settings.ALIPAY_PUBLIC_KEY,
        server_url=settings.ALIPAY_SERVER_URL,
    )


@functools.lru_cache(maxsize=8)
def _gateway(**config):
    """One gateway per configuration and process; it keeps no state between calls, so the
    threads of a worker share it."""
    return AlipayGateway(**config)


def _fill_pay_model(model, request, product_code):
    model.out_trade_no = request.out_trade_no
    model.total_amount = _yuan(request.total_amount)
    model.subject = request.subject
    model.product_code = product_code
    if request.time_expire is not None:
        model.time_expire = request.time_expire.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def _yuan(amount):
    """``12.30``: Alipay's amounts are strings of yuan with exactly two decimals."""
    amount = Decimal(amount)
    if amount <= 0:
        raise ValueError(_("金额必须大于 0：%(amount)s") % {"amount": amount})
    return f"{amount.quantize(Decimal('0.01'))}"


def _decimal(value):
    try:
        return Decimal(value) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _reason(answer):
    """Alipay's own words for an error, with its code for the operator to look up."""
    message = answer.get("sub_msg") or answer.get("msg") or _("未知错误")
    code = answer.get("sub_code") or answer.get("code") or ""
    return f"{message}（{code}）" if code else message


def _private_key_for_sdk(text):
    """What the SDK wants: the bare base64 body of a PKCS#1 key (it adds the PEM lines itself).

    Accepted: PEM or bare base64, PKCS#1 or PKCS#8 (Alipay's key tool offers both), with real
    or escaped (``\\n``) line breaks as environment variables often carry them.
    """
    key = _import_rsa_key(text, _("应用私钥 ALIPAY_APP_PRIVATE_KEY"))
    if not key.has_private():
        raise ImproperlyConfigured(_("应用私钥 ALIPAY_APP_PRIVATE_KEY 是公钥，不是私钥"))
    return base64.b64encode(key.export_key("DER", pkcs=1)).decode("ascii")


def _public_key_for_sdk(text):
    """The bare base64 body of a ``BEGIN PUBLIC KEY`` (X.509 SubjectPublicKeyInfo) key."""
    key = _import_rsa_key(text, _("支付宝公钥 ALIPAY_PUBLIC_KEY")).public_key()
    return base64.b64encode(key.export_key("DER")).decode("ascii")


def _import_rsa_key(text, label):
    text = (text or "").strip().replace("\\n", "\n")
    try:
        if not text.startswith("-----BEGIN"):
            text = base64.b64decode("".join(text.split()), validate=True)
        return RSA.import_key(text)
    except (ValueError, IndexError, TypeError, binascii.Error) as error:
        raise ImproperlyConfigured(_("%(label)s 不是有效的 RSA 密钥") % {"label": label}) from error
