"""The demo's 乡村旅游: four routes with mapped stops, six attractions with hours, all linked to
the demo's resettlement areas, loaded once however often load_demo runs."""

import pytest
from django.core.management import call_command

from catalog.models import Product
from cms.tourism.models import AttractionPage, RoutePage

pytestmark = pytest.mark.django_db


def test_the_demo_has_routes_with_mapped_stops_and_attractions_with_hours_linked_to_areas(client):
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)
    call_command("load_demo", i_know_this_is_not_production=True, verbosity=0)

    routes = RoutePage.objects.live()
    assert set(routes.values_list("title", flat=True)) == {
        "炎帝故里寻根之旅",
        "大洪山康养两日游",
        "三里岗香菇小镇研学线",
        "淮河源生态游",
    }
    for route in routes:
        stops = list(route.stops.all())
        assert 3 <= len(stops) <= 6 and all(stop.has_coordinates for stop in stops)
        assert any(stop.area_id or stop.attraction_id for stop in stops)
    attractions = AttractionPage.objects.live()
    assert attractions.count() == 6
    assert all(page.opening_hours.exists() and page.area_id for page in attractions)
    assert all(page.opening_exceptions.exists() for page in attractions)

    route = RoutePage.objects.get(slug="yandi-guli-xungen")
    html = client.get(route.url).content.decode()
    assert '<svg class="wf-route-map"' in html and "沿线好物" in html
    paopaoqing = Product.objects.get(title="随州泡泡青 2.5kg")
    assert paopaoqing.title in html
    assert f'href="{route.url}"' in client.get(paopaoqing.get_absolute_url()).content.decode()
