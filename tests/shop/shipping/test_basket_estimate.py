"""The basket's shipping estimate is what the checkout will charge: priced for the address chosen
in this checkout, else the shopper's default address, else the least it can cost (起)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from oscar.core.loading import get_class, get_model

from .conftest import address_fields

pytestmark = pytest.mark.django_db

UserAddress = get_model("address", "UserAddress")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
Repository = get_class("shipping.repository", "Repository")

BASKET = "/shop/basket/"


def page_of(response):
    assert response.status_code == 200
    return response.content.decode()


def preview_total(client, method_code):
    """The order total the checkout's preview asks the shopper to pay with ``method_code``."""
    assert client.post("/shop/checkout/shipping-method/", {"method_code": method_code}).status_code == 302
    response = client.get("/shop/checkout/preview/")
    assert response.status_code == 200
    return response.context["order_total"].incl_tax


def test_the_basket_charges_the_address_chosen_at_checkout_and_checkout_charges_the_same(
    checkout_at, products
):
    client = checkout_at("湖北省", (products["fresh"], 1), (products["wood_ear"], 1))

    response = client.get(BASKET)

    page = page_of(response)
    assert "寄往 湖北省" in page
    assert "冷链配送" in page
    assert "¥44.00" in page
    assert " 起" not in page
    basket_total = response.context["order_total"].incl_tax
    assert str(basket_total) == "106.00"
    assert preview_total(client, "cold-chain") == basket_total


def test_the_basket_charges_the_default_address_of_the_address_book(
    client, shopper, china, products, make_basket, address_in
):
    UserAddress.objects.create(user=shopper, is_default_for_shipping=True, **address_fields("北京市", china))
    client.force_login(shopper)
    client.post(f"/shop/basket/add/{products['dried_box'].pk}/", {"quantity": 1})

    response = client.get(BASKET)

    page = page_of(response)
    assert "寄往 北京市" in page
    beijing = Repository().get_shipping_methods(
        make_basket((products["dried_box"], 1)), shipping_addr=address_in("北京市")
    )
    assert response.context["shipping_charge"].incl_tax == beijing[0].quote.total == Decimal("24.00")
    assert " 起" not in page


def test_without_an_address_the_basket_shows_the_least_shipping_can_cost_marked_from(
    client, checkout_at, products
):
    client.post(f"/shop/basket/add/{products['fresh'].pk}/", {"quantity": 1})
    client.post(f"/shop/basket/add/{products['wood_ear'].pk}/", {"quantity": 1})

    page = page_of(client.get(BASKET))

    assert "尚未填写收货地址" in page
    assert "¥44.00 起" in page
    assert "¥106.00 起" in page


def test_an_address_id_of_another_shoppers_address_book_is_not_used(client, shopper, china, products):
    """A checkout session naming someone else's address (a forged id) prices as if none was given."""
    other = get_user_model().objects.create_user("other@example.cn", "Suixian-Other-2026")
    theirs = UserAddress.objects.create(user=other, **address_fields("新疆维吾尔自治区", china))
    client.force_login(shopper)
    client.post(f"/shop/basket/add/{products['wood_ear'].pk}/", {"quantity": 1})
    request = RequestFactory().get("/")
    request.session = client.session
    CheckoutSessionData(request).ship_to_user_address(theirs)
    request.session.save()

    page = page_of(client.get(BASKET))

    assert "新疆" not in page
    assert "尚未填写收货地址" in page
