"""The checkout's shipping-method page, as a shopper goes through it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.shipping.services import free_shipping_offer_set
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PAGE = "/shop/checkout/shipping-method/"


def test_page_lists_cold_chain_and_pickup_with_each_parcels_charge_and_says_why(checkout_at, products):
    client = checkout_at("湖北省", (products["fresh"], 1), (products["wood_ear"], 1))

    response = client.get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "寄往 湖北省（湖北省内）" in page
    assert "购物车中有冷藏/冷冻商品，需使用冷链配送" in page
    assert [method.code for method in response.context["methods"]] == ["cold-chain", "pickup"]
    assert 'value="standard"' not in page
    assert "2 个包裹：兴农香菇合作社 3.1kg（冷链）、绿源木耳合作社 0.6kg" in page
    for amount in ("¥36.00", "¥8.00", "¥44.00", "¥0.00"):
        assert amount in page
    assert "随县三里岗镇香菇小镇 8 号" in page


def test_choosing_cold_chain_moves_on_to_payment(checkout_at, products):
    client = checkout_at("湖北省", (products["fresh"], 1), (products["wood_ear"], 1))

    response = client.post(PAGE, {"method_code": "cold-chain"})

    assert response.status_code == 302
    assert response["Location"].endswith("/shop/checkout/payment-method/")
    assert client.session["checkout_data"]["shipping"]["method_code"] == "cold-chain"


def test_choosing_ordinary_express_for_a_chilled_basket_is_refused(checkout_at, products):
    client = checkout_at("湖北省", (products["fresh"], 1), (products["wood_ear"], 1))

    response = client.post(PAGE, {"method_code": "standard"}, follow=True)

    page = response.content.decode()
    assert "您提交的运送方式不被许可" in page
    assert "购物车中有冷藏/冷冻商品，需使用冷链配送" in page
    assert "method_code" not in client.session["checkout_data"].get("shipping", {})


def test_free_shipping_offer_shows_on_the_page(checkout_at, products):
    free_shipping_offer_set(threshold="100")
    client = checkout_at("北京市", (products["dried_box"], 1), (products["wood_ear"], 1))

    page = client.get(PAGE).content.decode()

    assert "已享受“满 100 元包邮”优惠，运费减免 ¥36.00。" in page


def shipping_queries(captured):
    """The queries of pricing shipping: rates, weight attributes, and partners joined to their
    cooperative profiles. (The basket's pricing strategy, not shipping, reads each line's stock
    record and partner on every storefront page.)"""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "shipping_shippingrate" in query["sql"]
        or "catalogue_productattributevalue" in query["sql"]
        or 'JOIN "catalogue_cooperativeprofile"' in query["sql"]
    ]


def test_page_queries_for_shipping_do_not_grow_with_the_number_of_parcels(
    checkout_at, products, new_cooperative, client
):
    def page_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PAGE)
        assert response.status_code == 200
        return shipping_queries(captured)

    checkout_at("湖北省", (products["dried_box"], 1))
    one_parcel = page_queries()

    extra = [
        ProductFactory(stockrecord__partner=new_cooperative(f"coop{n}", f"第{n}合作社")) for n in range(3)
    ]
    checkout_at("湖北省", *[(product, 1) for product in extra])
    four_parcels = page_queries()

    assert "4 个包裹" in client.get(PAGE).content.decode()
    assert len(four_parcels) == len(one_parcel) <= 6
