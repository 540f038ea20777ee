"""Accounts: e-mail or mobile login, registration with a mobile, Wagtail's user admin."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "suixian-Xianggu-2026"


@pytest.fixture
def shopper():
    return User.objects.create_user("zhang.wei@example.cn", PASSWORD, mobile="13912345678")


def log_in(client, username, password=PASSWORD):
    return client.post(
        "/shop/accounts/login/",
        {"login-username": username, "login-password": password, "login_submit": "1"},
    )


@pytest.mark.parametrize("username", ["zhang.wei@example.cn", "ZHANG.WEI@example.cn", "13912345678"])
def test_shopper_logs_in_with_email_or_mobile(client, shopper, username):
    response = log_in(client, username)
    assert response.status_code == 302
    assert client.get("/shop/accounts/profile/").status_code == 200


def test_wrong_password_gets_a_chinese_message_and_no_session(client, shopper):
    response = log_in(client, "13912345678", "not-the-password")
    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()
    assert client.get("/shop/accounts/profile/").status_code == 302


def test_registration_stores_the_mobile_for_later_logins(client):
    response = client.post(
        "/shop/accounts/login/",
        {
            "registration-email": "li.na@example.cn",
            "registration-mobile": "13700001111",
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
            "registration_submit": "1",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="li.na@example.cn").mobile == "13700001111"
    client.logout()
    assert log_in(client, "13700001111").status_code == 302


@pytest.mark.parametrize("mobile", ["1234567890", "23912345678", "139123456789", "1391234567a"])
def test_registration_refuses_a_malformed_mobile(client, mobile):
    response = client.post(
        "/shop/accounts/login/",
        {
            "registration-email": "wang.fang@example.cn",
            "registration-mobile": mobile,
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
            "registration_submit": "1",
        },
    )
    assert response.status_code == 200
    assert "11 位中国大陆手机号码" in response.content.decode()
    assert not User.objects.filter(email="wang.fang@example.cn").exists()


def test_registration_refuses_a_mobile_already_in_use(client, shopper):
    response = client.post(
        "/shop/accounts/login/",
        {
            "registration-email": "other@example.cn",
            "registration-mobile": "13912345678",
            "registration-password1": PASSWORD,
            "registration-password2": PASSWORD,
            "registration_submit": "1",
        },
    )
    assert "该手机号已被注册" in response.content.decode()
    assert not User.objects.filter(email="other@example.cn").exists()


def test_wagtail_user_admin_creates_an_account_with_a_mobile(client):
    operator = User.objects.create_superuser("operator@example.cn", PASSWORD)
    client.force_login(operator)
    form_page = client.get("/cms/users/new/")
    assert 'name="mobile"' in form_page.content.decode()
    response = client.post(
        "/cms/users/new/",
        {
            "email": "editor@example.cn",
            "first_name": "敏",
            "last_name": "陈",
            "mobile": "13600002222",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="editor@example.cn").mobile == "13600002222"
