"""Placing an order costs a fixed number of queries plus a few per line (writing the line and
its price, allocating its stock, Oscar's low-stock alert and analytics), however many lines."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.constants import OrderStatus
from tests.factories import ProductFactory
from tests.shop.address.conftest import SUIXIAN

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

#: Queries each further line may add to the place-order POST.
PER_LINE = 6


def client_at_preview(email, line_count):
    """A shopper at the order preview with one unit each of ``line_count`` new products."""
    client = Client()
    client.force_login(get_user_model().objects.create_user(email, "Suixian-Shopper-2026"))
    for n in range(line_count):
        product = ProductFactory(title=f"随县特产 {n}", stockrecord__num_in_stock=10)
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), SUIXIAN)
    methods = client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:shipping-method"), {"method_code": methods.context["methods"][0].code})
    assert client.get(reverse("checkout:preview")).status_code == 200
    return client


def place_order_queries(email, line_count):
    client = client_at_preview(email, line_count)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302
    order = Order.objects.get(user__email=email)
    assert (order.status, order.lines.count()) == (OrderStatus.PENDING_PAYMENT, line_count)
    return len(queries)


def test_each_further_order_line_adds_only_its_own_writes(eager_celery):
    two = place_order_queries("two@example.cn", 2)
    eight = place_order_queries("eight@example.cn", 8)

    assert (eight - two) / 6 <= PER_LINE, f"2 lines: {two} queries, 8 lines: {eight}"
