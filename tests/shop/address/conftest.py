import pytest
from django.contrib.auth import get_user_model

from tests.factories import ProductFactory

PASSWORD = "suixian-Xianggu-2026"

#: A delivery address in Sui County (湖北省 随州市 随县), as the address form posts it.
SUIXIAN = {
    "first_name": "王秀英",
    "phone_number": "13972210001",
    "province": "420000",
    "city": "421300",
    "district": "421321",
    "street": "厉山镇",
    "line1": "神农大道 18 号安置小区 3 栋 2 单元 501",
}


@pytest.fixture
def address_data():
    return dict(SUIXIAN)


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("wang.xiuying@example.cn", PASSWORD)


@pytest.fixture
def shopper_client(client, shopper):
    client.force_login(shopper)
    return client


@pytest.fixture
def basket_client(shopper_client):
    """A logged-in shopper with one product in the basket, ready for the checkout."""
    product = ProductFactory(title="随州花菇 500g", stockrecord__price="68.00")
    response = shopper_client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    return shopper_client
