"""Chilled and frozen goods go cold-chain (not to remote provinces); pickup is free, at the
cooperatives, and only when every line comes from one."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_class

from shop.shipping.models import ShippingRate
from tests.factories import ProductFactory

Repository = get_class("shipping.repository", "Repository")
shipping_options = get_class("shipping.quotes", "shipping_options")

pytestmark = pytest.mark.django_db


def codes(basket, address):
    return [method.code for method in Repository().get_shipping_methods(basket, shipping_addr=address)]


def method(basket, address, code):
    return next(m for m in Repository().get_shipping_methods(basket, shipping_addr=address) if m.code == code)


def test_a_chilled_line_makes_cold_chain_the_only_delivery(products, make_basket, address_in):
    basket = make_basket((products["fresh"], 1), (products["wood_ear"], 1))
    address = address_in("湖北省")

    assert codes(basket, address) == ["cold-chain", "pickup"]
    options = shipping_options(basket=basket, shipping_addr=address)
    assert options.notices == ("购物车中有冷藏/冷冻商品，需使用冷链配送",)
    assert [(item.name, item.reason) for item in options.unavailable] == [
        ("普通快递", "购物车中有冷藏/冷冻商品，需使用冷链配送")
    ]


def test_cold_chain_charges_the_cold_parcel_cold_and_the_other_parcel_as_ordinary_express(
    products, make_basket, address_in
):
    basket = make_basket((products["fresh"], 1), (products["wood_ear"], 1))

    cold_chain = method(basket, address_in("湖北省"), "cold-chain")

    # 鲜香菇 2.6 kg + 0.5 kg foam box and ice: 4 kg at 18 + 3 × 6; the dried bag: 8.
    assert [(p.parcel.sender, p.is_cold, p.charge) for p in cold_chain.parcels] == [
        ("兴农香菇合作社", True, Decimal("36.00")),
        ("绿源木耳合作社", False, Decimal("8.00")),
    ]
    assert cold_chain.calculate(basket).incl_tax == Decimal("44.00")
    assert str(cold_chain.description) == "2 个包裹：兴农香菇合作社 3.1kg（冷链）、绿源木耳合作社 0.6kg"


def test_frozen_goods_to_a_neighbouring_province_pay_the_neighbour_cold_rate(
    products, make_basket, address_in
):
    basket = make_basket((products["fresh"], 1), (products["frozen"], 1))

    cold_chain = method(basket, address_in("湖南省"), "cold-chain")

    # 3.1 kg → 4 kg at 25 + 3 × 10; 1 斤 = 0.5 kg + 0.1 + 0.5 = 1.1 kg → 2 kg at 25 + 10.
    assert [p.charge for p in cold_chain.parcels] == [Decimal("55.00"), Decimal("35.00")]


def test_cold_chain_does_not_reach_remote_provinces_and_says_why(products, make_basket, address_in):
    basket = make_basket((products["fresh"], 1))
    address = address_in("新疆维吾尔自治区")

    assert codes(basket, address) == ["pickup"]
    reasons = {
        item.code: item.reason for item in shipping_options(basket=basket, shipping_addr=address).unavailable
    }
    assert reasons["cold-chain"] == (
        "冷链不送达：冷链配送暂不覆盖新疆维吾尔自治区（偏远地区），途中无法保证冷藏/冷冻商品全程低温。"
    )


def test_ordinary_goods_still_ship_to_remote_provinces(products, make_basket, address_in):
    basket = make_basket((products["wood_ear"], 1))

    assert codes(basket, address_in("西藏自治区")) == ["standard", "pickup"]
    assert method(basket, address_in("西藏自治区"), "standard").calculate(basket).incl_tax == Decimal("20.00")


def test_nothing_ships_a_cold_basket_from_the_operators_shelf_to_a_remote_province_but_the_basket_page_works(
    client, products, cooperatives, china
):
    cold_gift = ProductFactory(
        title="自营冷鲜礼盒", storage="chilled", stockrecord__partner=cooperatives["own"]
    )
    shopper = get_user_model().objects.create_user("far@example.cn", "suixian-Xianggu-2026")
    shopper.addresses.create(
        first_name="阿依",
        line1="人民路 1 号",
        line4="乌鲁木齐市",
        state="新疆维吾尔自治区",
        country=china,
        is_default_for_shipping=True,
    )
    client.force_login(shopper)
    client.post(f"/shop/basket/add/{cold_gift.pk}/", {"quantity": 1})

    response = client.get("/shop/basket/")

    assert response.status_code == 200
    assert "自营冷鲜礼盒" in response.content.decode()


def test_operator_turns_cold_chain_on_for_remote_provinces_in_the_admin(
    client, products, make_basket, address_in
):
    operator = get_user_model().objects.create_superuser("operator@example.cn", "suixian-Xianggu-2026")
    client.force_login(operator)
    rate = ShippingRate.objects.get(method_code="cold-chain", zone="remote")

    response = client.post(
        f"/django-admin/shipping/shippingrate/{rate.pk}/change/",
        {
            "method_code": "cold-chain",
            "zone": "remote",
            "first_kg_price": "40.00",
            "additional_kg_price": "18.00",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    basket = make_basket((products["fresh"], 1))
    cold_chain = method(basket, address_in("青海省"), "cold-chain")
    assert cold_chain.calculate(basket).incl_tax == Decimal("94.00")  # 4 kg: 40 + 3 × 18


def test_a_negative_rate_is_refused_in_chinese_and_changes_nothing(client):
    operator = get_user_model().objects.create_superuser("operator@example.cn", "suixian-Xianggu-2026")
    client.force_login(operator)
    rate = ShippingRate.objects.get(method_code="standard", zone="local")

    response = client.post(
        f"/django-admin/shipping/shippingrate/{rate.pk}/change/",
        {
            "method_code": "standard",
            "zone": "local",
            "first_kg_price": "-8.00",
            "additional_kg_price": "2.00",
            "is_active": "on",
        },
    )

    assert response.status_code == 200
    assert "确保该值大于或等于0" in response.content.decode()
    rate.refresh_from_db()
    assert rate.first_kg_price == Decimal("8.00")


def test_pickup_is_free_and_names_each_cooperatives_address(products, make_basket, address_in):
    basket = make_basket((products["dried_box"], 1), (products["wood_ear"], 3))

    pickup = method(basket, address_in("广东省"), "pickup")

    assert pickup.name == "到合作社自提"
    assert pickup.calculate(basket).incl_tax == Decimal("0.00")
    assert str(pickup.description) == (
        "2 处自提，免运费：兴农香菇合作社（随县三里岗镇香菇小镇 8 号）、"
        "绿源木耳合作社（随县殷店镇西岭村 2 组）"
    )


def test_no_pickup_when_a_line_is_not_sold_by_a_cooperative(products, make_basket, address_in):
    basket = make_basket((products["dried_box"], 1), (products["gift"], 1))
    address = address_in("湖北省")

    assert codes(basket, address) == ["standard"]
    reasons = {
        item.code: item.reason for item in shipping_options(basket=basket, shipping_addr=address).unavailable
    }
    assert reasons == {"pickup": "部分商品不是由合作社发货，不能到合作社自提。"}
