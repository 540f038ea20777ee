"""Cooperatives, products and baskets for the shipping tests.

Products are named after what they weigh so charges can be worked out by hand: a 2.5 kg box
weighs 2.6 kg with its wrapping (0.1 kg per item), a 500 g bag 0.6 kg.
"""

import itertools
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from oscar.core.loading import get_class, get_model

from catalog.constants import NetUnit, Storage
from catalog.models import CooperativeProfile
from catalog.validators import cooperative_credit_code
from tests.factories import PartnerFactory, ProductFactory

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
Selector = get_class("partner.strategy", "Selector")

PASSWORD = "suixian-Xianggu-2026"


_organisation_codes = (f"MA4XY{n:04d}" for n in itertools.count(2000))


@pytest.fixture
def new_cooperative(db):
    """Makes a partner with a cooperative profile; returns the partner."""

    def make(code, name, address="随县厉山镇"):
        partner = PartnerFactory(code=code, name=name)
        CooperativeProfile.objects.create(
            partner=partner,
            legal_name=name,
            credit_code=cooperative_credit_code(next(_organisation_codes)),
            address=address,
        )
        return partner

    return make


@pytest.fixture
def cooperatives(new_cooperative):
    """Two cooperatives with pickup addresses, and the operator's own shelf (not a cooperative)."""
    return {
        "xingnong": new_cooperative("xingnong", "兴农香菇合作社", "随县三里岗镇香菇小镇 8 号"),
        "lvyuan": new_cooperative("lvyuan", "绿源木耳合作社", "随县殷店镇西岭村 2 组"),
        "own": PartnerFactory(code="wenfu", name="稳富平台自营"),
    }


@pytest.fixture
def products(cooperatives):
    def product(title, partner, *, storage=Storage.AMBIENT, content="500", unit=NetUnit.GRAM, price="30.00"):
        return ProductFactory(
            title=title,
            storage=storage,
            net_content=Decimal(content) if content is not None else None,
            net_unit=unit,
            stockrecord__partner=cooperatives[partner],
            stockrecord__price=price,
        )

    return {
        "dried_box": product(
            "花菇礼盒 2.5kg", "xingnong", content="2.5", unit=NetUnit.KILOGRAM, price="68.00"
        ),
        "wood_ear": product("黑木耳 500g", "lvyuan", price="32.00"),
        "fresh": product(
            "鲜香菇 2.5kg", "xingnong", storage=Storage.CHILLED, content="2.5", unit=NetUnit.KILOGRAM
        ),
        "frozen": product("冻泡泡青 1斤", "lvyuan", storage=Storage.FROZEN, content="1", unit=NetUnit.JIN),
        "gift": product("平台自营礼盒", "own", content="1", unit=NetUnit.BOX, price="99.00"),
    }


@pytest.fixture
def make_basket(db):
    """A saved basket holding ``(product, quantity)`` pairs, priced by the site's strategy."""

    def make(*items, owner=None):
        basket = Basket.objects.create(owner=owner)
        basket.strategy = Selector().strategy()
        for product, quantity in items:
            basket.add_product(product, quantity)
        return basket

    return make


@pytest.fixture
def china(db):
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="CN", defaults={"iso_3166_1_a3": "CHN", "name": "中国", "printable_name": "中国"}
    )
    return country


def address_fields(province, country):
    return {
        "first_name": "王小明",
        "line1": "解放路 18 号",
        "line4": "武汉市",
        "state": province,
        "postcode": "430000",
        "country_id": country.pk,
    }


@pytest.fixture
def address_in(china):
    """An unsaved shipping address in ``province``, as Oscar's checkout builds it from the session."""

    def make(province):
        return ShippingAddress(**address_fields(province, china))

    return make


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user("shopper@example.cn", PASSWORD)


@pytest.fixture
def checkout_at(client, shopper, china):
    """Logs ``shopper`` in, puts ``(product, quantity)`` pairs in their basket through the
    storefront and ships the checkout to ``province``; returns the client."""

    def start(province, *items):
        client.force_login(shopper)
        for product, quantity in items:
            response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": quantity})
            assert response.status_code == 302
        request = RequestFactory().get("/")
        request.session = client.session
        CheckoutSessionData(request).ship_to_new_address(address_fields(province, china))
        request.session.save()
        return client

    return start
