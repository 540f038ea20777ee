"""Free shipping over a threshold the operator sets: an Oscar offer on the basket's value that
takes the whole charge (every parcel) off."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_class, get_model

from shop.shipping.services import free_shipping_offer_set

Applicator = get_class("offer.applicator", "Applicator")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Repository = get_class("shipping.repository", "Repository")

pytestmark = pytest.mark.django_db


def standard_charge(basket, address):
    Applicator().apply(basket)
    methods = Repository().get_shipping_methods(basket, shipping_addr=address)
    standard = next(method for method in methods if method.code == "standard")
    return standard.calculate(basket).incl_tax


def test_baskets_at_the_threshold_ship_free_whatever_the_number_of_parcels(products, make_basket, address_in):
    free_shipping_offer_set(threshold="100")
    # 68 + 32 = 100 yuan of goods in two parcels that would cost 24 + 12 to Beijing.
    basket = make_basket((products["dried_box"], 1), (products["wood_ear"], 1))

    assert standard_charge(basket, address_in("北京市")) == Decimal("0.00")


def test_baskets_below_the_threshold_pay_for_each_parcel(products, make_basket, address_in):
    free_shipping_offer_set(threshold="100")
    basket = make_basket((products["dried_box"], 1))

    assert standard_charge(basket, address_in("北京市")) == Decimal("24.00")


def test_setting_the_threshold_again_changes_the_same_offer(products, make_basket, address_in):
    free_shipping_offer_set(threshold="100")
    offer = free_shipping_offer_set(threshold="60")

    assert ConditionalOffer.objects.count() == 1
    assert offer.name == "满 60 元包邮"
    assert standard_charge(make_basket((products["dried_box"], 1)), address_in("北京市")) == Decimal("0.00")


@pytest.mark.parametrize("threshold", ["0", "-5", "abc", None])
def test_a_threshold_that_is_not_a_positive_amount_is_refused_and_changes_nothing(threshold):
    free_shipping_offer_set(threshold="100")

    with pytest.raises(ValidationError) as refused:
        free_shipping_offer_set(threshold=threshold)

    assert refused.value.messages == ["包邮门槛必须是大于 0 的金额。"]
    offer = ConditionalOffer.objects.get()
    assert (offer.name, offer.condition.value) == ("满 100 元包邮", Decimal("100.00"))
