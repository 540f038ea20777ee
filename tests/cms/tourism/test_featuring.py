"""Routes and attractions on the shop's product and area pages, and on the home page."""

from django.urls import reverse

from cms.models import HomePage
from tests.factories import ProductFactory

from .conftest import stop


def test_the_product_page_lists_the_route_through_its_area_and_the_attraction_near_it(
    client, add_route, add_attraction, make_area
):
    lishan, sanligang = make_area("lishan", "厉山镇"), make_area("sanligang", "三里岗镇")
    product = ProductFactory(title="随州泡泡青 2.5kg", origin_area=lishan)
    yandi = add_attraction("炎帝故里景区", area=lishan)
    through_area = add_route("泡泡青采摘游", stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)])
    through_attraction = add_route(
        "炎帝故里寻根之旅", stops=[stop("炎帝故里", 31.79, 113.22, attraction=yandi)]
    )
    add_route("三里岗香菇小镇研学线", stops=[stop("香菇大棚", 31.5, 113.18, area=sanligang)])
    add_attraction("三里岗香菇小镇展示馆", area=sanligang)

    html = client.get(product.get_absolute_url()).content.decode()

    assert "精品线路" in html and "观光点/景点" in html
    for page in (through_area, through_attraction, yandi):
        assert f'href="{page.url}"' in html
    assert "三里岗香菇小镇研学线" not in html and "三里岗香菇小镇展示馆" not in html


def test_the_area_page_lists_its_routes_and_attractions_but_not_drafts(
    client, add_route, add_attraction, make_area
):
    lishan = make_area("lishan", "厉山镇")
    route = add_route("炎帝故里寻根之旅", stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)])
    draft = add_route("未发布的线路", stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)])
    draft.unpublish()
    attraction = add_attraction("炎帝故里景区", area=lishan)

    html = client.get(reverse("catalog:area-detail", args=["lishan"])).content.decode()

    assert f'href="{route.url}"' in html and f'href="{attraction.url}"' in html
    assert "未发布的线路" not in html


def test_the_home_page_shows_the_featured_routes_or_else_the_newest(client, index, add_route):
    plain = add_route("淮河源生态游", stops=[stop("淮河源", 32.22, 113.37)])
    home = HomePage.objects.get()

    assert "淮河源生态游" in client.get(home.url).content.decode()

    featured = add_route("大洪山康养两日游", stops=[stop("大洪山", 31.4, 113.03)], featured=True)
    html = client.get(home.url).content.decode()

    assert "精品线路" in html and f'href="{featured.url}"' in html
    assert plain.title not in html


def test_the_cached_area_page_shows_a_route_published_and_drops_it_unpublished_at_once(
    client, add_route, make_area
):
    lishan = make_area("lishan", "厉山镇")
    url = reverse("catalog:area-detail", args=["lishan"])
    assert "去产地走走" not in client.get(url).content.decode()  # now cached

    route = add_route("炎帝故里寻根之旅", stops=[stop("泡泡青基地", 31.8, 113.2, area=lishan)])

    assert f'href="{route.url}"' in client.get(url).content.decode()
    route.unpublish()
    assert "炎帝故里寻根之旅" not in client.get(url).content.decode()
