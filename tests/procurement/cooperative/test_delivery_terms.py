"""配送条款: a cooperative sets its own per-delivery fees; buyers see them before submitting and
supplier orders are charged them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procurement import services
from procurement.constants import DeliveryMethod
from procurement.exceptions import NotPermitted
from procurement.models import CooperativeDeliveryTerms

pytestmark = pytest.mark.django_db

URL = "dashboard:procurement-delivery-terms"


def test_a_cooperative_sets_its_fees_and_buyers_see_them_before_submitting(client, world, next_week):
    client.force_login(world.coop_a_user)
    assert client.get(reverse(URL)).status_code == 200
    response = client.post(reverse(URL), {"own_delivery_fee": "20", "courier_fee": "45.50"}, follow=True)
    assert "配送条款已保存" in response.content.decode()
    terms = CooperativeDeliveryTerms.objects.get(partner=world.coop_a)
    assert (terms.own_delivery_fee, terms.courier_fee) == (Decimal("20.00"), Decimal("45.50"))

    in_county = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 10), (world.greens.pk, 20)],
    )
    quote = {partner: (method, fee) for partner, method, fee in services.delivery_quote(in_county)}
    assert quote[world.coop_a] == (DeliveryMethod.OWN_DELIVERY, Decimal("20.00"))
    assert quote[world.coop_b] == (DeliveryMethod.OWN_DELIVERY, Decimal("0.00"))
    assert in_county.delivery_total == Decimal("20.00")
    outside = services.purchase_order_create(
        organisation=world.canteen,
        by=world.buyer,
        delivery_address=world.city_kitchen,
        delivery_date=next_week,
        lines=[(world.mushroom.pk, 10)],
    )
    assert services.delivery_quote(outside) == [(world.coop_a, DeliveryMethod.COURIER, Decimal("45.50"))]


@pytest.mark.parametrize(
    ("fees", "message"),
    [
        ({"own_delivery_fee": "-5", "courier_fee": "10"}, "金额不能小于 0"),
        ({"own_delivery_fee": "五元", "courier_fee": "10"}, "请填写金额"),
        ({"own_delivery_fee": "1.234", "courier_fee": "10"}, "最多两位小数"),
        ({"own_delivery_fee": "20000", "courier_fee": "10"}, "应在 0 到 10000.00 元之间"),
    ],
)
def test_bad_fees_get_a_message_and_change_nothing(client, world, fees, message):
    client.force_login(world.coop_a_user)
    response = client.post(reverse(URL), fees)
    assert message in response.content.decode()
    assert not CooperativeDeliveryTerms.objects.exists()


def test_a_cooperative_cannot_set_another_cooperatives_terms(client, world):
    client.force_login(world.coop_b_user)
    client.post(f"{reverse(URL)}?partner={world.coop_a.pk}", {"own_delivery_fee": "99", "courier_fee": "99"})
    assert not CooperativeDeliveryTerms.objects.filter(partner=world.coop_a).exists()
    assert CooperativeDeliveryTerms.objects.get(partner=world.coop_b).own_delivery_fee == Decimal("99.00")
    with pytest.raises(NotPermitted):
        services.delivery_terms_update(
            partner=world.coop_a,
            by=world.coop_b_user,
            own_delivery_fee=Decimal("1"),
            courier_fee=Decimal("1"),
        )
    assert not CooperativeDeliveryTerms.objects.filter(partner=world.coop_a).exists()


def test_an_operator_chooses_the_cooperative_first(client, world, operator):
    client.force_login(operator)
    page = client.get(reverse(URL))
    assert page.status_code == 200 and "delivery-terms-form" not in page.content.decode()
    client.post(reverse(URL), {"own_delivery_fee": "5", "courier_fee": "5"})
    assert not CooperativeDeliveryTerms.objects.exists()
    client.post(f"{reverse(URL)}?partner={world.coop_b.pk}", {"own_delivery_fee": "5", "courier_fee": "8"})
    assert CooperativeDeliveryTerms.objects.get().partner == world.coop_b
