"""Browser: the route page with its map fits a phone, no sideways scrolling."""

import pytest

from .conftest import stop

# serialized_rollback: the flush after the test would otherwise take the data migrations' rows
# (divisions, shipping rates) from the tests that run after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_route_page_shows_its_map_on_a_phone_without_sideways_scrolling(
    live_server, phone_page, add_route, make_area, tmp_path
):
    lishan = make_area("lishan", "厉山镇")
    route = add_route(
        "炎帝故里寻根之旅",
        stops=[
            stop("炎帝故里景区", 31.793, 113.226, stay_minutes=150),
            stop(
                "神农安置小区农家乐（泡泡青、土鸡汤、富硒米饭）",
                31.796,
                113.215,
                area=lishan,
                stay_minutes=90,
            ),
            stop("泡泡青种植基地", 31.801, 113.207, area=lishan, stay_minutes=60),
        ],
    )

    phone_page.goto(live_server.url + route.url)

    map_box = phone_page.locator("svg.wf-route-map").bounding_box()
    assert map_box["width"] > 300
    assert phone_page.locator("svg.wf-route-map .wf-route-map__stop").count() == 3
    assert phone_page.get_by_role("button", name="打印行程").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    phone_page.screenshot(path=str(tmp_path / "route-phone.png"), full_page=True)
