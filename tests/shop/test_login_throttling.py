"""Login throttling (django-axes): guessing passwords on any login form locks the account on
that network for a while, with a Chinese message saying when to retry."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "suixian-Xianggu-2026"
EMAIL = "zhang.wei@example.cn"
MOBILE = "13912345678"


@pytest.fixture
def shopper():
    return User.objects.create_user(EMAIL, PASSWORD, mobile=MOBILE)


@pytest.fixture
def operator():
    return User.objects.create_superuser("yunying@example.cn", PASSWORD)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_guessing_then_the_right_password_is_locked_out_in_chinese(client, settings, shopper, shop_login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        shop_login(EMAIL, "guess-123456")

    response = shop_login(EMAIL, PASSWORD)

    assert response.status_code == 429
    content = response.content.decode()
    assert "登录失败次数过多" in content
    assert "15 分钟后" in content
    assert not signed_in(client)


def test_email_and_mobile_of_one_account_share_one_counter(client, settings, shopper, shop_login):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        shop_login(EMAIL if attempt % 2 else MOBILE, "guess-123456")

    assert shop_login(MOBILE, PASSWORD).status_code == 429
    assert shop_login(EMAIL.upper(), PASSWORD).status_code == 429
    assert not signed_in(client)


def test_the_lockout_is_per_network_so_a_stranger_cannot_lock_a_shopper_out(
    client, settings, shopper, shop_login
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        shop_login(MOBILE, "guess-123456", ip="198.51.100.9")

    response = shop_login(MOBILE, PASSWORD, ip="203.0.113.50")

    assert response.status_code == 302
    assert signed_in(client)


def test_a_few_mistakes_do_not_lock_and_a_success_starts_the_count_again(
    client, settings, shopper, shop_login
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        shop_login(EMAIL, "guess-123456")
    assert shop_login(EMAIL, PASSWORD).status_code == 302
    client.post("/shop/accounts/logout/")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        shop_login(EMAIL, "guess-123456")
    assert shop_login(EMAIL, PASSWORD).status_code == 302


@pytest.mark.parametrize("login_url", ["/cms/login/", "/django-admin/login/"])
def test_back_office_logins_are_throttled_too(client, settings, operator, login_url):
    def post(password):
        return client.post(
            login_url, {"username": operator.email, "password": password}, REMOTE_ADDR="203.0.113.7"
        )

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert post("guess-123456").status_code == 200
    # The failure that reaches the limit already answers with the lockout page.
    assert post("guess-123456").status_code == 429

    response = post(PASSWORD)

    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert not signed_in(client)


def test_the_shop_and_the_back_offices_count_one_account_together(client, settings, operator, shop_login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        shop_login("yunying@example.cn", "guess-123456")

    response = client.post(
        "/django-admin/login/", {"username": operator.email, "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )

    assert response.status_code == 429


def test_an_operator_unlocks_an_account_by_its_mobile(client, settings, shopper, shop_login):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        shop_login(EMAIL, "guess-123456")
    assert shop_login(EMAIL, PASSWORD).status_code == 429

    out = io.StringIO()
    call_command("login_unlock", MOBILE, stdout=out)

    assert "已解除" in out.getvalue()
    assert shop_login(EMAIL, PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_operator_sees_and_clears_lockouts_in_django_admin(
    client, settings, shopper, operator, shop_login
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        shop_login(EMAIL, "guess-123456")
    client.force_login(operator)

    listing = client.get("/django-admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert f"user:{shopper.pk}" in listing.content.decode()

    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username=f"user:{shopper.pk}")
    client.post(f"/django-admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client.logout()

    assert shop_login(EMAIL, PASSWORD).status_code == 302


def test_behind_a_proxy_a_forged_forwarded_for_does_not_escape_the_lockout(client, settings, shopper):
    settings.TRUSTED_PROXY_COUNT = 1

    def post(password, forged):
        # The proxy appends the address it saw; what comes before is the client's own header.
        return client.post(
            "/shop/accounts/login/",
            {"login-username": EMAIL, "login-password": password, "login_submit": "1"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.7",
        )

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        post("guess-123456", forged=f"192.0.2.{attempt}")

    assert post(PASSWORD, forged="192.0.2.200").status_code == 429
    assert not signed_in(client)
