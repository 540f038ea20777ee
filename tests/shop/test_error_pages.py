"""Error pages in Chinese and in the site's look: a missing page (404), a refused form (CSRF) and
a server error (500) — never Django's bare English pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_in_chinese_with_the_shops_search(client):
    response = client.get("/shop/meiyou-zhege-ye/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and 'name="q"' in page and "wf-brand" in page
    assert "Not Found" not in page


def test_a_form_posted_without_its_csrf_token_says_to_reload_in_chinese():
    get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")
    client = Client(enforce_csrf_checks=True)

    response = client.post("/shop/accounts/login/", {"login-username": "shopper@example.cn"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "页面已过期，请刷新后重试" in page and "wf-brand" in page
    assert "Forbidden" not in page and "CSRF verification failed" not in page


def test_a_server_error_is_in_chinese_in_the_sites_look():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错了" in page and "wf-brand" in page and "返回首页" in page
