"""Tier prices (阶梯价) of a stock record, edited by its cooperative."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import TierPrice
from tests.catalog.dashboard.helpers import saved_tiers, tier_post, tiers_url


def awaiting_first_review(stockrecord):
    """Makes the stock record's product one nobody has approved yet: its tier prices apply at
    once (a listed product's go to listing review: tests/catalog/review/test_review_bypasses.py)."""
    type(stockrecord.product).objects.filter(pk=stockrecord.product_id).update(approved_at=None)
    return stockrecord


def test_cooperative_sets_falling_tier_prices_and_sees_the_minimum_order_quantity(client, market):
    client.force_login(market["a"]["user"])
    stockrecord = awaiting_first_review(market["a"]["stockrecord"])

    response = client.post(tiers_url(stockrecord), tier_post((50, "28.00"), (10, "30.00"), ("", "")))

    assert response.status_code == 302
    assert saved_tiers(stockrecord) == [(10, Decimal("30.00")), (50, Decimal("28.00"))]
    page = client.get(response.url).content.decode()
    assert "阶梯价已保存" in page
    assert '<td class="moq">10</td>' in page


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(10, "30.00"), (50, "31.00")], "阶梯价应随数量增加而降低"),
        ([(10, "30.00"), (50, "30.00")], "阶梯价应随数量增加而降低"),
        ([(10, "30.00"), (10, "28.00")], "起订数量 10 重复填写了"),
        ([(0, "30.00")], "起订数量至少为 1"),
        ([(10, "0")], "单价必须大于 0"),
        ([(10, "")], "起订数量和单价要一起填写"),
    ],
)
def test_invalid_tier_prices_are_refused_and_nothing_changes(client, market, rows, message):
    stockrecord = market["a"]["stockrecord"]
    TierPrice.objects.create(stockrecord=stockrecord, min_quantity=5, price=Decimal("60.00"))
    client.force_login(market["a"]["user"])

    response = client.post(tiers_url(stockrecord), tier_post(*rows))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert saved_tiers(stockrecord) == [(5, Decimal("60.00"))]


def test_removing_every_tier(client, market):
    stockrecord = awaiting_first_review(market["a"]["stockrecord"])
    TierPrice.objects.create(stockrecord=stockrecord, min_quantity=5, price=Decimal("60.00"))
    client.force_login(market["a"]["user"])
    data = tier_post((5, "60.00"))
    data["tiers-0-DELETE"] = "on"

    assert client.post(tiers_url(stockrecord), data).status_code == 302
    assert saved_tiers(stockrecord) == []


def test_cooperative_cannot_open_or_change_another_cooperatives_tier_prices(client, market):
    stockrecord_b = market["b"]["stockrecord"]
    TierPrice.objects.create(stockrecord=stockrecord_b, min_quantity=20, price=Decimal("80.00"))
    client.force_login(market["a"]["user"])

    assert client.get(tiers_url(stockrecord_b)).status_code == 404
    assert client.post(tiers_url(stockrecord_b), tier_post((1, "1.00"))).status_code == 404
    assert saved_tiers(stockrecord_b) == [(20, Decimal("80.00"))]


def test_product_page_links_only_the_cooperatives_own_tier_pages(client, market):
    shared = market["a"]["product"]
    other = type(market["b"]["stockrecord"]).objects.create(
        product=shared,
        partner=market["b"]["partner"],
        partner_sku="B-1",
        price=Decimal("70.00"),
        num_in_stock=3,
    )
    client.force_login(market["a"]["user"])

    page = client.get(reverse("dashboard:catalogue-product", kwargs={"pk": shared.pk})).content.decode()

    assert tiers_url(market["a"]["stockrecord"]) in page
    assert tiers_url(other) not in page


def test_operator_edits_any_cooperatives_tier_prices(client, market):
    client.force_login(market["operator"])
    stockrecord_b = market["b"]["stockrecord"]

    assert client.get(tiers_url(stockrecord_b)).status_code == 200
    assert client.post(tiers_url(stockrecord_b), tier_post((10, "85.00"))).status_code == 302
    assert saved_tiers(stockrecord_b) == [(10, Decimal("85.00"))]


def test_anonymous_visitor_is_sent_to_log_in(client, market):
    response = client.get(tiers_url(market["a"]["stockrecord"]))

    assert response.status_code == 302
    assert "login" in response.url
