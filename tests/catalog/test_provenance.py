"""The product page's provenance block (「产地溯源」) and institutional tier prices."""

import pytest

from catalog.onboarding.services import cooperative_suspend
from tests.catalog.conftest import add_tiers
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def provenance_html(response):
    content = response.content.decode()
    start = content.index('id="provenance"')
    return content[start : content.index("</section>", start)]


def test_product_page_shows_cooperative_area_households_and_certificates(client, market):
    product = market["products"]["fresh"]
    product.harvest_season = "秋冬季（10月—次年3月）"
    product.shelf_life_days = 7
    product.net_content, product.net_unit = "2.5", "kg"
    product.save()

    response = client.get(product.get_absolute_url())

    assert response.status_code == 200
    block = provenance_html(response)
    assert "产地溯源" in block
    assert '<a href="/shop/cooperatives/xingnong/">随县兴农香菇专业合作社</a>' in block
    assert '<a href="/shop/areas/sanligang/">三里岗镇香菇小镇安置区</a>' in block
    assert "带动搬迁户 <strong>126</strong> 户，吸纳就业 <strong>48</strong> 人" in block
    assert "地理标志" in block and f"gi-{product.pk}" in block
    assert "承诺达标合格证" in block and f"compliance_pledge-{product.pk}" in block
    assert "绿色食品" not in block
    assert "秋冬季（10月—次年3月）" in block
    assert "7 天" in block
    assert "冷藏" in block
    assert "2.5 千克" in block


def test_tier_prices_table_when_the_stock_record_has_tiers(client, market):
    product = market["products"]["black"]
    add_tiers(product.stockrecords.get(), (50, "33.60"), (10, "37.80"))

    block = provenance_html(client.get(product.get_absolute_url()))

    assert "机构采购阶梯价" in block and "起订量" in block and "单价" in block
    assert block.index("≥ 10") < block.index("¥37.80") < block.index("≥ 50") < block.index("¥33.60")


def test_no_tier_table_without_tiers(client, market):
    block = provenance_html(client.get(market["products"]["flower"].get_absolute_url()))

    assert "机构采购阶梯价" not in block


def test_product_of_a_partner_without_cooperative_profile_shows_no_benefit_story(client, market):
    response = client.get(market["products"]["own"].get_absolute_url())

    assert response.status_code == 200
    block = provenance_html(response)
    assert "稳富平台自营" in block
    assert "/shop/cooperatives/" not in block
    assert "联农带农" not in block


def test_origin_area_falls_back_to_the_cooperatives_first_area(client, market):
    coop = market["coops"]["lvyuan"]
    product = ProductFactory(title="木耳礼盒", stockrecord__partner=coop.partner)

    block = provenance_html(client.get(product.get_absolute_url()))

    assert "殷店镇东岳安置点" in block


def test_product_page_queries_do_not_grow_with_certificates_and_tiers(
    client, market, django_assert_max_num_queries
):
    product = market["products"]["fresh"]
    add_tiers(product.stockrecords.get(), (10, "40.00"), (50, "36.00"), (100, "33.00"))
    client.get(product.get_absolute_url())

    # 27 with the routes, attractions, festivals, live sales and news that feature it (cms).
    with django_assert_max_num_queries(28):
        response = client.get(product.get_absolute_url())

    assert response.status_code == 200


def test_product_of_a_suspended_cooperative_is_not_found_but_staff_may_look(client, admin_client, market):
    product = market["products"]["flower"]
    assert client.get(product.get_absolute_url()).status_code == 200

    cooperative_suspend(cooperative=market["coops"]["xingnong"], by=None, reason="抽检不合格")

    assert client.get(product.get_absolute_url()).status_code == 404
    assert admin_client.get(product.get_absolute_url()).status_code == 200
    # Already suspended before the fixture: hidden too.
    assert client.get(market["products"]["closed"].get_absolute_url()).status_code == 404
