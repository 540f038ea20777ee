"""Which Alipay the settings give, and that production settings never expose the emulator."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from shop.payments.emulator.credentials import dev_credentials
from shop.payments.gateway import get_gateway

from .flows import pay_request

ROOT = Path(__file__).resolve().parents[3]


def test_without_keys_and_without_the_emulator_the_gateway_names_what_is_missing(settings):
    settings.ALIPAY_EMULATOR = False
    settings.ALIPAY_APP_ID = ""

    with pytest.raises(ImproperlyConfigured, match="ALIPAY_APP_ID"):
        get_gateway()


def test_configured_keys_take_precedence_over_the_emulator(settings):
    credentials = dev_credentials()
    # As an environment variable often carries a PEM key: on one line, with escaped line breaks.
    settings.ALIPAY_APP_PRIVATE_KEY = credentials.app_private_key.replace("\n", "\\n")
    settings.ALIPAY_PUBLIC_KEY = credentials.alipay_public_key
    settings.ALIPAY_APP_ID = "2021000000000777"
    settings.ALIPAY_SELLER_ID = "2088000000000777"

    gateway = get_gateway()

    assert gateway.app_id == "2021000000000777"
    assert gateway.seller_id == "2088000000000777"
    assert gateway.page_pay_url(pay_request()).startswith("https://openapi.alipay.com/gateway.do?")


def test_production_settings_do_not_mount_the_emulator():
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "ALIPAY_EMULATOR"}}
    environment.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="wenfu.example.cn")
    # Wagtail's catch-all may take the list page's path; the emulator's own views must answer neither.
    script = (
        "from django.urls import Resolver404, resolve\n"
        "for path in ('/payments/emulator/', '/payments/emulator/gateway.do'):\n"
        "    try:\n"
        "        print(path, resolve(path).namespace or resolve(path).url_name)\n"
        "    except Resolver404:\n"
        "        print(path, 'not found')\n"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "/payments/emulator/gateway.do not found" in result.stdout
    assert "alipay-emulator" not in result.stdout
