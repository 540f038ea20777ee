"""Accounts: e-mail or mobile login, e-mail sign-up, Wagtail's user admin (sign-up by mobile:
test_sign_up_by_mobile.py)."""

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


def test_a_mobile_posted_with_the_email_sign_up_is_not_attached_unproven(client):
    # Sign-up by e-mail takes no mobile: a number becomes an account's only through its texted code,
    # so nobody can take a stranger's number (and its logins) by typing it.
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
    assert User.objects.get(email="li.na@example.cn").mobile is None


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


def test_the_admin_refuses_an_account_with_neither_email_nor_mobile(client):
    operator = User.objects.create_superuser("operator@example.cn", PASSWORD)
    client.force_login(operator)
    response = client.post(
        "/django-admin/users/user/add/",
        {"email": "", "mobile": "", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"},
    )
    assert "邮箱和手机号至少填写一项" in response.content.decode()
    assert User.objects.count() == 1
