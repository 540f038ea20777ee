"""Signing up by mobile: a code texted through the SMS outbox proves the number; the e-mail is
optional. Wrong, expired, spent or foreign codes, and too many texts, are refused in Chinese and
create nothing."""

import re
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F
from django.test import Client

from shop.sms.models import OutboxMessage
from shop.users import services
from shop.users.exceptions import VerificationRefused
from shop.users.models import MobileVerification

pytestmark = pytest.mark.django_db

User = get_user_model()
REGISTER_URL = "/shop/accounts/register/"
PASSWORD = "Suixian-Muer-2026"
MOBILE = "13700001111"


def ask_for_code(client, mobile=MOBILE, **extra):
    return client.post(REGISTER_URL, {"mobile": mobile, "send_code": "1"}, **extra)


def texted_code(mobile=MOBILE):
    """The code in the newest text the outbox kept for ``mobile``."""
    message = OutboxMessage.objects.filter(mobile=mobile).first()
    assert message is not None, f"no text to {mobile}"
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def sign_up(client, code, **fields):
    data = {"code": code, "password1": PASSWORD, "password2": PASSWORD, "registration_submit": "1"}
    return client.post(REGISTER_URL, {**data, **fields})


def as_if_sent_ago(delta):
    """Moves every recorded code back in time by ``delta``, as if that much time had passed."""
    MobileVerification.objects.update(created_at=F("created_at") - delta, expires_at=F("expires_at") - delta)


def test_shopper_signs_up_with_the_texted_code_and_logs_in_with_the_mobile(client):
    page = client.get(REGISTER_URL).content.decode()
    assert "获取验证码" in page and 'id="register_form"' not in page

    response = ask_for_code(client)

    assert response.status_code == 302
    message = OutboxMessage.objects.get(mobile=MOBILE)
    assert message.text.startswith("【稳富】您的注册验证码是 ")
    assert "10 分钟内有效" in message.text
    code = texted_code()
    # Only a keyed hash of the code is stored.
    assert code not in MobileVerification.objects.get().code_hash
    page = client.get(REGISTER_URL).content.decode()
    assert f"验证码已发送至 {MOBILE}" in page and "重新获取验证码" in page

    response = sign_up(client, code)

    assert response.status_code == 302
    user = User.objects.get(mobile=MOBILE)
    assert user.email is None and str(user) == MOBILE and user.get_full_name() == MOBILE
    assert client.get("/shop/accounts/profile/").status_code == 200
    assert MobileVerification.objects.get().used_at is not None
    client.post("/shop/accounts/logout/")
    login = {"login-username": MOBILE, "login-password": PASSWORD, "login_submit": "1"}
    assert client.post("/shop/accounts/login/", login).status_code == 302
    assert client.get("/shop/accounts/profile/").status_code == 200


def test_the_login_page_starts_sign_up_by_mobile_and_links_to_email(client):
    page = client.get("/shop/accounts/login/").content.decode()
    assert 'id="sms_code_form"' in page and "获取验证码" in page
    assert "?via=email" in page and "用邮箱注册" in page


def test_an_email_given_with_the_mobile_logs_in_too(client):
    ask_for_code(client)
    assert sign_up(client, texted_code(), email="Li.Na@Example.cn").status_code == 302
    user = User.objects.get(mobile=MOBILE)
    assert user.email == "Li.Na@example.cn"
    client.post("/shop/accounts/logout/")
    login = {"login-username": "li.na@example.cn", "login-password": PASSWORD, "login_submit": "1"}
    assert client.post("/shop/accounts/login/", login).status_code == 302


def test_two_shoppers_without_email_both_sign_up_and_keep_no_email_after_editing_their_profile(client):
    for mobile in (MOBILE, "13700002222"):
        client.logout()
        ask_for_code(client, mobile)
        assert sign_up(client, texted_code(mobile)).status_code == 302
        profile = {"first_name": "娜", "last_name": "李", "email": ""}
        response = client.post("/shop/accounts/profile/edit/", profile)
        assert response.status_code == 302, response.content.decode()[:3000]
    accounts = User.objects.order_by("mobile").values_list("email", "last_name")
    assert list(accounts) == [(None, "李"), (None, "李")]


def test_a_wrong_code_is_refused_with_the_attempts_left_and_after_five_even_the_right_one(client):
    ask_for_code(client)
    code = texted_code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    page = sign_up(client, wrong).content.decode()

    assert "验证码不正确，还可以再试 4 次。" in page
    assert not User.objects.exists()
    for _attempt in range(4):
        page = sign_up(client, wrong).content.decode()
    assert "已输错 5 次，请重新获取" in page
    page = sign_up(client, code).content.decode()
    assert "验证码输错次数过多，请重新获取。" in page
    assert not User.objects.exists()


def test_an_expired_code_is_refused(client):
    ask_for_code(client)
    as_if_sent_ago(timedelta(minutes=10, seconds=1))

    page = sign_up(client, texted_code()).content.decode()

    assert "验证码已失效，请重新获取。" in page
    assert not User.objects.exists()


def test_a_mistyped_password_does_not_spend_the_code(client):
    ask_for_code(client)
    page = sign_up(client, texted_code(), password2="something-else").content.decode()
    assert not User.objects.exists()
    assert MobileVerification.objects.get().used_at is None
    assert "两次密码不匹配" in page
    assert "验证码不正确" not in page
    assert sign_up(client, texted_code()).status_code == 302


def test_a_new_code_retires_the_old_one_and_comes_only_after_a_minute(client):
    ask_for_code(client)
    first = texted_code()

    response = ask_for_code(client)

    assert "验证码已发送，请" in response.content.decode() and "秒后再重新获取" in response.content.decode()
    assert OutboxMessage.objects.count() == 1
    as_if_sent_ago(timedelta(seconds=61))
    assert ask_for_code(client).status_code == 302
    second = texted_code()
    assert OutboxMessage.objects.count() == 2
    if first != second:
        assert "验证码不正确" in sign_up(client, first).content.decode()
    assert sign_up(client, second).status_code == 302


def test_texts_to_one_number_stop_at_ten_a_day(client):
    for _text in range(services.MAX_CODES_PER_MOBILE_PER_DAY):
        assert ask_for_code(client).status_code == 302
        as_if_sent_ago(timedelta(seconds=61))

    page = ask_for_code(client).content.decode()

    assert "该手机号今天获取验证码的次数已达上限" in page
    assert OutboxMessage.objects.count() == services.MAX_CODES_PER_MOBILE_PER_DAY


def test_texts_from_one_address_stop_at_twenty_an_hour(client):
    for number in range(services.MAX_CODES_PER_ADDRESS_PER_HOUR):
        assert ask_for_code(client, f"137{number:08d}", REMOTE_ADDR="198.51.100.9").status_code == 302

    page = ask_for_code(client, "13900000000", REMOTE_ADDR="198.51.100.9").content.decode()

    assert "获取验证码过于频繁" in page
    assert not OutboxMessage.objects.filter(mobile="13900000000").exists()
    # Another address is not held up by it.
    assert ask_for_code(client, "13900000000", REMOTE_ADDR="198.51.100.10").status_code == 302


@pytest.mark.parametrize("mobile", ["1234567890", "23912345678", "139123456789", "1391234567a", ""])
def test_a_malformed_number_gets_no_text(client, mobile):
    page = ask_for_code(client, mobile).content.decode()
    assert "11 位中国大陆手机号码" in page or "请填写手机号。" in page
    assert not OutboxMessage.objects.exists() and not MobileVerification.objects.exists()


def test_a_number_with_an_account_gets_no_sign_up_text(client):
    User.objects.create_user("zhang.wei@example.cn", PASSWORD, mobile=MOBILE)
    page = ask_for_code(client).content.decode()
    assert "该手机号已注册，请直接登录" in page
    assert not OutboxMessage.objects.exists()


def test_a_code_proves_only_the_number_and_visitor_it_was_sent_to(client):
    ask_for_code(client)
    code = texted_code()
    # Another visitor with the code (and a number of their choosing in the post) gets nothing.
    stranger = Client()
    response = stranger.post(
        REGISTER_URL,
        {
            "mobile": "13800005555",
            "code": code,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "registration_submit": 1,
        },
    )
    assert response.status_code == 302
    assert not User.objects.exists()
    assert "请先获取短信验证码" in stranger.get(REGISTER_URL).content.decode()
    # The visitor it was sent to cannot switch the number either: the account is the texted one's.
    assert sign_up(client, code, mobile="13800005555").status_code == 302
    assert list(User.objects.values_list("mobile", flat=True)) == [MOBILE]


def test_without_an_sms_service_sign_up_is_by_email_only(client, settings):
    settings.SMS_BACKEND = ""
    page = client.get(REGISTER_URL).content.decode()
    assert "本站暂未开通短信服务，请用邮箱注册。" in page and "获取验证码" not in page
    assert "获取验证码" not in client.get("/shop/accounts/login/").content.decode()
    ask_for_code(client)
    assert not MobileVerification.objects.exists()
    email_sign_up = {"email": "wang.fang@example.cn", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(REGISTER_URL, {**email_sign_up, "registration_submit": "1"})
    assert response.status_code == 302
    assert User.objects.get(email="wang.fang@example.cn").mobile is None


def test_email_sign_up_stays_a_tab_away(client):
    page = client.get(REGISTER_URL + "?via=email").content.decode()
    assert 'name="email"' in page and 'name="code"' not in page
    email_sign_up = {"email": "wang.fang@example.cn", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(REGISTER_URL + "?via=email", {**email_sign_up, "registration_submit": "1"})
    assert response.status_code == 302
    assert User.objects.filter(email="wang.fang@example.cn", mobile=None).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)")
def test_two_requests_at_once_send_one_text():
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        barrier.wait()
        try:
            services.mobile_verification_send(
                mobile=MOBILE, purpose=MobileVerification.Purpose.REGISTER, client_ip="203.0.113.5"
            )
            outcomes.append("sent")
        except VerificationRefused as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _thread in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("sent") == 1, outcomes
    assert any("秒后再重新获取" in outcome for outcome in outcomes), outcomes
    assert OutboxMessage.objects.count() == 1


RESET_URL = "/shop/accounts/password-reset/mobile/"


def reset_password(client, code, password="Xin-Mima-2026!"):
    data = {"code": code, "new_password1": password, "new_password2": password}
    return client.post(RESET_URL, data)


def test_a_shopper_without_email_resets_the_password_by_a_texted_code(client):
    User.objects.create_user("placeholder@example.cn", PASSWORD, mobile=MOBILE)
    User.objects.filter(mobile=MOBILE).update(email=None)
    assert "用手机号找回" in client.get("/shop/accounts/login/").content.decode()

    response = client.post(RESET_URL, {"mobile": MOBILE, "send_code": "1"})

    assert response.status_code == 302
    assert "您正在找回稳富账号的密码" in OutboxMessage.objects.get(mobile=MOBILE).text
    response = reset_password(client, texted_code())
    assert response.status_code == 302 and response["Location"] == "/shop/accounts/login/"
    login = {"login-username": MOBILE, "login-password": "Xin-Mima-2026!", "login_submit": "1"}
    assert client.post("/shop/accounts/login/", login).status_code == 302


def test_a_wrong_reset_code_changes_no_password(client):
    user = User.objects.create_user("zhang.wei@example.cn", PASSWORD, mobile=MOBILE)
    client.post(RESET_URL, {"mobile": MOBILE, "send_code": "1"})
    wrong = f"{(int(texted_code()) + 1) % 1_000_000:06d}"

    page = reset_password(client, wrong).content.decode()

    assert "验证码不正确，还可以再试 4 次。" in page
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_reset_for_a_number_without_an_account_looks_the_same_and_texts_nothing(client):
    response = client.post(RESET_URL, {"mobile": "13800007777", "send_code": "1"}, follow=True)

    assert "如果 13800007777 已注册，验证码已发送" in response.content.decode()
    assert not OutboxMessage.objects.exists()
    # It is throttled exactly like a registered number.
    again = client.post(RESET_URL, {"mobile": "13800007777", "send_code": "1"}).content.decode()
    assert "秒后再重新获取" in again
    assert "验证码不正确" in reset_password(client, "000000").content.decode()


def test_asking_for_a_code_does_not_redirect_to_another_site(client):
    response = client.post(
        REGISTER_URL, {"mobile": MOBILE, "send_code": "1", "next": "https://evil.example.com/"}
    )

    assert response.status_code == 302
    assert response["Location"] == REGISTER_URL
    # A path of this site is kept, for after signing up.
    as_if_sent_ago(timedelta(seconds=61))
    response = client.post(REGISTER_URL, {"mobile": MOBILE, "send_code": "1", "next": "/shop/basket/"})
    assert response["Location"] == REGISTER_URL + "?next=%2Fshop%2Fbasket%2F"
