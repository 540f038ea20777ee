"""The gateway talks to the local emulator; the emulator's keys live in a temporary folder."""

import pytest

from shop.payments.gateway import get_gateway
from tests.shop.payments import urls as test_urls


@pytest.fixture(scope="session")
def emulator_key_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("alipay-emulator")


@pytest.fixture(autouse=True)
def _emulator_settings(request, settings, emulator_key_dir):
    """The emulator as development runs it: DEBUG on (the gateway refuses its keys otherwise) and
    its URLs mounted beside the site's, unless the test names its own URLs."""
    settings.DEBUG = True
    if request.node.get_closest_marker("urls") is None:
        settings.ROOT_URLCONF = "tests.shop.payments.site_urls"
    settings.ALIPAY_EMULATOR = True
    settings.ALIPAY_EMULATOR_KEY_DIR = emulator_key_dir
    settings.ALIPAY_APP_PRIVATE_KEY = ""
    settings.ALIPAY_PUBLIC_KEY = ""
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def live_site(live_server, settings):
    """The emulator served over HTTP, where the gateway's query, refund and close go."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def received_notifies():
    test_urls.RECEIVED.clear()
    test_urls.ATTEMPTS_RECORDED.clear()
    yield test_urls.RECEIVED
    test_urls.RECEIVED.clear()
    test_urls.ATTEMPTS_RECORDED.clear()


@pytest.fixture
def gateway(settings):
    return get_gateway()


@pytest.fixture
def live_gateway(live_site):
    """The gateway as the settings build it, pointed at the live emulator."""
    return get_gateway()
