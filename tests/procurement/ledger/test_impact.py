"""The public impact page and the home page's headline: this year's sums for everyone, and never
an organisation's own amount."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import accepted_purchase, retail_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_sales(world, next_week, shelves, shopper):
    retail_order(shopper, [(shelves.shiitake, 2), (shelves.honey, 1)])
    accepted_purchase(world, next_week, [(world.mushroom, 50)], accepted={world.mushroom.pk: 48})
    cache.clear()
    return world


def test_the_impact_page_shows_the_years_sums_and_no_organisations_amount(client, year_of_sales):
    page = client.get("/impact/").content.decode()

    assert re.search(r'id="impact_net">¥(\S+)<', page).group(1) == "5984.00"  # 136 + 88 + 5,760
    assert re.search(r'id="impact_households">(\d+)', page).group(1) == "150"  # 120 + 30 linked
    assert re.search(r'id="impact_organisations">(\d+)', page).group(1) == "1"
    assert "三里岗镇香菇小镇安置区" in page and "¥5896.00" in page
    assert "随县机关事务服务中心机关食堂" not in page
    assert "5760" not in page  # the canteen's own purchase is not shown


def test_the_home_page_shows_the_headline_from_the_cache(client, year_of_sales, home):
    client.get("/")  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()

    assert "¥5984.00" in page and 'href="/impact/"' in page
    assert not [query for query in queries if "ledger_ledger" in query["sql"]]  # entries or roll-up


def test_an_organisation_that_opted_in_is_named_with_its_amount(client, year_of_sales):
    world = year_of_sales
    client.force_login(world.admin)
    settings_page = client.get("/procurement/organisation/settings/")
    form = settings_page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"target_mode": "amount", "annual_target": "100000.00", "publish_amounts": "on"}
    response = client.post("/procurement/organisation/settings/", data)
    assert response.status_code == 302, response.context["form"].errors
    cache.clear()

    page = client.get("/impact/").content.decode()

    assert "随县机关事务服务中心机关食堂" in page and "¥5760.00" in page
