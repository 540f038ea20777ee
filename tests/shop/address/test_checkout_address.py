"""The checkout's shipping address step takes a mainland address and keeps it for the next steps."""

import pytest
from oscar.core.loading import get_class, get_model

from shop.address.selectors import shipping_province

pytestmark = pytest.mark.django_db

CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
ShippingAddress = get_model("order", "ShippingAddress")
UserAddress = get_model("address", "UserAddress")

SHIPPING_ADDRESS_URL = "/shop/checkout/shipping-address/"
SHIPPING_METHOD_URL = "/shop/checkout/shipping-method/"


def session_address(client):
    return client.session.get("checkout_data", {}).get("shipping", {}).get("new_address_fields")


def test_the_shipping_address_page_shows_the_mainland_form(basket_client):
    response = basket_client.get(SHIPPING_ADDRESS_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "所在地区" in page and "手机号码" in page and "js/divisions.js" in page
    assert 'name="postcode"' not in page and 'name="country"' not in page


def test_a_new_address_is_kept_in_the_session_and_the_next_step_opens(basket_client, address_data):
    response = basket_client.post(SHIPPING_ADDRESS_URL, address_data)
    assert response.status_code == 302 and response.url == SHIPPING_METHOD_URL

    kept = session_address(basket_client)
    assert kept["district_id"] == "421321" and kept["street"] == "厉山镇"
    assert (kept["state"], kept["line4"], kept["line3"]) == ("湖北省", "随州市", "随县")
    assert kept["phone_number"] == "+86 139 7221 0001"

    # The next step accepts the address and offers its methods (an invalid address would send
    # the shopper back to this page).
    next_step = basket_client.get(SHIPPING_METHOD_URL)
    assert next_step.status_code == 200


def test_going_back_shows_the_kept_address_in_the_form(basket_client, address_data):
    basket_client.post(SHIPPING_ADDRESS_URL, address_data)
    page = basket_client.get(SHIPPING_ADDRESS_URL).content.decode()
    assert '<option value="421321" selected>随县</option>' in page
    assert 'value="13972210001"' in page and 'value="厉山镇"' in page


def test_an_invalid_mobile_stops_the_checkout_with_a_chinese_message(basket_client, address_data):
    response = basket_client.post(SHIPPING_ADDRESS_URL, {**address_data, "phone_number": "1397221"})
    assert response.status_code == 200
    assert "请输入 11 位中国大陆手机号码" in response.content.decode()
    assert session_address(basket_client) is None


def test_an_address_outside_the_division_data_stops_the_checkout(basket_client, address_data):
    response = basket_client.post(SHIPPING_ADDRESS_URL, {**address_data, "district": "421399"})
    assert response.status_code == 200
    assert "请选择有效的省、市、区县。" in response.content.decode()
    assert session_address(basket_client) is None


def test_an_address_book_entry_ships_with_its_county(basket_client, shopper, address_data):
    basket_client.post("/shop/accounts/addresses/add/", address_data)
    address = UserAddress.objects.get(user=shopper)
    page = basket_client.get(SHIPPING_ADDRESS_URL).content.decode()
    assert "湖北省 随州市 随县" in page

    response = basket_client.post(SHIPPING_ADDRESS_URL, {"action": "ship_to", "address_id": address.pk})
    assert response.status_code == 302 and response.url == SHIPPING_METHOD_URL

    # Order placement copies the address book entry field by field, the county with the rest.
    shipping = ShippingAddress()
    address.populate_alternative_model(shipping)
    assert (shipping.district_id, shipping.street, shipping.line3) == ("421321", "厉山镇", "随县")


def test_shipping_province_names_the_province_of_new_and_saved_addresses(
    basket_client, shopper, address_data
):
    basket_client.post(SHIPPING_ADDRESS_URL, address_data)
    unsaved = ShippingAddress(**session_address(basket_client))
    assert shipping_province(unsaved).name == "湖北省"

    basket_client.post(
        "/shop/accounts/addresses/add/",
        {**address_data, "province": "440000", "city": "441900", "district": ""},
    )
    saved = UserAddress.objects.get(user=shopper)
    assert shipping_province(saved).code == "440000"
    assert shipping_province(ShippingAddress()) is None
