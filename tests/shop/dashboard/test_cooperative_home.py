"""A cooperative's dashboard home is its own business: its paid lines this week and month (not
the platform's revenue, unpaid orders, shipping or other cooperatives' goods), its parcels to
ship, its low stock, its listings in review and its documents about to expire."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from catalog.constants import DocumentKind, ListingReviewKind
from catalog.models import CooperativeProfile, ListingReview, QualificationDocument
from catalog.validators import cooperative_credit_code
from shop.payments import services
from tests.catalog.dashboard.helpers import cooperative, operator_user
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
FixedPrice = get_class("shipping.methods", "FixedPrice")

HOME = "/shop/dashboard/"


@pytest.fixture
def shopper():
    return get_user_model().objects.create_user("shopper@example.cn", "Suixian-Shopper-2026")


@pytest.fixture
def coops():
    return {
        "own": cooperative("三里岗香菇合作社", "xianggu@example.cn"),
        "other": cooperative("洪山蜂蜜合作社", "fengmi@example.cn"),
    }


def place(shopper, items, *, paid, trade_no="2026120300001"):
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Selector().strategy(user=shopper)
    for product, quantity in items:
        basket.add_product(product, quantity)
    shipping = FixedPrice(charge_excl_tax=Decimal("12.00"), charge_incl_tax=Decimal("12.00"))
    charge = shipping.calculate(basket)
    order = OrderCreator().place_order(
        user=shopper,
        basket=basket,
        shipping_method=shipping,
        shipping_charge=charge,
        total=OrderTotalCalculator().calculate(basket, charge),
    )
    basket.submit()
    if paid:
        services.payment_record(order, trade_no=trade_no, amount=services.order_amount(order))
    return order


@pytest.fixture
def business(shopper, coops):
    own, other = coops["own"][0], coops["other"][0]
    shiitake = ProductFactory(
        title="花菇 500g", stockrecord__partner=own, stockrecord__price="30.00", stockrecord__num_in_stock=3
    )
    honey = ProductFactory(
        title="土蜂蜜 500g",
        stockrecord__partner=other,
        stockrecord__price="50.00",
        stockrecord__num_in_stock=2,
    )
    place(shopper, [(shiitake, 2), (honey, 1)], paid=True)
    place(shopper, [(shiitake, 1)], paid=False)  # 待付款: not a sale yet
    ListingReview.objects.create(
        product=shiitake, kind=ListingReviewKind.CHANGE, submitted_by=coops["own"][1]
    )
    ListingReview.objects.create(product=honey, kind=ListingReviewKind.CHANGE, submitted_by=coops["other"][1])
    for partner, n in ((own, 1), (other, 2)):
        profile = CooperativeProfile.objects.create(
            partner=partner,
            legal_name=partner.name,
            credit_code=cooperative_credit_code(f"MA4XY990{n}"),
            address="随县",
        )
        QualificationDocument.objects.create(
            cooperative=profile,
            kind=DocumentKind.FOOD_BUSINESS,
            file="qualifications/licence.pdf",
            expires_on=timezone.localdate() + datetime.timedelta(days=10),
        )
    return {"shiitake": shiitake, "honey": honey}


def test_a_cooperative_sees_its_own_paid_lines_not_the_platforms_figures(client, coops, business):
    client.force_login(coops["own"][1])

    response = client.get(HOME)

    assert response.status_code == 200
    week, month = response.context["sales_week"], response.context["sales_month"]
    # 2 × ¥30 of its own 花菇: not the other cooperative's ¥50 honey, the ¥12 shipping or the unpaid order.
    assert (week.amount, week.orders, week.units) == (Decimal("60.00"), 1, 2)
    assert month.amount == Decimal("60.00")
    page = response.content.decode()
    assert 'id="sales-week">¥60.00<' in page
    for platform_figure in ("¥122.00", "用户总量", "新用户", "总收入", "Total Customers"):
        assert platform_figure not in page
    assert response.context["parcels_to_ship_count"] == 1
    assert [record.product for record in response.context["low_stock"]] == [business["shiitake"]]
    assert [review.product for review in response.context["listings_in_review"]] == [business["shiitake"]]
    assert [document.cooperative.partner for document in response.context["documents_expiring"]] == [
        coops["own"][0]
    ]
    assert "土蜂蜜" not in page and "洪山蜂蜜合作社" not in page
    # Its ledger (its own sales by channel, refunds, net) is a click away, and opens for it.
    ledger = re.search(r'id="coop-ledger-link" href="([^"]+)"', page).group(1)
    assert client.get(ledger).status_code == 200


def test_the_other_cooperative_sees_only_its_honey(client, coops, business):
    client.force_login(coops["other"][1])

    response = client.get(HOME)

    assert response.context["sales_week"].amount == Decimal("50.00")
    assert "花菇" not in response.content.decode()


def test_the_home_costs_the_same_queries_however_much_a_cooperative_sells(
    client, shopper, coops, business, django_assert_max_num_queries
):
    client.force_login(coops["own"][1])
    with django_assert_max_num_queries(30) as few:
        client.get(HOME)
    for n in range(6):
        product = ProductFactory(stockrecord__partner=coops["own"][0], stockrecord__num_in_stock=1)
        place(shopper, [(product, 1)], paid=True, trade_no=f"20261203000{n + 2}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(HOME)


def test_operators_keep_oscars_shop_wide_home(client, business):
    client.force_login(operator_user())

    response = client.get(HOME)

    assert response.status_code == 200
    assert "sales_week" not in response.context
    assert response.context["total_orders"] == 2
