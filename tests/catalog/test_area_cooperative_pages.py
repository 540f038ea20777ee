"""Public pages of a resettlement area and of a cooperative."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.constants import CooperativeStatus
from tests.catalog.conftest import make_area, make_cooperative
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return {product.title for product in response.context["products"]}


def test_area_page_tells_its_story_with_cooperatives_and_products(client, market):
    area = market["areas"]["sanligang"]
    area.description = "香菇之乡的集中安置区，配套香菇大棚和分拣车间。"
    area.established_year = 2016
    area.save()

    response = client.get("/shop/areas/sanligang/")

    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "三里岗镇香菇小镇安置区",
        "三里岗镇",
        "示例村",
        "2016 年",
        "<strong>243</strong> 户",
        "<strong>786</strong> 人",
        "香菇之乡的集中安置区",
    ]:
        assert text in content
    assert '<a href="/shop/cooperatives/xingnong/">随县兴农香菇专业合作社</a>' in content
    assert "带动搬迁户 126 户，吸纳就业 48 人" in content
    # The suspended cooperative and its products are not shown.
    assert "随县停业香菇合作社" not in content
    assert titles(response) == {"随州花菇 500g", "鲜香菇 2.5kg"}


def test_area_page_lists_products_its_cooperatives_sell_without_an_origin_area(client, market):
    ProductFactory(title="木耳礼盒", stockrecord__partner=market["coops"]["lvyuan"].partner)

    assert titles(client.get("/shop/areas/xiling/")) == {"秋木耳 500g", "泡泡青 5kg", "木耳礼盒"}


def test_unknown_area_is_not_found(client, db):
    assert client.get("/shop/areas/nowhere/").status_code == 404


def test_cooperative_page_shows_profile_benefit_story_areas_and_products(client, market):
    response = client.get("/shop/cooperatives/lvyuan/")

    assert response.status_code == 200
    content = response.content.decode()
    coop = market["coops"]["lvyuan"]
    assert "随县绿源黑木耳专业合作社" in content
    assert coop.credit_code in content
    assert "带动搬迁户 <strong>40</strong> 户，吸纳就业 <strong>12</strong> 人" in content
    assert "保底收购，务工按件计酬。" in content
    assert '<a href="/shop/areas/dongyue/">殷店镇东岳安置点</a>' in content
    assert '<a href="/shop/areas/xiling/">殷店镇西岭安置点</a>' in content
    assert titles(response) == {"随县黑木耳 250g", "秋木耳 500g", "泡泡青 5kg"}


@pytest.mark.parametrize("code", ["closed", "wenfu", "nobody"])
def test_suspended_cooperative_partner_without_profile_or_unknown_code_is_not_found(client, market, code):
    assert client.get(f"/shop/cooperatives/{code}/").status_code == 404


def test_suspending_makes_the_cooperative_page_disappear(client, market):
    coop = market["coops"]["lvyuan"]
    coop.status = CooperativeStatus.SUSPENDED
    coop.save()

    assert client.get("/shop/cooperatives/lvyuan/").status_code == 404
    assert titles(client.get("/shop/areas/xiling/")) == set()


@pytest.mark.parametrize("page", ["area", "cooperative"])
def test_pages_use_a_fixed_number_of_queries(client, settings, page, uncached_listings):
    counts = []
    for count in (5, 50):
        settings.OSCAR_PRODUCTS_PER_PAGE = count
        area = make_area(f"area-{count}", f"安置区{count}", "三里岗镇")
        coop = make_cooperative(f"coop-{count}", f"合作社{count}", areas=[area])
        for n in range(count):
            ProductFactory(
                title=f"香菇 {n}", origin_area=area, stockrecord__partner=coop.partner, with_image=True
            )
        url = f"/shop/areas/{area.slug}/" if page == "area" else f"/shop/cooperatives/{coop.partner.code}/"
        client.get(url)  # sorl-thumbnail writes its store on the first render
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(response.context["products"]) == count
        counts.append(len(queries))

    # The area page also lists the pages about the area (cms): a few queries per content area.
    assert counts[0] == counts[1] <= 21, counts
