"""A small festival site for the tests: a home page as the default site's root, the 节庆活动
section under it, and a factory of published events (their occurrences are materialised by the
publish, as in the admin)."""

import datetime
from itertools import count

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.events.models import EventIndexPage, EventPage, EventPageDate
from cms.models import HomePage

_slugs = count(1)


def beijing(*args):
    """An aware Beijing time: ``beijing(2027, 5, 31, 9)``."""
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def home(db):
    # A transactional test's flush removes the root page and locale Wagtail's migrations made.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="稳富", slug="wenfu-test"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "testserver", "port": 80, "site_name": "稳富"},
    )
    return home


@pytest.fixture
def index(home):
    index = home.add_child(instance=EventIndexPage(title="节庆活动", slug="jieqing-huodong"))
    index.save_revision().publish()
    return index


@pytest.fixture
def make_event(index):
    """Publishes an event under the index: ``make_event("香菇节", dates=[(start, end)], town=…)``."""

    def make(title="三里岗香菇节", *, dates=(), parent=None, **fields):
        page = EventPage(
            title=title,
            slug=f"event-{next(_slugs)}",
            dates=[EventPageDate(start=start, end=end) for start, end in dates],
            **fields,
        )
        (parent or index).add_child(instance=page)
        page.save_revision().publish()
        return EventPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("editor@wenfu.test", "pass-2026")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
