"""Route, attraction and index pages as a visitor sees them, with bounded queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from cms.tourism.hours import BEIJING
from cms.tourism.models import OpeningException, TicketPrice
from tests.factories import ProductFactory

from .conftest import stop


@pytest.fixture
def lishan(make_area):
    return make_area("lishan", "厉山镇")


def test_a_route_page_lists_its_stops_in_order_with_links_and_the_products_of_its_areas(
    client, add_route, add_attraction, lishan, make_area
):
    sanligang = make_area("sanligang", "三里岗镇")
    yandi = add_attraction("炎帝故里景区", area=sanligang)
    ProductFactory(title="随州泡泡青 2.5kg", origin_area=lishan)
    ProductFactory(title="三里岗香菇干货 250g", origin_area=sanligang)
    ProductFactory(title="别处的蜂蜜", origin_area=make_area("elsewhere", "小林镇"))
    route = add_route(
        "炎帝故里寻根之旅",
        stops=[
            stop("炎帝故里景区", 31.793, 113.226, attraction=yandi, stay_minutes=150),
            stop("泡泡青基地", 31.801, 113.207, area=lishan, stay_minutes=60),
        ],
    )

    html = client.get(route.url).content.decode()

    assert html.index("炎帝故里景区") < html.index("泡泡青基地")
    assert "约 2 小时 30 分钟" in html
    assert f'href="{yandi.url}"' in html
    assert reverse("catalog:area-detail", args=["lishan"]) in html
    assert "沿线好物" in html
    # Products of the stop's area and of the stop's attraction's area; not of other areas.
    assert "随州泡泡青 2.5kg" in html and "三里岗香菇干货 250g" in html
    assert "别处的蜂蜜" not in html
    assert "打印行程" in html and 'onclick="window.print()"' in html


def test_a_product_that_loses_approval_disappears_from_the_route_page(client, add_route, lishan):
    product = ProductFactory(title="腌泡泡青 500g", origin_area=lishan)
    route = add_route("炎帝故里寻根之旅", stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)])
    assert "腌泡泡青 500g" in client.get(route.url).content.decode()

    product.approved_at = None
    product.save()

    assert "腌泡泡青 500g" not in client.get(route.url).content.decode()


def test_an_unpublished_attraction_is_named_but_not_linked(client, add_route, add_attraction):
    attraction = add_attraction("长岗高山茶园")
    route = add_route("茶园一日游", stops=[stop("茶园", 31.52, 113.04, attraction=attraction)])
    attraction.unpublish()

    html = client.get(route.url).content.decode()

    assert "茶园" in html
    assert f'href="{attraction.url_path}"' not in html and "长岗高山茶园" not in html


def test_a_route_page_costs_a_bounded_number_of_queries(
    client, add_route, add_attraction, lishan, django_assert_max_num_queries
):
    def render(count):
        attractions = [add_attraction(f"景点{count}-{n}", area=lishan) for n in range(count)]
        route = add_route(
            f"线路{count}",
            stops=[
                stop(f"站{n}", 31.8 + n / 100, 113.2, attraction=a, area=lishan)
                for n, a in enumerate(attractions)
            ],
        )
        for n in range(count):
            ProductFactory(title=f"泡泡青{count}-{n}", origin_area=lishan)
        client.get(route.url)  # warm Wagtail's caches
        with django_assert_max_num_queries(30) as captured:
            assert client.get(route.url).status_code == 200
        return len(captured)

    assert render(6) == render(2)


def test_the_attraction_page_shows_todays_status_hours_tickets_area_and_routes(
    client, add_attraction, add_route, lishan
):
    attraction = add_attraction(
        "炎帝故里景区", hours=("0:00", "23:59"), area=lishan, facilities=["parking", "toilet"]
    )
    TicketPrice.objects.create(page=attraction, kind="adult", price="60")
    TicketPrice.objects.create(page=attraction, kind="student", price="30")
    route = add_route("炎帝故里寻根之旅", stops=[stop("炎帝故里", 31.79, 113.22, attraction=attraction)])
    add_route("别的线路", stops=[stop("别处", 31.5, 113.1)])

    html = client.get(attraction.url).content.decode()

    if dt.datetime.now(BEIJING).time() < dt.time(23, 59):
        assert "今日开放" in html
    assert "今日 0:00–23:59" in html
    assert "成人 ¥60.00" in html and "学生 ¥30.00" in html
    assert "停车场、卫生间" in html
    assert f'href="{reverse("catalog:area-detail", args=["lishan"])}"' in html
    assert f'href="{route.url}"' in html and "别的线路" not in html


def test_an_exception_today_closes_the_attraction_with_its_note(client, add_attraction):
    today = dt.datetime.now(BEIJING).date()
    attraction = add_attraction("大洪山风景区", hours=("0:00", "23:59"))
    OpeningException.objects.create(page=attraction, date=today, closed=True, note="设备检修闭园")

    html = client.get(attraction.url).content.decode()

    assert "已闭园" in html and "设备检修闭园" in html
    assert "下次开放：明天 0:00" in html


# --- The index ---------------------------------------------------------------------------------------


@pytest.fixture
def listing(add_route, add_attraction, lishan, make_area):
    sanligang = make_area("sanligang", "三里岗镇")
    return {
        "yandi": add_route(
            "炎帝故里寻根之旅",
            stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)],
            best_seasons=["spring", "autumn"],
            audiences=["family", "study"],
        ),
        "dahongshan": add_route(
            "大洪山康养两日游",
            stops=[stop("大洪山", 31.4, 113.03)],
            best_seasons=["summer"],
            audiences=["wellness"],
        ),
        "museum": add_attraction(
            "三里岗香菇小镇展示馆",
            town="三里岗镇",
            area=sanligang,
            best_seasons=["autumn"],
            audiences=["study"],
        ),
        "teahouse": add_attraction(
            "长岗高山茶园", town="长岗镇", best_seasons=["spring"], audiences=["photo"]
        ),
    }


def titles(response):
    return re.findall(r'<h3 class="wf-card__title"><a href="[^"]*">([^<]+)</a>', response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"炎帝故里寻根之旅", "大洪山康养两日游", "三里岗香菇小镇展示馆", "长岗高山茶园"}),
        ("?town=厉山镇", {"炎帝故里寻根之旅"}),
        ("?town=三里岗镇", {"三里岗香菇小镇展示馆"}),
        ("?season=autumn", {"炎帝故里寻根之旅", "三里岗香菇小镇展示馆"}),
        ("?season=spring&kind=attraction", {"长岗高山茶园"}),
        ("?kind=route", {"炎帝故里寻根之旅", "大洪山康养两日游"}),
        ("?audience=study", {"炎帝故里寻根之旅", "三里岗香菇小镇展示馆"}),
        ("?audience=study&kind=route&season=autumn&town=厉山镇", {"炎帝故里寻根之旅"}),
        ("?season=winter", set()),
    ],
)
def test_the_index_filters_by_town_season_kind_and_audience(client, index, listing, query, expected):
    response = client.get(index.url + query)

    assert set(titles(response)) == expected
    if not expected:
        assert "没有符合条件的线路或景点" in response.content.decode()


def test_an_unknown_filter_value_is_reported_in_chinese_and_ignored(client, index, listing):
    response = client.get(index.url + "?season=monsoon&kind=route")

    assert response.status_code == 200
    assert "“季节”的选项无效，已忽略。" in response.content.decode()
    assert set(titles(response)) == {"炎帝故里寻根之旅", "大洪山康养两日游"}


def test_a_draft_is_not_listed(client, index, listing):
    listing["teahouse"].unpublish()

    assert "长岗高山茶园" not in titles(client.get(index.url))


def test_the_index_pages_twelve_at_a_time_newest_first_with_bounded_queries(
    client, index, add_route, add_attraction, django_assert_max_num_queries
):
    for n in range(14):
        add_route(f"线路{n:02d}", stops=[stop("站", 31.8, 113.2)])
    for n in range(12):
        add_attraction(f"景点{n:02d}")
    client.get(index.url)

    with django_assert_max_num_queries(20):
        first = client.get(index.url)
    with django_assert_max_num_queries(20):
        last = client.get(index.url + "?page=3")

    assert titles(first)[:2] == ["景点11", "景点10"]
    assert len(titles(first)) == 12
    assert titles(last) == ["线路01", "线路00"]
    assert "第 1 / 3 页" in first.content.decode()
    assert titles(client.get(index.url + "?page=99")) == ["线路01", "线路00"]
