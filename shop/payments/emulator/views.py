"""The emulated gateway (``gateway.do``), its cashier, and a page listing recent trades."""

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .api import api_answer
from .constants import API_METHODS, PAY_METHODS
from .credentials import dev_credentials
from .exceptions import EmulatorError, invalid_argument
from .models import EmulatedTrade
from .protocol import (
    biz_content,
    gateway_params,
    signed_api_response,
    signed_return_params,
    verify_app_request,
)
from .selectors import trades_recent


# Alipay's gateway takes the SDK's auto-submitting form from any site: no CSRF token there.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def gateway(request):
    params = gateway_params(request)
    method = params.get("method", "")
    if method in PAY_METHODS:
        return _pay_request(request, params, method)
    return _api_request(params, method)


def _pay_request(request, params, method):
    """A page or WAP pay request: verified, recorded, then the buyer goes to the cashier."""
    try:
        verify_app_request(params, dev_credentials())
        trade = services.emulated_trade_open(
            product_code=PAY_METHODS[method],
            content=biz_content(params),
            notify_url=params.get("notify_url", ""),
            return_url=params.get("return_url", ""),
            request_timestamp=params["timestamp"],
        )
    except EmulatorError as error:
        return _error_page(request, error)
    return redirect("alipay-emulator:cashier", pk=trade.pk)


def _api_request(params, method):
    """query, refund, close: a signed JSON answer, HTTP 200 even for errors, as Alipay does."""
    credentials = dev_credentials()
    try:
        verify_app_request(params, credentials)
        if method not in API_METHODS:
            raise invalid_argument("isv.invalid-method", _("不存在的方法名：%(method)s") % {"method": method})
        payload = api_answer(method, biz_content(params))
    except EmulatorError as error:
        payload = error.as_payload()
    return HttpResponse(
        signed_api_response(method, payload, credentials), content_type="application/json; charset=utf-8"
    )


@require_http_methods(["GET", "POST"])
def cashier(request, pk):
    trade = get_object_or_404(EmulatedTrade, pk=pk)
    return render(request, "payments/emulator/cashier.html", {"trade": trade, "seller": dev_credentials()})


@require_POST
def pay(request, pk):
    """确认付款: the trade is paid, the notify queued, the buyer sent back with signed parameters."""
    trade = get_object_or_404(EmulatedTrade, pk=pk)
    try:
        trade = services.emulated_trade_pay(trade_id=trade.pk)
    except EmulatorError as error:
        return _error_page(request, error, trade=trade)
    if not trade.return_url:
        return cashier(request, pk=trade.pk)
    params = signed_return_params(trade, credentials=dev_credentials())
    return HttpResponseRedirect(_with_query(trade.return_url, params))


@require_POST
def cancel(request, pk):
    """取消: back to the shop without paying; the trade keeps waiting for payment."""
    trade = get_object_or_404(EmulatedTrade, pk=pk)
    back = trade.quit_url or trade.return_url
    return HttpResponseRedirect(back) if back else redirect("alipay-emulator:trade-list")


@require_POST
def resend_notify(request, pk):
    trade = get_object_or_404(EmulatedTrade, pk=pk)
    try:
        services.emulated_trade_renotify(trade_id=trade.pk)
    except EmulatorError as error:
        return _error_page(request, error, trade=trade)
    return redirect("alipay-emulator:trade-list")


@require_GET
def trade_list(request):
    context = {"trades": trades_recent(), "credentials": dev_credentials()}
    return render(request, "payments/emulator/trade_list.html", context)


def _error_page(request, error, *, trade=None):
    return render(request, "payments/emulator/error.html", {"error": error, "trade": trade}, status=400)


def _with_query(url, params):
    return url + ("&" if "?" in url else "?") + urlencode(params)
