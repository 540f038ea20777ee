"""The order preview as the shopper reads it before paying: the receiver's mobile written the way
a mainland number is written, and the lines as the order will hold them, with no stock figures."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import ProductFactory
from tests.shop.address.conftest import SUIXIAN

pytestmark = pytest.mark.django_db

TITLE = "随州花菇 500g"


@pytest.fixture
def at_preview():
    """A signed-in shopper with two of a product that has 80 in stock, a Sui County address
    (mobile 13972210001) and a shipping method chosen, at the order preview."""
    product = ProductFactory(title=TITLE, stockrecord__price="68.00", stockrecord__num_in_stock=80)
    client = Client()
    client.force_login(get_user_model().objects.create_user("li.chunhua@example.cn", "Suixian-Shopper-2026"))
    assert client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2}).status_code == 302
    assert client.post(reverse("checkout:shipping-address"), SUIXIAN).status_code == 302
    method = client.get(reverse("checkout:shipping-method")).context["methods"][0].code
    assert client.post(reverse("checkout:shipping-method"), {"method_code": method}).status_code == 302
    return client


def test_preview_shows_the_receivers_mobile_as_a_mainland_number(at_preview):
    response = at_preview.get(reverse("checkout:preview"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "139 7221 0001" in page
    assert "+86" not in page


def test_preview_lists_the_lines_without_stock_figures(at_preview):
    page = at_preview.get(reverse("checkout:preview")).content.decode()

    assert TITLE in page and "¥136.00" in page
    assert "库存" not in page and "80 件" not in page


def test_the_basket_still_tells_how_many_are_in_stock(at_preview):
    # Only the preview drops the figure: while choosing quantities the shopper still needs it.
    assert "库存 80 件" in at_preview.get(reverse("basket:summary")).content.decode()
