"""Pay URLs built by the real SDK open the emulator's cashier; tampered ones are refused."""

import dataclasses
import datetime
import json
import time
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from Crypto.PublicKey import RSA

from shop.payments.emulator.credentials import dev_credentials
from shop.payments.emulator.models import EmulatedTrade
from shop.payments.gateway import AlipayGateway

from .flows import confirm, local, open_cashier, pay_request, query_params, trade_of

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.shop.payments.urls")]


def with_params(url, **changes):
    """The pay URL with some parameters replaced (None removes one), as a tamperer would send it."""
    params = query_params(url)
    params.update(changes)
    base = url.split("?")[0]
    return base + "?" + urlencode({key: value for key, value in params.items() if value is not None})


def test_page_pay_url_shows_the_desktop_cashier_with_amount_and_subject(client, gateway):
    request = pay_request(amount="88.50", subject="随县香菇礼盒 2 件")
    url = gateway.page_pay_url(request)

    params = query_params(url)
    assert url.startswith("http://testserver/payments/emulator/gateway.do?")
    assert params["method"] == "alipay.trade.page.pay"
    assert params["sign_type"] == "RSA2"
    assert params["return_url"] == request.return_url
    assert params["notify_url"] == request.notify_url
    assert json.loads(params["biz_content"]) == {
        "out_trade_no": request.out_trade_no,
        "product_code": "FAST_INSTANT_TRADE_PAY",
        "subject": "随县香菇礼盒 2 件",
        "total_amount": "88.50",
    }

    page = open_cashier(client, url).content.decode()
    assert "¥</small>88.50" in page
    assert "随县香菇礼盒 2 件" in page
    assert "确认付款" in page and "取消" in page
    assert "电脑网站支付" in page
    trade = trade_of(request)
    assert trade.product_code == "FAST_INSTANT_TRADE_PAY"
    assert trade.status == "WAIT_BUYER_PAY"
    assert trade.total_amount == Decimal("88.50")
    assert trade.notify_url == request.notify_url


def test_wap_pay_url_shows_the_phone_cashier(client, gateway):
    request = pay_request(amount="19.90", subject="万和镇土蜂蜜")
    url = gateway.wap_pay_url(request)

    params = query_params(url)
    assert params["method"] == "alipay.trade.wap.pay"
    assert json.loads(params["biz_content"])["product_code"] == "QUICK_WAP_WAY"

    page = open_cashier(client, url).content.decode()
    assert 'name="viewport"' in page
    assert 'class="emu-wap"' in page
    assert "¥</small>19.90" in page and "万和镇土蜂蜜" in page and "确认付款" in page
    assert trade_of(request).product_code == "QUICK_WAP_WAY"


def test_pay_request_posted_as_a_form_opens_the_same_cashier(client, gateway):
    request = pay_request()
    params = query_params(gateway.page_pay_url(request))

    response = client.post("/payments/emulator/gateway.do", params)

    assert response.status_code == 302
    assert "88.50" in client.get(response["Location"]).content.decode()
    assert trade_of(request).product_code == "FAST_INSTANT_TRADE_PAY"


def test_a_second_pay_request_for_the_same_order_shows_the_same_trade(client, gateway):
    request = pay_request()
    first = client.get(local(gateway.page_pay_url(request)))
    second = client.get(local(gateway.wap_pay_url(request)))

    assert first["Location"] == second["Location"]
    assert EmulatedTrade.objects.filter(out_trade_no=request.out_trade_no).count() == 1


def test_the_same_order_with_another_amount_is_refused(client, gateway):
    request = pay_request(amount="88.50")
    client.get(local(gateway.page_pay_url(request)))
    changed = dataclasses.replace(request, total_amount=Decimal("8.85"))

    response = client.get(local(gateway.page_pay_url(changed)))

    assert response.status_code == 400
    assert "交易信息被篡改" in response.content.decode()
    assert trade_of(request).total_amount == Decimal("88.50")


def cheaper(url):
    return with_params(url, biz_content=query_params(url)["biz_content"].replace("88.50", "0.01"))


def forged_signature(url):
    return with_params(url, sign=query_params(url)["sign"][::-1])


def without_timestamp(url):
    return with_params(url, timestamp=None)


def unsigned(url):
    return with_params(url, sign=None)


def another_app(url):
    return with_params(url, app_id="2021000000009999")


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (cheaper, "验签出错"),
        (forged_signature, "验签出错"),
        (without_timestamp, "缺少必选参数 timestamp"),
        (unsigned, "缺少必选参数 sign"),
        (another_app, "无效的AppID参数"),
    ],
    ids=["amount", "signature", "timestamp", "sign", "app_id"],
)
def test_tampered_or_incomplete_pay_url_is_refused_and_records_nothing(client, gateway, tamper, message):
    request = pay_request(amount="88.50")

    response = client.get(local(tamper(gateway.page_pay_url(request))))

    assert response.status_code == 400
    assert "支付请求被拒绝" in response.content.decode()
    assert message in response.content.decode()
    assert not EmulatedTrade.objects.exists()


def test_pay_url_signed_with_another_apps_key_is_refused(client):
    credentials = dev_credentials()
    stranger = AlipayGateway(
        app_id=credentials.app_id,
        seller_id=credentials.seller_id,
        app_private_key=RSA.generate(2048).export_key("PEM", pkcs=1).decode(),
        alipay_public_key=credentials.alipay_public_key,
        server_url="http://testserver/payments/emulator/gateway.do",
    )

    response = client.get(local(stranger.page_pay_url(pay_request())))

    assert response.status_code == 400
    assert "验签出错" in response.content.decode()
    assert not EmulatedTrade.objects.exists()


def test_pkcs8_and_bare_base64_keys_sign_alike(client):
    """Keys pasted as Alipay's key tool gives them: PKCS#8 PEM, or bare base64 on one line."""
    credentials = dev_credentials()
    pkcs8 = RSA.import_key(credentials.app_private_key).export_key("PEM", pkcs=8).decode()
    bare_public = "".join(credentials.alipay_public_key.splitlines()[1:-1])
    gateway = AlipayGateway(
        app_id=credentials.app_id,
        seller_id=credentials.seller_id,
        app_private_key=pkcs8,
        alipay_public_key=bare_public,
        server_url="http://testserver/payments/emulator/gateway.do",
    )

    response = client.get(local(gateway.page_pay_url(pay_request())))

    assert response.status_code == 302


def test_confirm_pays_and_returns_the_buyer_with_signed_parameters(client, gateway):
    request = pay_request(amount="88.50")
    open_cashier(client, gateway.page_pay_url(request))

    response = confirm(client, request)

    trade = trade_of(request)
    assert trade.status == "TRADE_SUCCESS"
    assert len(trade.trade_no) == 28
    assert response.status_code == 302
    assert response["Location"].startswith(request.return_url + "?")
    returned = gateway.verify_notify(query_params(response["Location"]))
    assert returned is not None
    assert returned.out_trade_no == request.out_trade_no
    assert returned.trade_no == trade.trade_no
    assert returned.total_amount == Decimal("88.50")
    assert returned.seller_id == gateway.seller_id
    assert returned.params["method"] == "alipay.trade.page.pay.return"
    assert "该交易已支付成功" in client.get(f"/payments/emulator/trades/{trade.pk}/").content.decode()


def test_cancel_returns_to_the_shop_without_paying(client, gateway):
    request = pay_request()
    open_cashier(client, gateway.wap_pay_url(request))

    response = client.post(f"/payments/emulator/trades/{trade_of(request).pk}/cancel/")

    assert response.status_code == 302
    assert response["Location"] == request.return_url
    assert trade_of(request).status == "WAIT_BUYER_PAY"
    assert "确认付款" in client.get(f"/payments/emulator/trades/{trade_of(request).pk}/").content.decode()


def test_an_unpaid_trade_has_no_notify_to_resend(client, gateway):
    request = pay_request()
    open_cashier(client, gateway.page_pay_url(request))

    response = client.post(f"/payments/emulator/trades/{trade_of(request).pk}/notify/")

    assert response.status_code == 400
    assert "交易尚未付款" in response.content.decode()
    assert not trade_of(request).notify_attempts.exists()


@pytest.fixture
def server_in_los_angeles(monkeypatch):
    """The process's local time is US Pacific, as on a server set up abroad."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("server_in_los_angeles")
def test_requests_are_stamped_with_beijing_time_whatever_the_servers_zone(client, gateway):
    request = pay_request()
    client.get(local(gateway.page_pay_url(request)))

    stamped = datetime.datetime.strptime(trade_of(request).request_timestamp, "%Y-%m-%d %H:%M:%S")
    beijing_now = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).replace(tzinfo=None)
    assert abs(beijing_now - stamped) < datetime.timedelta(minutes=1)


def test_trade_list_shows_recent_trades(client, gateway):
    request = pay_request(subject="殷店镇板栗")
    open_cashier(client, gateway.page_pay_url(request))

    page = client.get("/payments/emulator/").content.decode()

    assert request.out_trade_no in page
    assert "殷店镇板栗" in page
    assert "等待买家付款" in page
    assert gateway.app_id in page
