"""query, refund and close go over HTTP to the live emulator and come back signed and verified."""

import socket
import time
from decimal import Decimal

import pytest
from django.conf import settings

from shop.payments.emulator.credentials import dev_credentials
from shop.payments.gateway import AlipayGateway, GatewayError

from .flows import open_cashier, pay, pay_request

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.shop.payments.urls"),
    pytest.mark.usefixtures("eager_celery", "received_notifies"),
]


def paid_order(client, gateway, site, amount="100.00"):
    request = pay_request(amount=amount, site=site, notify_path="/test-notify/")
    pay(client, gateway, request)
    return request


def test_query_of_an_unknown_trade_says_it_is_not_found(live_gateway):
    result = live_gateway.query("WF-NO-SUCH-ORDER")

    assert result.found is False
    assert result.trade_status == ""
    assert result.total_amount is None


def test_query_follows_a_trade_from_waiting_to_paid(client, live_gateway, live_site):
    request = pay_request(amount="66.60", site=live_site, notify_path="/test-notify/")
    open_cashier(client, live_gateway.page_pay_url(request))

    waiting = live_gateway.query(request.out_trade_no)
    pay(client, live_gateway, request)
    paid = live_gateway.query(request.out_trade_no)

    assert waiting.found and waiting.trade_status == "WAIT_BUYER_PAY"
    assert paid.found and paid.trade_status == "TRADE_SUCCESS"
    assert paid.total_amount == Decimal("66.60")
    assert paid.trade_no == waiting.trade_no != ""


def test_partial_refund_is_idempotent_per_request_number_and_never_exceeds_the_payment(
    client, live_gateway, live_site
):
    request = paid_order(client, live_gateway, live_site, amount="100.00")

    first = live_gateway.refund(
        out_trade_no=request.out_trade_no,
        refund_amount=Decimal("30.00"),
        out_request_no="R1",
        reason="少发一件",
    )
    retried = live_gateway.refund(
        out_trade_no=request.out_trade_no, refund_amount=Decimal("30.00"), out_request_no="R1"
    )
    too_much = live_gateway.refund(
        out_trade_no=request.out_trade_no, refund_amount=Decimal("80.00"), out_request_no="R2"
    )

    assert first.ok and first.fund_change is True
    assert first.refund_amount == Decimal("30.00")
    assert first.total_refunded == Decimal("30.00")
    assert retried.ok and retried.fund_change is False
    assert retried.refund_amount == Decimal("30.00")
    assert retried.total_refunded == Decimal("30.00")
    assert too_much.ok is False
    assert "退款金额超限" in too_much.message
    assert "70.00" in too_much.message
    assert live_gateway.query(request.out_trade_no).trade_status == "TRADE_SUCCESS"


def test_refunding_everything_closes_the_trade(client, live_gateway, live_site):
    request = paid_order(client, live_gateway, live_site, amount="12.00")

    result = live_gateway.refund(
        out_trade_no=request.out_trade_no, refund_amount=Decimal("12"), out_request_no="A"
    )

    assert result.ok and result.total_refunded == Decimal("12.00")
    assert live_gateway.query(request.out_trade_no).trade_status == "TRADE_CLOSED"


def test_refund_of_an_unpaid_trade_is_refused(client, live_gateway, live_site):
    request = pay_request(site=live_site)
    open_cashier(client, live_gateway.page_pay_url(request))

    result = live_gateway.refund(
        out_trade_no=request.out_trade_no, refund_amount=Decimal("1.00"), out_request_no="R1"
    )

    assert result.ok is False
    assert result.fund_change is False
    assert "交易状态不合法" in result.message


def test_close_ends_an_unpaid_trade_but_not_a_paid_one(client, live_gateway, live_site):
    unpaid = pay_request(site=live_site)
    open_cashier(client, live_gateway.wap_pay_url(unpaid))
    paid = paid_order(client, live_gateway, live_site)

    closed = live_gateway.close(unpaid.out_trade_no)
    refused = live_gateway.close(paid.out_trade_no)
    unknown = live_gateway.close("WF-NO-SUCH-ORDER")

    assert closed.ok is True
    assert live_gateway.query(unpaid.out_trade_no).trade_status == "TRADE_CLOSED"
    assert refused.ok is False and "交易状态不合法" in refused.message
    assert live_gateway.query(paid.out_trade_no).trade_status == "TRADE_SUCCESS"
    assert unknown.ok is False and "交易不存在" in unknown.message


def test_an_answer_that_does_not_verify_raises(live_site):
    credentials = dev_credentials()
    # Trusting the app's own public key as Alipay's: the emulator's answers cannot verify.
    misconfigured = AlipayGateway(
        app_id=credentials.app_id,
        seller_id=credentials.seller_id,
        app_private_key=credentials.app_private_key,
        alipay_public_key=credentials.app_public_key,
        server_url=settings.SITE_URL + "/payments/emulator/gateway.do",
    )

    with pytest.raises(GatewayError, match="验签失败"):
        misconfigured.query("WF-ANY")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gateway_at(port, *, timeout):
    credentials = dev_credentials()
    return AlipayGateway(
        app_id=credentials.app_id,
        seller_id=credentials.seller_id,
        app_private_key=credentials.app_private_key,
        alipay_public_key=credentials.alipay_public_key,
        server_url=f"http://127.0.0.1:{port}/gateway.do",
        timeout=timeout,
    )


def test_an_unreachable_gateway_raises_within_the_timeout():
    gateway = gateway_at(closed_port(), timeout=2)

    started = time.monotonic()
    with pytest.raises(GatewayError, match="无法连接支付宝网关"):
        gateway.query("WF-ANY")
    with pytest.raises(GatewayError):
        gateway.refund(out_trade_no="WF-ANY", refund_amount=Decimal("1.00"), out_request_no="R1")
    with pytest.raises(GatewayError):
        gateway.close("WF-ANY")
    assert time.monotonic() - started < 6


def test_a_gateway_that_never_answers_raises_after_the_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        gateway = gateway_at(silent.getsockname()[1], timeout=1)

        started = time.monotonic()
        with pytest.raises(GatewayError, match="1 秒内没有应答"):
            gateway.query("WF-ANY")
        assert time.monotonic() - started < 3
