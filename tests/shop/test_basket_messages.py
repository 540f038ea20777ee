"""What a shopper reads after adding to the basket and at checkout's address step: Chinese, as a
Chinese shop says it, not Oscar's English or its literal translations."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(client):
    user = get_user_model().objects.create_user("shopper@example.cn", "suixian-Xianggu-2026")
    client.force_login(user)
    return user


def test_adding_to_the_basket_says_its_new_total_in_chinese(client, shopper):
    product = ProductFactory(title="三里岗香菇干货 250g")

    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 2}, follow=True)

    texts = " ".join(str(message) for message in get_messages(response.wsgi_request))
    texts += response.content.decode()
    assert "购物车合计" in texts
    assert "Your basket total" not in texts


def test_checkout_asks_for_a_delivery_address_plainly(client, shopper):
    product = ProductFactory(title="三里岗香菇干货 250g")
    client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})

    content = client.get("/shop/checkout/shipping-address/").content.decode()

    assert "收货地址" in content
    assert "我们应该运到哪里" not in content
