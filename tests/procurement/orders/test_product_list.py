"""The buyer's product list: what an institution may order, at which tier prices, found with
the storefront's search, and "加入采购单" into the current draft."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile
from catalog.services import product_search_text_refresh
from procurement.constants import PurchaseOrderState
from procurement.models import PurchaseOrder
from tests.factories import CategoryFactory
from tests.procurement.conftest import stock

pytestmark = pytest.mark.django_db

URL = reverse("procurement:product-list")
ADD = reverse("procurement:product-line-add")


def test_buyer_sees_each_product_with_cooperative_tier_prices_and_minimum(client, world):
    client.force_login(world.buyer)
    page = client.get(URL).content.decode()
    assert "随州香菇 5kg" in page and "随县香菇专业合作社" in page
    assert world.mushroom.partner_sku in page
    assert "满 10 件 ¥130.00" in page and "满 50 件 ¥120.00" in page
    assert "¥150.00" in page
    assert "加入采购单" in page


def test_products_of_a_suspended_cooperative_are_not_listed(client, world):
    CooperativeProfile.objects.filter(partner=world.coop_b).update(status=CooperativeStatus.SUSPENDED)
    client.force_login(world.buyer)
    page = client.get(URL).content.decode()
    assert "泡泡青" not in page
    assert "随州香菇" in page


def test_search_uses_the_storefront_words_and_category_narrows(client, world):
    product_search_text_refresh(
        product_ids=[r.product_id for r in (world.mushroom, world.fungus, world.greens)]
    )
    client.force_login(world.buyer)
    page = client.get(URL, {"q": "香菇"}).content.decode()
    assert "随州香菇" in page and "泡泡青" not in page

    vegetables = CategoryFactory(name="蔬菜")
    world.greens.product.categories.add(vegetables)
    page = client.get(URL, {"category": vegetables.pk}).content.decode()
    assert "泡泡青" in page and "随州香菇" not in page


def test_product_list_queries_do_not_grow_with_products(client, world, django_assert_max_num_queries):
    client.force_login(world.buyer)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for index in range(30):
        stock(world.coop_a, f"干货 {index}", price="10.00", tiers=[(5, "9.00"), (20, "8.00")])
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)
    assert len(few) <= 25
    assert response.context["paginator"].count == 33
    assert len(response.context["stockrecords"]) == 25


def test_adding_a_product_starts_a_draft_then_adds_to_it(client, world):
    client.force_login(world.buyer)
    response = client.post(ADD, {"stockrecord": world.mushroom.pk, "quantity": "10"})
    draft = PurchaseOrder.objects.get()
    assert response.url == reverse("procurement:order-update", args=[draft.pk])
    assert draft.state == PurchaseOrderState.DRAFT and draft.delivery_address == world.kitchen

    client.post(ADD, {"stockrecord": world.mushroom.pk, "quantity": "40"})
    client.post(ADD, {"stockrecord": world.greens.pk, "quantity": "20"})
    assert PurchaseOrder.objects.count() == 1
    lines = {line.stockrecord_id: (line.quantity, line.unit_price) for line in draft.lines.all()}
    assert lines[world.mushroom.pk] == (50, 120)
    assert lines[world.greens.pk] == (20, 32)


@pytest.mark.parametrize("quantity", ["0", "-1", "1.5", "十", ""])
def test_a_bad_quantity_is_refused_and_no_draft_is_started(client, world, quantity):
    client.force_login(world.buyer)
    response = client.post(ADD, {"stockrecord": world.mushroom.pk, "quantity": quantity}, follow=True)
    assert "数量必须" in response.content.decode()
    assert not PurchaseOrder.objects.exists()


def test_below_the_minimum_quantity_the_draft_is_not_changed(client, world, draft):
    client.force_login(world.buyer)
    response = client.post(ADD, {"stockrecord": world.fungus.pk, "quantity": "2"}, follow=True)
    assert "低于起订量 5" in response.content.decode()
    assert draft.lines.count() == 2


def test_a_member_without_the_buyer_role_cannot_add(client, world):
    client.force_login(world.approver)
    page = client.get(URL).content.decode()
    assert "加入采购单</button>" not in page
    response = client.post(ADD, {"stockrecord": world.mushroom.pk, "quantity": "10"}, follow=True)
    assert "没有“采购员”角色" in response.content.decode()
    assert not PurchaseOrder.objects.exists()
