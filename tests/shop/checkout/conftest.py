"""Orders paid through the emulator: its keys in a temporary folder, the shop served live so the
emulator's notify (an HTTP POST) reaches the shop's notify view."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.payments import services
from tests.conftest import reference_data_load
from tests.factories import ProductFactory
from tests.shop.address.conftest import SUIXIAN
from tests.shop.payments.conftest import _emulator_settings, emulator_key_dir, live_site  # noqa: F401
from tests.shop.payments.flows import local

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
Free = get_class("shipping.methods", "Free")
FixedPrice = get_class("shipping.methods", "FixedPrice")
EmulatedTrade = get_model("alipay_emulator", "EmulatedTrade")


DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


def _shopper_client(email, product, quantity=1, user_agent=DESKTOP):
    user = get_user_model().objects.create_user(email, "Suixian-Shopper-2026")
    client = Client(HTTP_USER_AGENT=user_agent)
    client.force_login(user)
    _to_preview(client, product, quantity)
    return client, user


def _to_preview(client, product, quantity=1):
    assert (
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}).status_code
        == 302
    )
    assert client.post(reverse("checkout:shipping-address"), SUIXIAN).status_code == 302
    methods = client.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:
        code = methods.context["methods"][0].code
        assert client.post(reverse("checkout:shipping-method"), {"method_code": code}).status_code == 302
    preview = client.get(reverse("checkout:preview"))
    assert preview.status_code == 200, preview


@pytest.fixture
def shopper_client():
    """``shopper_client(email, product, quantity=1, user_agent=DESKTOP)``: a logged-in shopper's
    client with ``quantity`` of ``product`` in the basket, at the order preview; and the user."""
    return _shopper_client


@pytest.fixture
def checkout_to_preview():
    """``checkout_to_preview(client, product, quantity=1)``: the shopper of ``client`` puts
    ``product`` in the basket and goes on to the order preview."""
    return _to_preview


@pytest.fixture
def reference_data(transactional_db):
    """What data migrations load, again after an earlier transactional test's flush."""
    reference_data_load()


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")


@pytest.fixture
def place_order(shopper):
    """Places an unpaid order of ``quantity`` units of a new product at ``price`` yuan (or of
    ``items``, ``[(product, quantity)]``), with ``shipping`` yuan of carriage, as the checkout
    does; returns the order."""

    def place(*, price="68.00", quantity=2, stock=10, items=None, shipping=None):
        if items is None:
            items = [(ProductFactory(stockrecord__price=price, stockrecord__num_in_stock=stock), quantity)]
        basket = Basket.objects.create(owner=shopper)
        basket.strategy = Selector().strategy(user=shopper)
        for product, units in items:
            basket.add_product(product, units)
        shipping = (
            Free() if shipping is None else FixedPrice(charge_excl_tax=shipping, charge_incl_tax=shipping)
        )
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


@pytest.fixture
def pay_on_cashier():
    """The shopper follows the order's pay URL to the emulator's cashier and presses 确认付款
    (needs ``live_site``); returns the response that sends them back to the shop."""

    def pay(client, order):
        response = client.get(local(services.payment_url(order, phone=False)))
        assert "确认付款" in client.get(response["Location"]).content.decode()
        trade = EmulatedTrade.objects.get(out_trade_no=order.number)
        return client.post(reverse("alipay-emulator:pay", kwargs={"pk": trade.pk}))

    return pay
