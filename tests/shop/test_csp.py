"""Content security policy: the public site runs only its own scripts and inline ones carrying
the page's nonce; the dashboard and Wagtail's admin still refuse plugins and foreign framing."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def operator():
    return get_user_model().objects.create_superuser("yunying@example.cn", "Suixian-Operator-2026")


@pytest.mark.parametrize("url", ["/shop/catalogue/", "/shop/accounts/login/", "/shop/basket/", "product"])
def test_public_pages_allow_only_own_scripts_and_the_pages_nonce(client, settings, url):
    if url == "product":
        url = ProductFactory(title="随州花菇 500g").get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200

    policy = directives(response)
    [nonce] = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert policy["script-src"] == ["'self'", nonce, "'unsafe-hashes'", *settings.OSCAR_INLINE_HANDLER_HASHES]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    # No origin but our own anywhere (Alipay's gateway may only receive the checkout's form).
    foreign = [source for name, sources in policy.items() if name != "form-action" for source in sources]
    assert not [source for source in foreign if "://" in source or source.endswith(".com")]

    value = nonce.removeprefix("'nonce-").removesuffix("'")
    html = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts, "the page's onload script should be there"
    for attributes in inline_scripts:
        assert f'nonce="{value}"' in attributes
    assert not re.search(r"\son[a-z]+=", html), "inline event handlers are refused by the policy"


def test_each_response_gets_a_fresh_nonce(client):
    first = directives(client.get("/shop/catalogue/"))["script-src"]
    second = directives(client.get("/shop/catalogue/"))["script-src"]
    assert first != second


@pytest.mark.parametrize("url", ["/shop/dashboard/", "/cms/"])
def test_back_offices_refuse_plugins_and_foreign_framing(client, operator, url):
    client.force_login(operator)
    response = client.get(url)
    assert response.status_code == 200

    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # Their own inline scripts run; nothing from elsewhere does.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
