"""A product in a basket cannot be bought once its cooperative is suspended."""

import pytest
from django.contrib.auth import get_user_model

from catalog.models import CooperativeProfile
from catalog.onboarding.services import cooperative_suspend
from catalog.validators import cooperative_credit_code
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_in_basket(client):
    product = ProductFactory(title="三里岗香菇干货 250g")
    partner = product.stockrecords.get().partner
    cooperative = CooperativeProfile.objects.create(
        partner=partner, legal_name=partner.name, credit_code=cooperative_credit_code("MA4XY0001")
    )
    shopper = get_user_model().objects.create_user("shopper@example.cn", "suixian-Xianggu-2026")
    client.force_login(shopper)
    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1})
    assert response.status_code == 302
    return product, cooperative


def test_suspension_makes_the_basket_line_unavailable_and_stops_checkout(client, product_in_basket):
    product, cooperative = product_in_basket
    operator = get_user_model().objects.create_superuser("operator@example.cn", "suixian-Xianggu-2026")
    cooperative_suspend(cooperative=cooperative, by=operator, reason="资质文件过期")

    basket = client.get("/shop/basket/").content.decode()
    assert "该合作社已暂停销售" in basket

    response = client.get("/shop/checkout/", follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].endswith("/shop/basket/")

    again = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    assert "该合作社已暂停销售" in again.content.decode()
