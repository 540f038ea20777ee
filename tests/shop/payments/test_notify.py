"""确认付款 sends a signed asynchronous notify, retried until the shop answers ``success``."""

from decimal import Decimal

import pytest
from Crypto.PublicKey import RSA

from shop.payments.constants import NoticeOutcome
from shop.payments.emulator.constants import NOTIFY_MAX_TRIES
from shop.payments.emulator.credentials import dev_credentials
from shop.payments.emulator.protocol import new_notify_id, signed_notify_params
from shop.payments.emulator.signing import notify_sign_content, rsa2_sign
from shop.payments.models import AlipayNotice

from . import urls as test_urls
from .flows import pay, pay_request, query_params, trade_of


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.shop.payments.urls")
@pytest.mark.usefixtures("eager_celery")
def test_confirmed_payment_notifies_the_shop_once_with_a_verifiable_notify(
    client, live_gateway, live_site, received_notifies
):
    request = pay_request(amount="128.00", subject="随县泡泡青", site=live_site, notify_path="/test-notify/")

    response = pay(client, live_gateway, request)

    trade = trade_of(request)
    assert response["Location"].startswith(request.return_url + "?")
    assert query_params(response["Location"])["trade_no"] == trade.trade_no
    assert len(received_notifies) == 1
    notify = live_gateway.verify_notify(received_notifies[0])
    assert notify is not None
    assert notify.out_trade_no == request.out_trade_no
    assert notify.trade_no == trade.trade_no
    assert notify.trade_status == "TRADE_SUCCESS"
    assert notify.total_amount == Decimal("128.00")
    assert notify.app_id == live_gateway.app_id
    assert notify.seller_id == live_gateway.seller_id
    assert notify.gmt_payment != ""
    assert notify.params["notify_type"] == "trade_status_sync"
    assert notify.params["subject"] == "随县泡泡青"
    attempts = list(trade.notify_attempts.all())
    assert [(a.http_status, a.body, a.delivered) for a in attempts] == [(200, "success", True)]
    # The attempt was on record while the shop was still answering it.
    assert test_urls.ATTEMPTS_RECORDED == [["发送中…"]]


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.shop.payments.urls")
@pytest.mark.usefixtures("eager_celery")
def test_a_notify_answered_failure_is_retried_a_bounded_number_of_times(client, live_gateway, live_site):
    # The project's own notify view answers "failure" for an order it does not have.
    request = pay_request(site=live_site, notify_path="/payments/alipay/notify/")

    pay(client, live_gateway, request)

    attempts = list(trade_of(request).notify_attempts.all())
    assert len(attempts) == NOTIFY_MAX_TRIES
    assert all(a.http_status == 200 and a.body == "failure" and not a.delivered for a in attempts)
    assert len({a.notify_id for a in attempts}) == 1
    assert trade_of(request).status == "TRADE_SUCCESS"
    page = client.get("/payments/emulator/").content.decode()
    assert page.count("failure") == NOTIFY_MAX_TRIES
    assert "重新发送通知" in page

    client.post(f"/payments/emulator/trades/{trade_of(request).pk}/notify/")

    attempts = list(trade_of(request).notify_attempts.all())
    assert len(attempts) == 2 * NOTIFY_MAX_TRIES
    assert len({a.notify_id for a in attempts}) == 2


@pytest.fixture
def genuine_notify(db, client, gateway):
    """The notify the emulator sends for a trade just paid (built as its task builds it)."""
    request = pay_request(amount="45.00")
    pay(client, gateway, request)
    return signed_notify_params(trade_of(request), notify_id=new_notify_id(), credentials=dev_credentials())


@pytest.mark.urls("tests.shop.payments.urls")
def test_a_genuine_notify_verifies(gateway, genuine_notify):
    notify = gateway.verify_notify(genuine_notify)

    assert notify is not None
    assert notify.total_amount == Decimal("45.00")
    assert notify.params == genuine_notify


def signed_by_another_key(params):
    forged = {key: value for key, value in params.items() if key != "sign"}
    forged["sign"] = rsa2_sign(RSA.generate(2048).export_key().decode(), notify_sign_content(forged))
    return forged


@pytest.mark.urls("tests.shop.payments.urls")
@pytest.mark.parametrize(
    "tamper",
    [
        lambda params: {**params, "total_amount": "0.01"},
        lambda params: {**params, "seller_id": "2088999999999999"},
        signed_by_another_key,
        lambda params: {key: value for key, value in params.items() if key != "sign"},
        lambda params: {**params, "sign": "not base64!"},
        lambda params: {**params, "sign_type": "RSA"},
    ],
    ids=["amount", "seller", "another-key", "missing-sign", "garbled-sign", "rsa1"],
)
def test_a_tampered_notify_does_not_verify(gateway, genuine_notify, tamper):
    assert gateway.verify_notify(tamper(genuine_notify)) is None


NOTIFY_URL = "/payments/alipay/notify/"


@pytest.mark.django_db
def test_a_notify_of_two_megabytes_is_refused_with_413_and_not_stored(client):
    response = client.post(
        NOTIFY_URL, {"out_trade_no": "100001", "sign": "forged", "body": "a" * 2 * 1024 * 1024}
    )

    assert response.status_code == 413
    assert response.content == b"failure"
    assert not AlipayNotice.objects.exists()


@pytest.mark.django_db
def test_an_unsigned_notify_is_stored_truncated(client):
    junk = {f"field{n}": "x" * 100 for n in range(60)}

    response = client.post(
        NOTIFY_URL, {"out_trade_no": "100001", "sign": "forged", "subject": "y" * 5000, **junk}
    )

    assert response.content == b"failure"
    notice = AlipayNotice.objects.get()
    assert notice.outcome == NoticeOutcome.REJECTED
    assert notice.out_trade_no == "100001"
    assert len(notice.params) == 40
    assert notice.params["subject"] == "y" * 256
