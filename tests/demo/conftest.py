"""The demo is loaded once per test module (it takes seconds) inside a transaction that is rolled
back afterwards; each test then runs in its own savepoint, as pytest-django's ``django_db`` does,
so tests see the demo and never each other's changes."""

import io

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


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
    """The loaded demo, with the generated product images where pages look for them."""
    settings.MEDIA_ROOT = _demo_loaded
