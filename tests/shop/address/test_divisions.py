"""The GB/T 2260 division data, and the JSON view the province → city → district selects read."""

import pytest
from oscar.core.loading import get_model

from shop.address.constants import DivisionLevel

pytestmark = pytest.mark.django_db

Country = get_model("address", "Country")
Division = get_model("address", "Division")


def test_sui_county_sits_under_suizhou_under_hubei():
    sui_county = Division.objects.select_related("parent__parent").get(code="421321")
    assert (sui_county.name, sui_county.level) == ("随县", DivisionLevel.DISTRICT)
    assert (sui_county.parent.code, sui_county.parent.name) == ("421300", "随州市")
    assert (sui_county.parent.parent.code, sui_county.parent.parent.name) == ("420000", "湖北省")
    assert sui_county.parent.parent.parent is None


def test_all_34_provincial_divisions_and_every_county_are_loaded():
    assert Division.objects.filter(level=DivisionLevel.PROVINCE).count() == 34
    assert Division.objects.filter(level=DivisionLevel.DISTRICT).count() == 2843
    # Every county-level division has a parent, and only provinces have none.
    assert not Division.objects.filter(parent__isnull=True).exclude(level=DivisionLevel.PROVINCE).exists()


def test_municipalities_read_province_city_district_like_everywhere_else():
    dongcheng = Division.objects.select_related("parent__parent").get(code="110101")
    assert [dongcheng.parent.parent.name, dongcheng.parent.name, dongcheng.name] == [
        "北京市",
        "北京市",
        "东城区",
    ]


def test_china_is_the_shipping_country():
    china = Country.objects.get(pk="CN")
    assert (china.printable_name, china.is_shipping_country) == ("中国", True)


def test_provinces_are_listed_for_the_first_select(client):
    response = client.get("/shop/address/divisions/")
    assert response.status_code == 200
    names = [division["name"] for division in response.json()["divisions"]]
    assert names[0] == "北京市" and "湖北省" in names
    # Hong Kong, Macao and Taiwan have no cities in the data: no mainland address can name them.
    assert len(names) == 31 and "香港特别行政区" not in names


def test_the_counties_of_suizhou_are_listed_as_final_choices(client):
    response = client.get("/shop/address/divisions/", {"parent": "421300"})
    assert response.status_code == 200
    assert response.json()["divisions"] == [
        {"code": "421303", "name": "曾都区", "leaf": True},
        {"code": "421321", "name": "随县", "leaf": True},
        {"code": "421381", "name": "广水市", "leaf": True},
    ]
    assert "max-age=86400" in response["Cache-Control"]


def test_a_city_without_districts_is_marked_final(client):
    cities = client.get("/shop/address/divisions/", {"parent": "440000"}).json()["divisions"]
    dongguan = next(city for city in cities if city["code"] == "441900")
    assert dongguan == {"code": "441900", "name": "东莞市", "leaf": True}
    hubei_cities = client.get("/shop/address/divisions/", {"parent": "420000"}).json()["divisions"]
    suizhou = next(city for city in hubei_cities if city["code"] == "421300")
    assert suizhou["leaf"] is False


def test_an_unknown_parent_is_a_404_with_a_chinese_message(client):
    response = client.get("/shop/address/divisions/", {"parent": "999999"})
    assert response.status_code == 404
    assert response.json() == {"error": "请选择有效的省、市、区县。"}
