import pytest

from tests.catalog.dashboard.helpers import cooperative, operator_user
from tests.factories import CategoryFactory, ProductFactory


@pytest.fixture
def market(db):
    """Two cooperatives, each with staff and one product in a shared category, and an operator.

    ``a`` is 随县香菇合作社 selling 随州花菇 500g; ``b`` is 随县蜂蜜合作社 selling 高山土蜂蜜.
    """
    partner_a, user_a = cooperative("随县香菇合作社", "a@example.cn")
    partner_b, user_b = cooperative("随县蜂蜜合作社", "b@example.cn")
    category = CategoryFactory(name="土特产")
    product_a = ProductFactory(
        title="随州花菇 500g",
        categories=[category],
        stockrecord__partner=partner_a,
        stockrecord__price="68.00",
    )
    product_b = ProductFactory(
        title="高山土蜂蜜", categories=[category], stockrecord__partner=partner_b, stockrecord__price="88.00"
    )
    return {
        "a": {
            "partner": partner_a,
            "user": user_a,
            "product": product_a,
            "stockrecord": product_a.stockrecords.get(),
        },
        "b": {
            "partner": partner_b,
            "user": user_b,
            "product": product_b,
            "stockrecord": product_b.stockrecords.get(),
        },
        "operator": operator_user(),
        "category": category,
    }
