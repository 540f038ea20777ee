"""The address book (/shop/accounts/addresses/) with mainland addresses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

UserAddress = get_model("address", "UserAddress")

ADD_URL = "/shop/accounts/addresses/add/"
LIST_URL = "/shop/accounts/addresses/"


def add_address(client, data):
    return client.post(ADD_URL, data)


def test_the_form_offers_receiver_mobile_and_province_city_district_selects(shopper_client):
    page = shopper_client.get(ADD_URL).content.decode()
    for label in ("收货人", "手机号码", "所在地区", "乡镇/街道", "详细地址"):
        assert label in page
    assert 'data-division-level="province"' in page and '<option value="420000">湖北省</option>' in page
    assert "js/divisions.js" in page
    # Oscar's western fields are gone.
    for name in ("last_name", "line2", "postcode", "title"):
        assert f'name="{name}"' not in page


def test_shopper_adds_a_sui_county_address(shopper_client, shopper, address_data):
    response = add_address(shopper_client, address_data)
    assert response.status_code == 302

    address = UserAddress.objects.get(user=shopper)
    assert address.district_id == "421321"
    assert (address.state, address.line4, address.line3) == ("湖北省", "随州市", "随县")
    assert address.street == "厉山镇"
    assert address.phone_number.as_e164 == "+8613972210001"
    assert address.country_id == "CN"
    assert address.summary == "王秀英，湖北省 随州市 随县，厉山镇 神农大道 18 号安置小区 3 栋 2 单元 501"

    listing = shopper_client.get(LIST_URL).content.decode()
    assert "湖北省 随州市 随县" in listing and "厉山镇 神农大道 18 号" in listing


def test_the_edit_form_shows_the_saved_choices_and_saves_a_new_county(shopper_client, shopper, address_data):
    add_address(shopper_client, address_data)
    address = UserAddress.objects.get(user=shopper)
    url = reverse("customer:address-detail", kwargs={"pk": address.pk})

    page = shopper_client.get(url).content.decode()
    assert '<option value="421321" selected>随县</option>' in page
    assert '<option value="421300" selected>随州市</option>' in page
    assert 'value="13972210001"' in page

    response = shopper_client.post(url, {**address_data, "district": "421381", "street": "十里街道"})
    assert response.status_code == 302
    address.refresh_from_db()
    assert (address.district_id, address.line3, address.street) == ("421381", "广水市", "十里街道")


@pytest.mark.parametrize(
    "mobile", ["1397221000", "139722100011", "23972210001", "010-62345678", "+1 415 555 0100", "１３９"]
)
def test_a_mobile_that_is_not_11_digit_mainland_is_refused(shopper_client, shopper, address_data, mobile):
    response = add_address(shopper_client, {**address_data, "phone_number": mobile})
    assert response.status_code == 200
    assert "请输入 11 位中国大陆手机号码" in response.content.decode()
    assert not UserAddress.objects.filter(user=shopper).exists()


@pytest.mark.parametrize("mobile", ["139 7221 0001", "139-7221-0001", "+86 139 7221 0001", "+8613972210001"])
def test_a_mobile_typed_with_spaces_or_country_code_is_accepted(
    shopper_client, shopper, address_data, mobile
):
    assert add_address(shopper_client, {**address_data, "phone_number": mobile}).status_code == 302
    assert UserAddress.objects.get(user=shopper).phone_number.as_e164 == "+8613972210001"


def test_a_district_outside_the_chosen_province_is_refused(shopper_client, shopper, address_data):
    # 东城区 is in Beijing, not under 湖北省 随州市.
    response = add_address(shopper_client, {**address_data, "district": "110101"})
    assert response.status_code == 200
    assert "所选省、市、区县不相符，请重新选择。" in response.content.decode()
    assert not UserAddress.objects.filter(user=shopper).exists()


def test_a_city_outside_the_chosen_province_is_refused(shopper_client, shopper, address_data):
    response = add_address(shopper_client, {**address_data, "province": "440000"})
    assert response.status_code == 200
    assert "所选省、市、区县不相符，请重新选择。" in response.content.decode()
    assert not UserAddress.objects.filter(user=shopper).exists()


@pytest.mark.parametrize(
    "codes",
    [
        {"district": "421399"},
        {"city": "429999", "district": ""},
        {"province": "990000"},
        {"district": "随县"},
    ],
)
def test_a_code_outside_the_division_data_is_refused(shopper_client, shopper, address_data, codes):
    response = add_address(shopper_client, {**address_data, **codes})
    assert response.status_code == 200
    assert "请选择有效的省、市、区县。" in response.content.decode()
    assert not UserAddress.objects.filter(user=shopper).exists()


def test_a_city_with_counties_needs_one_chosen(shopper_client, shopper, address_data):
    response = add_address(shopper_client, {**address_data, "district": ""})
    assert response.status_code == 200
    assert "请选择区县。" in response.content.decode()
    assert not UserAddress.objects.filter(user=shopper).exists()


def test_without_javascript_a_posted_province_brings_its_cities(shopper_client, address_data):
    response = add_address(shopper_client, {**address_data, "city": "", "district": ""})
    page = response.content.decode()
    assert "请选择城市。" in page
    assert '<option value="421300">随州市</option>' in page


@pytest.mark.parametrize(
    ("codes", "region"),
    [
        ({"province": "440000", "city": "441900", "district": ""}, "广东省 东莞市"),
        ({"province": "420000", "city": "429004", "district": ""}, "湖北省 仙桃市"),
        ({"province": "110000", "city": "110100", "district": "110105"}, "北京市 朝阳区"),
    ],
)
def test_cities_without_counties_and_municipalities_are_accepted(
    shopper_client, shopper, address_data, codes, region
):
    assert add_address(shopper_client, {**address_data, **codes}).status_code == 302
    address = UserAddress.objects.get(user=shopper)
    assert address.region_line == region
    assert region in shopper_client.get(LIST_URL).content.decode()


def test_a_refused_edit_changes_nothing(shopper_client, shopper, address_data):
    add_address(shopper_client, address_data)
    address = UserAddress.objects.get(user=shopper)
    url = reverse("customer:address-detail", kwargs={"pk": address.pk})

    response = shopper_client.post(url, {**address_data, "phone_number": "12345", "district": "110101"})
    assert response.status_code == 200
    address.refresh_from_db()
    assert (address.district_id, address.phone_number.as_e164) == ("421321", "+8613972210001")


def test_missing_fields_get_chinese_messages(shopper_client, shopper):
    page = add_address(shopper_client, {}).content.decode()
    for message in (
        "请填写收货人姓名。",
        "请填写收货人的手机号码。",
        "请选择省份。",
        "请填写乡镇或街道。",
        "请填写详细地址。",
    ):
        assert message in page
    assert not UserAddress.objects.filter(user=shopper).exists()


def test_the_address_book_lists_many_addresses_in_a_fixed_number_of_queries(shopper_client, address_data):
    add_address(shopper_client, address_data)
    shopper_client.get(LIST_URL)  # warms per-process caches (site, content types)
    with CaptureQueriesContext(connection) as one:
        assert shopper_client.get(LIST_URL).status_code == 200
    for street in ("安居镇", "洪山镇", "万和镇", "殷店镇"):
        add_address(shopper_client, {**address_data, "street": street})
    with CaptureQueriesContext(connection) as five:
        page = shopper_client.get(LIST_URL).content.decode()
    assert page.count("<address>") == 5 and "殷店镇 神农大道" in page
    assert len(five) == len(one)
