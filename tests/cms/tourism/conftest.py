"""Pages of the 乡村旅游 section built from small pieces: a home page, the section, and routes and
attractions added and published the way the Wagtail admin does."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from catalog.models import ResettlementArea
from cms.demo import _ensure_wagtail_base
from cms.models import HomePage
from cms.sites import sites_follow_site_url
from cms.tourism.models import AttractionPage, OpeningHours, RoutePage, RouteStop, TourismIndexPage


def publish(parent, page):
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def index(db):
    # Wagtail's root page and locale, which a transactional (browser) test's flush removes.
    _ensure_wagtail_base()
    home = publish(Page.get_first_root_node(), HomePage(title="稳富", slug="wenfu"))
    sites_follow_site_url(root_page=home)
    return publish(home, TourismIndexPage(title="乡村旅游", slug="xiangcun-lvyou"))


@pytest.fixture
def make_area(db):
    def make(slug, town, **fields):
        return ResettlementArea.objects.create(slug=slug, name=f"{town}{slug}安置点", town=town, **fields)

    return make


@pytest.fixture
def add_route(index):
    """``add_route("炎帝故里寻根之旅", stops=[stop(...), …], **fields)`` publishes a route."""

    def add(title, *, stops, slug=None, **fields):
        slug = slug or f"route-{RoutePage.objects.count() + 1}"
        return publish(index, RoutePage(title=title, slug=slug, stops=stops, **fields))

    return add


def stop(name, latitude=None, longitude=None, **fields):
    return RouteStop(
        name=name,
        latitude=None if latitude is None else Decimal(str(latitude)),
        longitude=None if longitude is None else Decimal(str(longitude)),
        **fields,
    )


@pytest.fixture
def add_attraction(index):
    """Publishes an attraction open every day at ``hours`` ("8:30", "17:30") unless told otherwise."""

    def add(title, *, slug=None, hours=("8:30", "17:30"), **fields):
        slug = slug or f"attraction-{AttractionPage.objects.count() + 1}"
        opens, closes = (dt.time.fromisoformat(value.zfill(5)) for value in hours)
        rows = [OpeningHours(weekday=day, opens=opens, closes=closes) for day in range(7)]
        return publish(index, AttractionPage(title=title, slug=slug, opening_hours=rows, **fields))

    return add


@pytest.fixture
def editor_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("editor@wenfu.cn", "Suixian-Editor-2026"))
    return client
