"""The route map: an SVG drawn on the server from the stops' coordinates, no online tiles."""

import re
import xml.etree.ElementTree as ET

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.tourism.maps import WIDTH, MapStop, route_map_svg
from cms.tourism.models import RoutePage
from cms.tourism.towns import Town, towns_near

from .conftest import stop

SVG = "{http://www.w3.org/2000/svg}"
STOPS = [
    MapStop(1, "炎帝故里景区", 31.793, 113.226),
    MapStop(2, "神农安置小区农家乐", 31.796, 113.215),
    MapStop(3, "泡泡青种植基地", 31.801, 113.207),
]
TOWNS = [Town("厉山镇", 31.80, 113.22), Town("草店镇", 31.97, 113.28)]


def parse(svg):
    return ET.fromstring(str(svg))


def marker_centres(root):
    return [
        (float(circle.get("cx")), float(circle.get("cy")))
        for circle in root.iter(f"{SVG}circle")
        if circle.get("r") == "15"
    ]


def test_stops_are_numbered_markers_joined_in_their_order():
    root = parse(route_map_svg(STOPS, TOWNS, title="炎帝故里寻根之旅 路线图"))

    numbers = [
        group.find(f"{SVG}text").text
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "wf-route-map__stop"
    ]
    assert numbers == ["1", "2", "3"]
    line = [tuple(map(float, pair.split(","))) for pair in root.find(f"{SVG}polyline").get("points").split()]
    assert line == marker_centres(root)
    assert root.find(f"{SVG}desc").text == "1. 炎帝故里景区 → 2. 神农安置小区农家乐 → 3. 泡泡青种植基地"


def test_towns_are_labelled_points_and_north_is_up_east_is_right():
    root = parse(route_map_svg(STOPS, TOWNS, title="路线图"))

    labels = {
        group.find(f"{SVG}text").text: group.find(f"{SVG}circle")
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "wf-route-map__town"
    }
    assert set(labels) == {"厉山镇", "草店镇"}
    lishan, caodian = (float(labels[name].get("cy")) for name in ("厉山镇", "草店镇"))
    assert caodian < lishan  # 草店 is north of 厉山: higher on the map
    first, _second, third = marker_centres(root)
    assert third[0] < first[0]  # the third stop is west of the first


def test_the_map_scales_to_the_page_width_and_stays_inside_its_viewbox():
    root = parse(route_map_svg(STOPS, TOWNS, title="路线图"))

    assert root.get("width") == "100%"
    _x, _y, width, height = map(float, root.get("viewBox").split())
    assert width == WIDTH
    for x, y in marker_centres(root):
        assert 0 < x < width and 0 < y < height


def test_longitude_is_shrunk_by_the_cosine_of_latitude():
    # B is 0.1° east of A, C 0.1° north of A: around 31.85°N the step east is cos(31.85°) ≈ 0.85
    # times as long on the map as the step north, as on the ground.
    stops = [MapStop(1, "甲", 31.8, 113.2), MapStop(2, "乙", 31.8, 113.3), MapStop(3, "丙", 31.9, 113.2)]
    a, b, c = marker_centres(parse(route_map_svg(stops, [], title="")))

    assert (b[0] - a[0]) / (a[1] - c[1]) == pytest.approx(0.85, abs=0.01)


def test_names_are_escaped():
    svg = route_map_svg([MapStop(1, '<script>alert("x")</script>', 31.8, 113.2)], [], title="A & B")

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parse(svg)  # still well-formed XML


def test_a_route_without_coordinates_has_no_map():
    assert route_map_svg([], TOWNS, title="路线图") == ""


def test_towns_near_a_route_are_those_around_it():
    names = [town.name for town in towns_near([(31.793, 113.226), (31.801, 113.207)])]

    assert "厉山镇" in names
    # Farther than the route is long: it would squeeze the route into a corner of the map.
    assert "万福店农场" not in names
    assert "淮河镇" not in names


# --- On the page and in the admin ---------------------------------------------------------------------


def test_a_stop_without_coordinates_is_left_out_of_the_map_but_stays_in_the_itinerary(client, add_route):
    route = add_route(
        "炎帝故里寻根之旅",
        stops=[
            stop("炎帝故里景区", 31.793, 113.226),
            stop("农家乐"),
            stop("泡泡青种植基地", 31.801, 113.207),
        ],
    )

    html = client.get(route.url).content.decode()

    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "炎帝故里景区" in svg and "泡泡青种植基地" in svg and "农家乐" not in svg
    numbers = re.findall(r'font-weight="bold" fill="#fff">(\d+)</text>', svg)
    assert numbers == ["1", "3"]  # numbered as in the itinerary
    assert "农家乐" in html  # still in the itinerary
    assert "没有填写坐标" not in html  # the warning is the editor's, not the visitor's


def route_form(title, slug, stops, **fields):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "",
            "days": "one",
            "stops": inline_formset(
                [
                    # The admin posts each row's place in the list, as its ORDER.
                    {
                        "name": name,
                        "text": "",
                        "latitude": lat,
                        "longitude": lng,
                        "stay_minutes": "60",
                        "ORDER": n,
                    }
                    for n, (name, lat, lng) in enumerate(stops, start=1)
                ],
                min=1,
            ),
            "transport_tips": rich_text(""),
            "food_tips": rich_text(""),
            "lodging_tips": rich_text(""),
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "1",
            **fields,
        }
    )
    data["best_seasons"] = ["spring", "autumn"]
    return data


def test_the_editor_is_warned_of_stops_the_map_leaves_out(editor_client, index):
    data = route_form(
        "三里岗香菇小镇研学线", "sanligang", [("展示馆", "31.508", "113.19"), ("香菇市场", "", "")]
    )

    response = editor_client.post(f"/cms/pages/add/tourism/routepage/{index.pk}/", data, follow=True)

    route = RoutePage.objects.get(slug="sanligang")
    assert route.live
    assert [s.name for s in route.stops.all()] == ["展示馆", "香菇市场"]
    assert "以下站点没有填写坐标，路线图上不会显示：香菇市场" in response.content.decode()


def test_a_route_with_every_coordinate_gives_no_warning(editor_client, index):
    data = route_form("淮河源生态游", "huaiheyuan", [("淮河源", "32.22", "113.37")])

    response = editor_client.post(f"/cms/pages/add/tourism/routepage/{index.pk}/", data, follow=True)

    assert RoutePage.objects.filter(slug="huaiheyuan").exists()
    assert "没有填写坐标" not in response.content.decode()


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("131.5", "113.2", "纬度应在 -90 到 90 之间。"),
        ("31.5", "213.2", "经度应在 -180 到 180 之间。"),
        ("31.5", "", "纬度和经度要么都填，要么都不填。"),
    ],
)
def test_bad_coordinates_are_refused_in_chinese_and_nothing_is_saved(
    editor_client, index, latitude, longitude, message
):
    data = route_form("大洪山康养两日游", "dahongshan", [("大洪山", latitude, longitude)])

    response = editor_client.post(f"/cms/pages/add/tourism/routepage/{index.pk}/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RoutePage.objects.filter(slug="dahongshan").exists()
