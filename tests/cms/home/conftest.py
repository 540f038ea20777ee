"""A bare home page for the small tests, and the demo, loaded once per module inside a
transaction rolled back afterwards (as ``tests/demo`` loads it), for the page as it ships."""

import io

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site

from cms.models import HomePage


@pytest.fixture
def home(db):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="稳富", slug="wenfu"))
    Site.objects.update(root_page=home)
    return home


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        with transaction.atomic():
            call_command("load_demo", i_know_this_is_not_production=True, stdout=io.StringIO())
            yield media_root
            transaction.set_rollback(True)
        # Wagtail's site root paths and Django's site are cached; the rolled-back rows must not
        # outlive this module in those caches.
        cache.clear()
        DjangoSite.objects.clear_cache()


@pytest.fixture
def demo(_demo_loaded, settings, db):
    settings.MEDIA_ROOT = _demo_loaded
