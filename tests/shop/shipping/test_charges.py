"""Delivered methods charge each cooperative's parcel by its weight and the destination's zone:
the first kilogram, then each further kilogram begun (default rates, see the data migration)."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model

from catalog.constants import NetUnit
from tests.factories import ProductFactory

Repository = get_class("shipping.repository", "Repository")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")

pytestmark = pytest.mark.django_db


def methods_by_code(basket, address=None):
    return {
        method.code: method for method in Repository().get_shipping_methods(basket, shipping_addr=address)
    }


def charge(method, basket):
    return method.calculate(basket).incl_tax


@pytest.mark.parametrize(
    ("province", "box_charge", "bag_charge"),
    [
        ("湖北省", "12.00", "8.00"),  # local: 8 + 2 × 2 kg, and 8
        ("河南省", "18.00", "10.00"),  # neighbour: 10 + 4 × 2 kg, and 10
        ("重庆市", "18.00", "10.00"),
        ("北京市", "24.00", "12.00"),  # other: 12 + 6 × 2 kg, and 12
        ("新疆维吾尔自治区", "44.00", "20.00"),  # remote: 20 + 12 × 2 kg, and 20
    ],
)
def test_two_cooperatives_ship_two_parcels_each_charged_by_weight_and_province(
    products, make_basket, address_in, province, box_charge, bag_charge
):
    basket = make_basket((products["dried_box"], 1), (products["wood_ear"], 1))

    standard = methods_by_code(basket, address_in(province))["standard"]

    assert [(parcel.parcel.sender, parcel.charge) for parcel in standard.parcels] == [
        ("兴农香菇合作社", Decimal(box_charge)),
        ("绿源木耳合作社", Decimal(bag_charge)),
    ]
    assert charge(standard, basket) == Decimal(box_charge) + Decimal(bag_charge)


def test_method_description_lists_each_parcel_with_its_weight(products, make_basket, address_in):
    basket = make_basket((products["dried_box"], 1), (products["wood_ear"], 1))

    standard = methods_by_code(basket, address_in("湖北省"))["standard"]

    assert standard.name == "普通快递"
    assert str(standard.description) == "2 个包裹：兴农香菇合作社 2.6kg、绿源木耳合作社 0.6kg"


def test_lines_of_one_cooperative_share_a_parcel_and_each_further_kilogram_is_charged(
    products, make_basket, address_in, cooperatives
):
    second = ProductFactory(
        title="香菇酱 瓶装",
        net_content=Decimal("2"),
        net_unit=NetUnit.BOTTLE,
        stockrecord__partner=cooperatives["xingnong"],
    )
    # Two boxes of 2.6 kg, two packs of two 0.6 kg jars (+ 0.1 wrapping each): 7.8 kg, charged as 8.
    basket = make_basket((products["dried_box"], 2), (second, 2))

    standard = methods_by_code(basket, address_in("湖北省"))["standard"]

    assert len(standard.parcels) == 1
    assert standard.parcels[0].weight_kg == Decimal("7.8")
    assert charge(standard, basket) == Decimal("22.00")  # 8 + 7 × 2


@pytest.mark.parametrize(
    ("content", "unit", "weight"),
    [
        ("250", NetUnit.GRAM, "0.4"),
        ("3", NetUnit.JIN, "1.6"),
        ("500", NetUnit.MILLILITRE, "0.6"),
        ("1.5", NetUnit.LITRE, "1.6"),
        ("1", NetUnit.CASE, "5.1"),
        ("2", NetUnit.BOX, "1.1"),
        (None, NetUnit.BAG, "0.6"),
        (None, "", "0.6"),
    ],
)
def test_parcel_weight_is_estimated_from_net_content(
    cooperatives, make_basket, address_in, content, unit, weight
):
    product = ProductFactory(
        net_content=Decimal(content) if content else None,
        net_unit=unit,
        stockrecord__partner=cooperatives["lvyuan"],
    )
    basket = make_basket((product, 1))

    standard = methods_by_code(basket, address_in("湖北省"))["standard"]

    assert str(standard.description) == f"1 个包裹：绿源木耳合作社 {weight}kg"


def test_weight_attribute_wins_over_the_net_content_estimate(products, make_basket, address_in):
    bag = products["wood_ear"]
    attribute = ProductAttribute.objects.create(
        product_class=bag.product_class, name="重量", code="weight", type=ProductAttribute.FLOAT
    )
    ProductAttributeValue.objects.create(attribute=attribute, product=bag, value_float=4.0)
    basket = make_basket((bag, 1))

    standard = methods_by_code(basket, address_in("湖北省"))["standard"]

    # 4.0 kg as weighed, plus wrapping: 4.1 kg, charged as 5.
    assert str(standard.description) == "1 个包裹：绿源木耳合作社 4.1kg"
    assert charge(standard, basket) == Decimal("16.00")


def test_without_an_address_the_charge_is_the_least_it_can_cost(products, make_basket, address_in):
    basket = make_basket((products["dried_box"], 1), (products["wood_ear"], 1))

    method = Repository().get_default_shipping_method(basket)

    assert method.code == "standard"
    assert method.quote.is_lower_bound
    cheapest = min(
        charge(methods_by_code(basket, address_in(p))["standard"], basket)
        for p in ("湖北省", "河南省", "北京市", "新疆维吾尔自治区")
    )
    assert charge(method, basket) == cheapest == Decimal("20.00")


def test_pricing_a_basket_does_not_query_per_line(
    products, make_basket, address_in, cooperatives, django_assert_num_queries
):
    small = make_basket((products["dried_box"], 1))
    large = make_basket(
        (products["dried_box"], 1),
        (products["wood_ear"], 2),
        *[(ProductFactory(stockrecord__partner=cooperatives["lvyuan"]), 1) for _ in range(4)],
    )
    address = address_in("湖南省")
    counts = []
    for basket in (small, large):
        basket = type(basket).objects.get(pk=basket.pk)
        basket.strategy = small.strategy
        list(basket.all_lines())
        with django_assert_num_queries(4) as captured:
            Repository().get_shipping_methods(basket, shipping_addr=address)
        counts.append(len(captured))

    assert counts[0] == counts[1]
