"""Every path of DESIGN.md's URL table answers as a user would expect."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/shop/catalogue/",
        "/shop/search/?q=香菇",
        "/shop/basket/",
        "/procurement/",
        "/shop/accounts/login/",
    ],
)
def test_public_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


def test_shop_root_redirects_to_the_site_home(client):
    response = client.get("/shop/")
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("path", "login_path"),
    [
        ("/shop/dashboard/", "/shop/dashboard/login/"),
        ("/shop/checkout/", "/shop/accounts/login/"),
        ("/shop/accounts/", "/shop/accounts/login/"),
        ("/cms/", "/cms/login/"),
        ("/django-admin/", "/django-admin/login/"),
    ],
)
def test_private_areas_send_anonymous_users_to_log_in(client, path, login_path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(login_path)


def test_set_language_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/shop/basket/"})
    assert response.status_code == 302
    page = client.get("/shop/basket/").content.decode()
    assert '<html lang="en"' in page
    assert "Specialty shop" in page
    assert "特产商城" not in page


def test_pages_are_chinese_by_default(client):
    page = client.get("/shop/basket/").content.decode()
    assert '<html lang="zh-hans"' in page
    assert "特产商城" in page
    assert "登录" in page


def test_alipay_notify_accepts_only_post_and_refuses_what_it_cannot_verify(client, settings):
    settings.DEBUG = True  # as in development: notifies are verified with the emulator's keys
    assert client.get("/payments/alipay/notify/").status_code == 405
    response = client.post(
        "/payments/alipay/notify/", {"out_trade_no": "100001", "trade_status": "TRADE_SUCCESS"}
    )
    assert response.status_code == 200
    assert response.content == b"failure"


def test_alipay_return_never_trusts_its_query_string(client, django_user_model):
    user = django_user_model.objects.create_user("buyer@example.cn", "pw-12345678")
    client.force_login(user)
    response = client.get("/payments/alipay/return/?out_trade_no=100001&trade_status=TRADE_SUCCESS")
    assert response.status_code == 200
    assert "未找到该订单" in response.content.decode()


def test_unknown_paths_are_wagtail_404s(client):
    assert client.get("/no-such-page/").status_code == 404
