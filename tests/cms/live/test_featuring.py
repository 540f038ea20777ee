"""Live sales on the pages they do not own: the product page lists the sales that sell the
product or are hosted by a cooperative of its area, with their status; the home page shows the
sales live now and the next ones."""

from datetime import timedelta

import pytest

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_product_page_lists_the_sales_selling_it_with_their_status(client, make_sale, product):
    make_sale("香菇节直播专场", starts_in=timedelta(minutes=-5), products=[product])

    content = client.get(product.get_absolute_url()).content.decode()

    assert "直播带货" in content
    assert "香菇节直播专场" in content and "直播中" in content


def test_product_page_lists_sales_of_cooperatives_serving_its_area(client, make_sale, area):
    unlinked = ProductFactory(title="鲜香菇 2.5kg 产地直发", origin_area=area)
    make_sale("兴农合作社开箱直播", starts_in=timedelta(days=1))

    content = client.get(unlinked.get_absolute_url()).content.decode()

    assert "兴农合作社开箱直播" in content and "预告" in content


def test_an_ended_sale_on_a_product_page_offers_its_replay(client, make_sale, product):
    make_sale(
        "香菇节回放",
        starts_in=timedelta(days=-3),
        products=[product],
        replay_url="https://live.example.com/r",
    )

    assert "已结束 · 可看回放" in client.get(product.get_absolute_url()).content.decode()


def test_home_page_shows_live_and_upcoming_sales_but_not_ended_ones(client, home, make_sale, product):
    make_sale("蜂蜜直播间", starts_in=timedelta(minutes=-30), products=[product])
    make_sale("明前茶开采直播", starts_in=timedelta(days=2))
    make_sale("香菇节回放", starts_in=timedelta(days=-3))

    content = client.get("/").content.decode()

    assert "蜂蜜直播间" in content and "明前茶开采直播" in content
    assert "香菇节回放" not in content
    assert content.index("蜂蜜直播间") < content.index("明前茶开采直播")
