"""A NUL byte in a request is refused with a clear 400 before any page looks it up.

PostgreSQL refuses strings with NUL outright, so each of these was a 500 there (SQLite simply
found nothing): run them against PostgreSQL to see what they guard against.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from shop.payments.models import AlipayNotice

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

REFUSED = "请求中含有空字符（NUL），无法处理"


@pytest.fixture
def operator(db):
    return get_user_model().objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")


def assert_refused(response):
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert REFUSED in response.content.decode()


def test_an_anonymous_visitor_asking_for_divisions_with_nul_is_refused(client):
    assert_refused(client.get(reverse("address:divisions"), {"parent": "42\x00"}))


def test_the_alipay_return_page_refuses_nul(client, shopper):
    client.force_login(shopper)

    assert_refused(client.get(reverse("payments:alipay-return"), {"out_trade_no": "\x00"}))


def test_a_notify_with_nul_is_refused_and_not_stored(client):
    response = client.post(
        reverse("payments:alipay-notify"), {"out_trade_no": "100001", "trade_no": "2026\x00", "sign": "x"}
    )

    assert_refused(response)
    assert not AlipayNotice.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("dashboard:order-list", {"order_number": "\x00"}),
        ("dashboard:order-list", {"\x00": "1"}),
        ("dashboard:catalogue-product-lookup", {"q": "\x00"}),
    ],
    ids=["order-number", "parameter-name", "product-lookup"],
)
def test_dashboard_searches_with_nul_are_refused(client, operator, url_name, params):
    client.force_login(operator)

    assert_refused(client.get(reverse(url_name), params))


def test_a_path_with_nul_is_refused(client):
    assert_refused(client.get("/shop/catalogue/%00/"))


def test_a_form_posted_with_nul_is_refused_and_logs_nobody_in(client, shopper):
    response = client.post(
        reverse("customer:login"),
        {
            "login-username": "shopper@example.cn\x00",
            "login-password": "Suixian-Shopper-2026",
            "login_submit": "1",
        },
    )

    assert_refused(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "花菇", "page": "abc"}, "页码：输入整数。"),
        ({"q": "花菇", "page": "-1"}, "页码：确保该值大于或等于1。"),
        ({"page_limit": "100000"}, "每页条数：确保该值小于或等于100。"),
        ({"initial": "abc"}, "已选商品：应为以逗号分隔的商品编号。"),
    ],
    ids=["page-not-a-number", "page-negative", "page-limit-huge", "initial-not-ids"],
)
def test_the_product_lookup_answers_bad_paging_with_a_chinese_400(client, operator, params, message):
    client.force_login(operator)

    response = client.get(reverse("dashboard:catalogue-product-lookup"), params)

    assert response.status_code == 400
    assert json.loads(response.content) == {"error": message}


def test_the_product_lookup_still_pages(client, operator):
    client.force_login(operator)

    response = client.get(reverse("dashboard:catalogue-product-lookup"), {"q": "花菇", "page": "2"})

    assert response.status_code == 200
    assert json.loads(response.content) == {"results": [], "pagination": {"more": False}}
