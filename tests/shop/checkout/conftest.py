"""Orders paid through the emulator: its keys in a temporary folder, the shop served live so the
emulator's notify (an HTTP POST) reaches the shop's notify view."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_class, get_model

from tests.factories import ProductFactory
from tests.shop.payments.conftest import _emulator_settings, emulator_key_dir, live_site  # noqa: F401

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")


@pytest.fixture
def place_order(shopper):
    """Places an unpaid order of ``quantity`` units of a new product at ``price`` yuan, as the
    checkout does; returns the order."""

    def place(*, price="68.00", quantity=2, stock=10):
        product = ProductFactory(stockrecord__price=price, stockrecord__num_in_stock=stock)
        basket = Basket.objects.create(owner=shopper)
        basket.strategy = Selector().strategy(user=shopper)
        basket.add_product(product, quantity)
        shipping = Free()
        charge = shipping.calculate(basket)
        order = OrderCreator().place_order(
            user=shopper,
            basket=basket,
            shipping_address=None,
            shipping_method=shipping,
            shipping_charge=charge,
            total=OrderTotalCalculator().calculate(basket, charge),
        )
        basket.submit()
        return order

    return place
