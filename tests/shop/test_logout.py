"""Logging out is a POST with the CSRF token: a link or an image on any page, ours or another
site's, cannot log a shopper out."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGOUT = "/shop/accounts/logout/"


@pytest.fixture
def shopper():
    return get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026")


def signed_in(client):
    return "_auth_user_id" in client.session


def test_a_get_does_not_log_the_shopper_out(client, shopper):
    client.force_login(shopper)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert signed_in(client)


def test_a_post_from_another_site_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026"))

    response = client.post(LOGOUT)

    assert response.status_code == 403
    assert signed_in(client)


def test_the_headers_logout_button_posts_its_token_and_logs_out():
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.create_user("xiaomin@example.cn", "Suixian-Shopper-2026"))
    page = client.get("/shop/catalogue/").content.decode()
    assert f'<form id="logout_form" class="wf-logout" action="{LOGOUT}" method="post">' in page
    assert f'href="{LOGOUT}"' not in page

    response = client.post(LOGOUT, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert response.status_code == 302
    assert not signed_in(client)
