"""What a shop and a buyer do with the gateway and the emulator's cashier, step by step."""

import uuid
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

from django.urls import reverse

from shop.payments.emulator.models import EmulatedTrade
from shop.payments.gateway import PayRequest


def pay_request(*, amount="88.50", subject="随县香菇礼盒 2 件", site="http://testserver", notify_path=None):
    """An order's pay request; its notify goes to ``notify_path`` on ``site``."""
    return PayRequest(
        out_trade_no=f"WF{uuid.uuid4().hex[:12].upper()}",
        total_amount=Decimal(amount),
        subject=subject,
        return_url=f"{site}/payments/alipay/return/",
        notify_url=f"{site}{notify_path or '/payments/alipay/notify/'}",
    )


def local(url):
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def open_cashier(client, pay_url):
    """The buyer follows the pay URL; returns the cashier page's response."""
    response = client.get(local(pay_url))
    assert response.status_code == 302, response.content.decode()
    return client.get(response["Location"])


def trade_of(request):
    return EmulatedTrade.objects.get(out_trade_no=request.out_trade_no)


def confirm(client, request):
    """The buyer presses 确认付款 on the cashier; returns the redirect response."""
    return client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade_of(request).pk}))


def pay(client, gateway, request):
    """Opens the cashier for ``request`` and pays; returns the redirect to the shop."""
    open_cashier(client, gateway.page_pay_url(request))
    return confirm(client, request)


def query_params(url):
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
