"""The product page's quantity: the shopper picks how many before 加入购物车; a quantity the
stock cannot cover, or below one, is refused in Chinese and adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from oscar.core.loading import get_model

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")


def basket_quantity(client):
    response = client.get("/shop/basket/")
    return sum(line.quantity for line in response.context["basket"].all_lines())


def messages_of(response):
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_the_product_page_offers_a_quantity_and_adds_that_many(client):
    product = ProductFactory(title="枣花蜜 500g", stockrecord__num_in_stock=20)

    page = BeautifulSoup(client.get(product.get_absolute_url()).content, "html.parser")

    form = page.find("form", id="add_to_basket_form")
    quantity = form.find("input", attrs={"name": "quantity"})
    assert quantity["type"] == "number" and quantity["min"] == "1" and quantity["max"] == "20"
    assert form.find("label", attrs={"for": quantity["id"]}).get_text(strip=True) == "数量"
    assert [button.get_text(strip=True) for button in form.select("[data-step]")] == ["−", "+"]

    response = client.post(form["action"], {"quantity": 2}, follow=True)

    assert "<strong>枣花蜜 500g</strong> × 2 已加入购物车。" in messages_of(response)
    assert basket_quantity(client) == 2


@pytest.mark.parametrize("quantity", ["0", "-3", "abc"])
def test_a_quantity_below_one_is_refused_and_adds_nothing(client, quantity):
    product = ProductFactory(title="枣花蜜 500g", stockrecord__num_in_stock=20)

    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity}, follow=True)

    message = messages_of(response)
    assert message in ("确保该值大于或等于1。", "输入整数。")
    assert basket_quantity(client) == 0


def test_more_than_the_stock_is_refused_in_chinese_and_adds_nothing(client):
    product = ProductFactory(title="枣花蜜 500g", stockrecord__num_in_stock=3)

    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 5}, follow=True)

    assert "库存不足：最多可以购买 3 件" in messages_of(response)
    assert basket_quantity(client) == 0
