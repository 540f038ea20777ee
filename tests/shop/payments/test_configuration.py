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


def run_python(args, **env):
    """Runs ``python args`` in the project with only ``env`` of the test run's DEBUG, secret and
    Alipay switches, as a production process would start."""
    unset = {"DEBUG", "SECRET_KEY", "ALIPAY_EMULATOR", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True)


# Wagtail's catch-all may take the list page's path; the emulator's own views must answer neither.
RESOLVE_EMULATOR_PATHS = (
    "from django.urls import Resolver404, resolve\n"
    "for path in ('/payments/emulator/', '/payments/emulator/gateway.do'):\n"
    "    try:\n"
    "        print(path, resolve(path).namespace or resolve(path).url_name)\n"
    "    except Resolver404:\n"
    "        print(path, 'not found')\n"
)


def test_production_settings_do_not_mount_the_emulator():
    result = run_python(
        ["manage.py", "shell", "-c", RESOLVE_EMULATOR_PATHS],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="wenfu.example.cn",
    )

    assert result.returncode == 0, result.stderr
    assert "/payments/emulator/gateway.do not found" in result.stdout
    assert "alipay-emulator" not in result.stdout


# gunicorn loads the WSGI module and never runs a system check: importing must already fail.
@pytest.mark.parametrize("module", ["shop.settings", "shop.wsgi"])
def test_a_process_with_the_emulator_and_debug_off_refuses_to_start(module):
    result = run_python(
        ["-c", f"import {module}"],
        DJANGO_SETTINGS_MODULE="shop.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="wenfu.example.cn",
        ALIPAY_EMULATOR="1",
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "支付宝网关模拟器只能在开发环境（DEBUG 开启）中使用" in result.stderr


def test_the_emulator_is_not_mounted_once_debug_is_off_even_when_it_is_on():
    # Settings changed after start-up (as a test run or a shell does) must not mount it either.
    script = "from django.conf import settings\nsettings.DEBUG = False\n" + RESOLVE_EMULATOR_PATHS

    result = run_python(["manage.py", "shell", "-c", script], DEBUG="1", ALIPAY_EMULATOR="1")

    assert result.returncode == 0, result.stderr
    assert "/payments/emulator/gateway.do not found" in result.stdout
    assert "alipay-emulator" not in result.stdout


def test_with_debug_off_the_gateway_refuses_the_emulators_keys(settings):
    settings.DEBUG = False

    with pytest.raises(ImproperlyConfigured, match="模拟器的密钥只能在开发环境"):
        get_gateway()


def test_the_gateway_is_built_once_per_configuration(settings):
    first = get_gateway()

    assert get_gateway() is first
    settings.SITE_URL = "http://127.0.0.1:9"
    assert get_gateway() is not first and get_gateway().server_url.startswith("http://127.0.0.1:9/")
