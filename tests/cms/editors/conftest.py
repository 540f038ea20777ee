"""The demo's tourism sections, groups, image collection and moderation workflow, made by the
demo's own code (``load_pages`` and ``load_users``) without the rest of the demo, and one
signed-in admin client per demo login."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.demo import TOURISM_SECTION_SLUGS, load_pages
from shop.users.demo import load_users


@pytest.fixture
def sections(db):
    """The home page's sections by slug (and the home page as ``"home"``)."""
    pages = load_pages()
    load_users(partners={}, tourism_pages=[pages[slug] for slug in TOURISM_SECTION_SLUGS])
    return {**pages, "home": Page.objects.get(slug="wenfu").specific}


def _signed_in(email):
    # A browser asking for Chinese, as the bureau's staff would.
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    client.force_login(get_user_model().objects.get(email=email))
    return client


@pytest.fixture
def editor(sections):
    return _signed_in("tourism@wenfu.cn")


@pytest.fixture
def reviewer(sections):
    return _signed_in("tourism-review@wenfu.cn")


@pytest.fixture
def operator(sections):
    return _signed_in("operator@wenfu.cn")


def attraction_form(title, *, slug="", action=None, **fields):
    """The admin's form data for an attraction page (``action``: ``"action-publish"``,
    ``"action-submit"`` …; none saves a draft)."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "town": "",
        "address": "",
        "phone": "",
        "opening_hours": inline_formset([]),
        "opening_exceptions": inline_formset([]),
        "ticket_prices": inline_formset([]),
        "gallery": inline_formset([]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


@pytest.fixture
def add_attraction():
    """Posts the admin's "add attraction page" form under ``parent`` as ``client``."""

    def post(client, parent, title, **kwargs):
        return client.post(
            f"/cms/pages/add/tourism/attractionpage/{parent.pk}/", attraction_form(title, **kwargs)
        )

    return post


@pytest.fixture
def edit_page():
    """Posts ``page``'s admin edit form as ``client`` (an attraction page's fields)."""

    def post(client, page, title, **kwargs):
        return client.post(f"/cms/pages/{page.pk}/edit/", attraction_form(title, slug=page.slug, **kwargs))

    return post
