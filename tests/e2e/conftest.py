"""Real-browser tests against a live server; the browser fixtures (``browser``, ``page``,
``phone_page``, ``new_person``) are the whole suite's, in ``tests/conftest.py``."""

import pytest
from django.core.management import call_command

from tests.conftest import reference_data_load


@pytest.fixture
def demo_site(live_server, settings):
    """The demo county served by a live server (Wagtail's Site must answer the server's host),
    whose Alipay is the local emulator: the pay request, the cashier and the emulator's notify
    all go to the live server."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    settings.ALIPAY_EMULATOR = True
    settings.DEBUG = True  # as development runs the emulator: its keys are refused otherwise
    settings.ROOT_URLCONF = "tests.shop.payments.site_urls"
    # Real keys in the environment would take precedence over the emulator.
    settings.ALIPAY_APP_PRIVATE_KEY = ""
    settings.ALIPAY_PUBLIC_KEY = ""
    reference_data_load()
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)
    return live_server.url
