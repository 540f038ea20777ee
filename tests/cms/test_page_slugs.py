"""A top-level page cannot take a path the project routes before Wagtail."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import HomePage
from cms.news.models import NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)
    client.force_login(get_user_model().objects.get(email="operator@wenfu.cn"))
    return client


def add_section(client, slug):
    # One news section per site: the demo's makes way for the one under test.
    NewsIndexPage.objects.get().delete()
    home = HomePage.objects.get()
    data = nested_form_data(
        {"title": "特产", "slug": slug, "intro": "", "comments": inline_formset([]), "action-publish": "1"}
    )
    return client.post(f"/cms/pages/add/news/newsindexpage/{home.pk}/", data)


def test_reserved_top_level_slug_is_refused_with_a_chinese_message(operator_client):
    response = add_section(operator_client, "shop")
    assert response.status_code == 200
    assert "“shop”已被站点占用" in response.content.decode()
    assert not NewsIndexPage.objects.filter(slug="shop").exists()


def test_an_ordinary_slug_is_accepted(operator_client):
    response = add_section(operator_client, "techan")
    assert response.status_code == 302
    assert NewsIndexPage.objects.filter(slug="techan").exists()
