"""What a visitor sees of live sales: the page with its products' current price and stock and an
add-to-basket button, the status by the clock, the replay after the end, and the index's tabs,
cooperative filter and pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile
from tests.factories import ProductFactory

from .conftest import make_cooperative

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def test_sale_page_shows_each_products_current_price_stock_and_room_offer(client, make_sale, product):
    sale = make_sale(products=[product])
    sale.featured_products.update(note="直播间下单加赠香菇脆片")
    product.stockrecords.update(num_in_stock=37)

    content = client.get(sale.url).content.decode()

    assert "随州花菇 500g" in content
    assert "¥88.00" in content
    assert "库存 37 件" in content
    assert "直播间下单加赠香菇脆片" in content
    assert reverse("basket:add", kwargs={"pk": product.pk}) in content


def test_the_add_to_basket_button_of_a_sale_page_fills_the_basket(client, make_sale, product):
    sale = make_sale(products=[product])
    client.get(sale.url)

    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, HTTP_REFERER=sale.url)

    assert [line.product for line in Basket.objects.get().all_lines()] == [product]


def test_sale_page_links_its_host_cooperatives_page(client, make_sale, host):
    content = client.get(make_sale().url).content.decode()

    assert reverse("catalog:cooperative-detail", kwargs={"code": host.code}) in content
    assert "随县三里岗镇兴农香菇种植专业合作社" in content


def test_a_product_that_loses_approval_leaves_the_sale_page(client, make_sale, product, host):
    other = ProductFactory(title="三里岗香菇干货 250g", stockrecord__partner=host)
    sale = make_sale(products=[product, other])
    assert "随州花菇 500g" in client.get(sale.url).content.decode()

    product.approved_at = None
    product.save()

    content = client.get(sale.url).content.decode()
    assert "随州花菇 500g" not in content
    assert "三里岗香菇干货 250g" in content


@pytest.mark.parametrize(
    ("starts_in", "status", "shows_stream", "shows_replay"),
    [
        (timedelta(hours=2), "预告", True, False),
        (timedelta(minutes=-30), "直播中", True, False),
        (timedelta(hours=-3), "已结束", False, True),
    ],
)
def test_sale_page_shows_its_status_and_the_replay_only_after_the_end(
    client, make_sale, starts_in, status, shows_stream, shows_replay
):
    sale = make_sale(
        starts_in=starts_in,
        stream_url="https://live.example.com/wenfu/room",
        replay_url="https://live.example.com/wenfu/replay",
    )

    content = client.get(sale.url).content.decode()

    assert f">{status}</span>" in content
    assert ("https://live.example.com/wenfu/room" in content) is shows_stream
    assert ("https://live.example.com/wenfu/replay" in content) is shows_replay


# --- The index ----------------------------------------------------------------------------------


def titles(response):
    return [sale.title for sale in response.context["listing"].page.object_list]


@pytest.fixture
def three_sales(make_sale):
    make_sale("香菇直播", starts_in=timedelta(minutes=-10))
    make_sale("明前茶预告", starts_in=timedelta(days=1))
    make_sale("蜂蜜回放", starts_in=timedelta(days=-2))


def test_index_opens_on_the_sales_live_now_and_counts_every_tab(client, live_index, three_sales):
    response = client.get(live_index.url)

    assert titles(response) == ["香菇直播"]
    content = response.content.decode()
    for label in ["直播中", "预告", "回放"]:
        assert label in content


@pytest.mark.parametrize(("tab", "expected"), [("upcoming", ["明前茶预告"]), ("ended", ["蜂蜜回放"])])
def test_index_tabs_list_upcoming_sales_and_replays(client, live_index, three_sales, tab, expected):
    assert titles(client.get(live_index.url, {"tab": tab})) == expected


def test_index_without_live_sales_opens_on_the_next_ones(client, live_index, make_sale):
    make_sale("蜂蜜回放", starts_in=timedelta(days=-2))
    make_sale("明前茶预告", starts_in=timedelta(days=3))
    make_sale("板栗预告", starts_in=timedelta(days=1))

    assert titles(client.get(live_index.url)) == ["板栗预告", "明前茶预告"]


def test_index_filters_by_cooperative(client, live_index, make_sale):
    tea = make_cooperative("changgang-yunwu", "随县长岗镇云雾茶叶专业合作社", organisation_code="MA48D2K7W")
    make_sale("香菇预告", starts_in=timedelta(days=1))
    make_sale("明前茶预告", starts_in=timedelta(days=2), host=tea)

    response = client.get(live_index.url, {"coop": "changgang-yunwu"})

    assert titles(response) == ["明前茶预告"]


def test_an_unknown_cooperative_is_reported_and_every_sale_shown(client, live_index, make_sale):
    make_sale("香菇预告", starts_in=timedelta(days=1))

    response = client.get(live_index.url, {"coop": "no-such-coop", "tab": "nonsense"})

    content = response.content.decode()
    assert "没有找到这个合作社的直播，已显示全部直播。" in content
    assert "没有“nonsense”这个栏目。" in content
    assert titles(response) == ["香菇预告"]


def test_sales_of_a_suspended_cooperative_leave_the_index(client, live_index, make_sale, host):
    make_sale("香菇预告", starts_in=timedelta(days=1))
    CooperativeProfile.objects.filter(partner=host).update(status=CooperativeStatus.SUSPENDED)

    assert titles(client.get(live_index.url, {"tab": "upcoming"})) == []


def test_index_pages_through_many_sales(client, live_index, make_sale):
    for day in range(14):
        make_sale(f"预告{day:02d}", starts_in=timedelta(days=day + 1))

    first = client.get(live_index.url, {"tab": "upcoming"})
    second = client.get(live_index.url, {"tab": "upcoming", "page": "2"})
    beyond = client.get(live_index.url, {"tab": "upcoming", "page": "99"})

    assert titles(first) == [f"预告{day:02d}" for day in range(12)]
    assert titles(second) == ["预告12", "预告13"]
    assert titles(beyond) == titles(second)


def test_index_costs_the_same_queries_for_3_sales_as_for_12(
    client, live_index, make_sale, product, host, django_assert_max_num_queries
):
    products = [product, *(ProductFactory(stockrecord__partner=host) for _ in range(3))]
    for day in range(3):
        make_sale(f"预告{day}", starts_in=timedelta(days=day + 1), products=products)
    client.get(live_index.url)  # thumbnails are made on the first view
    with django_assert_max_num_queries(60) as few:
        client.get(live_index.url)
    # Read now: the next request empties the connection's query log.
    queries_for_three = len(few.captured_queries)

    for day in range(3, 12):
        make_sale(f"预告{day}", starts_in=timedelta(days=day + 1), products=products)
    client.get(live_index.url)
    with django_assert_max_num_queries(queries_for_three):
        assert len(titles(client.get(live_index.url))) == 12
