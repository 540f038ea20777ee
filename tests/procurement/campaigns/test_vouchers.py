"""A member spends the union's voucher in the shop's own checkout: on resettlement-area
products only, by the account of the mobile it was sent to, once, in the campaign's period,
never with a second welfare voucher; the rest is paid with Alipay. The ledger files the
voucher's part under the union, and the campaign page and its settlement count it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import CooperativeProfile
from procurement.campaigns import services
from procurement.campaigns.selectors import campaign_figures, campaign_settlement
from procurement.ledger.models import LedgerChannel, LedgerEntry
from shop.order.constants import OrderStatus
from shop.payments import services as payments
from tests.catalog.dashboard.helpers import cooperative
from tests.factories import ProductFactory
from tests.procurement.campaigns.conftest import (
    campaign_make,
    member_account,
    place,
    shopper_at_preview,
    voucher_add,
)
from tests.procurement.ledger.conftest import refund_paid

Order = get_model("order", "Order")
Voucher = get_model("voucher", "Voucher")


@pytest.fixture
def running(union, roster, shelves):
    """A running campaign of ¥300 a member for three members; ``.code(n)`` is member n's code."""
    members = roster(3)
    campaign = services.campaign_start(campaign=campaign_make(union), by=union.admin)

    def code(n):
        return Voucher.objects.get(voucher_set=campaign.voucher_set, holder_mobile=members[n].mobile).code

    campaign.code, campaign.members = code, members
    return campaign


def paid(order):
    """``order`` paid on Alipay as the notify records it."""
    payments.payment_record(order, trade_no=f"2026{order.number}", amount=order.total_incl_tax)
    order.refresh_from_db()
    return order


@pytest.mark.django_db
def test_a_member_pays_part_with_the_voucher_and_the_rest_with_alipay(client, union, running, shelves):
    account = member_account(running.members[0].mobile)
    shopper = shopper_at_preview(account, [(shelves.shiitake, 3), (shelves.honey, 2)])  # 204 + 176

    assert f"券 &#x27;{running.code(0)}&#x27; 已加入到购物车" in voucher_add(shopper, running.code(0))
    response = place(shopper)

    assert response.status_code == 302 and "alipay" in response["Location"]
    order = paid(Order.objects.get(user=account))
    assert order.total_discount_incl_tax == Decimal("300.00")
    assert order.total_incl_tax == Decimal("380.00") - 300 + order.shipping_incl_tax
    entries = LedgerEntry.objects.filter(line__order=order)
    welfare = entries.filter(channel=LedgerChannel.WELFARE)
    assert sum(entry.amount for entry in welfare) == Decimal("300.00")
    assert {entry.organisation_id for entry in welfare} == {union.organisation.pk}
    # The ledger holds the lines' full price: the shopper's part and the union's.
    assert sum(entry.amount for entry in entries) == Decimal("380.00")

    figures = campaign_figures(running)
    assert (figures.redeemed, figures.redeemed_amount) == (1, Decimal("300.00"))
    assert figures.unused_amount == Decimal("600.00")
    settlement = {row.cooperative: row.amount for row in campaign_settlement(running)}
    assert sum(settlement.values()) == Decimal("300.00") and len(settlement) == 2
    client.force_login(union.admin)
    page = client.get(reverse("procurement:welfare-campaign", args=[running.pk])).content.decode()
    assert "¥300.00" in page and "已使用" in page


@pytest.mark.django_db
def test_a_voucher_above_the_basket_gives_no_change(running, shelves):
    account = member_account(running.members[0].mobile)
    shopper = shopper_at_preview(account, [(shelves.shiitake, 1)])  # ¥68 of a ¥300 voucher
    voucher_add(shopper, running.code(0))
    place(shopper)

    order = paid(Order.objects.get(user=account))

    assert order.total_discount_incl_tax == Decimal("68.00")
    assert order.total_incl_tax == order.shipping_incl_tax  # only the carriage is paid on Alipay
    assert campaign_figures(running).redeemed_amount == Decimal("68.00")


@pytest.mark.django_db
def test_someone_elses_account_cannot_use_the_code(running, shelves):
    stranger = member_account("13911112222")
    shopper = shopper_at_preview(stranger, [(shelves.shiitake, 1)])

    page = voucher_add(shopper, running.code(0))

    assert "这张券是发给手机号 138****0001 的，请用这个手机号登录后使用。" in page
    assert place(shopper).status_code == 302
    assert Order.objects.get(user=stranger).total_discount_incl_tax == 0


@pytest.mark.django_db
def test_a_product_from_outside_the_resettlement_areas_gets_no_discount(running):
    partner, _user = cooperative("武汉某贸易公司", "trade@example.cn")
    CooperativeProfile.objects.create(
        partner=partner, legal_name="武汉某贸易公司", credit_code="91420106MA4K000010"
    )
    outside = ProductFactory(title="进口坚果礼盒", stockrecord__partner=partner, stockrecord__price="99.00")
    shopper = shopper_at_preview(member_account(running.members[0].mobile), [(outside, 1)])

    page = voucher_add(shopper, running.code(0))

    assert "购物车中没有这张优惠券可以用的商品。" in page
    assert not Voucher.objects.get(code=running.code(0)).basket_set.exists()


@pytest.mark.django_db
def test_the_voucher_works_once(running, shelves):
    account = member_account(running.members[0].mobile)
    first = shopper_at_preview(account, [(shelves.shiitake, 1)])
    voucher_add(first, running.code(0))
    assert place(first).status_code == 302
    paid(Order.objects.get(user=account))

    again = shopper_at_preview(account, [(shelves.honey, 1)])
    assert "此优惠券已被使用" in voucher_add(again, running.code(0))


@pytest.mark.django_db
def test_after_the_period_the_voucher_is_refused(running, shelves):
    Voucher.objects.filter(voucher_set=running.voucher_set).update(
        end_datetime=timezone.now() - datetime.timedelta(minutes=1)
    )
    shopper = shopper_at_preview(member_account(running.members[0].mobile), [(shelves.shiitake, 1)])

    assert f"优惠券 {running.code(0)} 已过期。" in voucher_add(shopper, running.code(0))


@pytest.mark.django_db
def test_two_welfare_vouchers_do_not_combine(union, running, shelves, world):
    other_union = services.campaign_save(
        organisation=union.organisation,
        by=union.admin,
        name="职工生日福利",
        holiday="other",
        starts_on=running.ends_on + datetime.timedelta(days=1),
        ends_on=running.ends_on + datetime.timedelta(days=30),
        member_amount=Decimal("100.00"),
        budget=Decimal("1000.00"),
    )
    later = services.campaign_start(campaign=other_union, by=union.admin)
    Voucher.objects.filter(voucher_set=later.voucher_set).update(start_datetime=timezone.now())
    second = Voucher.objects.get(voucher_set=later.voucher_set, holder_mobile=running.members[0].mobile)
    shopper = shopper_at_preview(member_account(running.members[0].mobile), [(shelves.shiitake, 5)])  # ¥340

    voucher_add(shopper, running.code(0))
    page = voucher_add(shopper, second.code)

    assert "一个订单只能使用一张福利券，购物车里已经有一张了。" in page
    assert place(shopper).status_code == 302
    assert Order.objects.get().total_discount_incl_tax == Decimal("300.00")


@pytest.mark.django_db
def test_an_order_closed_unpaid_gives_the_voucher_back(running, shelves):
    account = member_account(running.members[0].mobile)
    shopper = shopper_at_preview(account, [(shelves.shiitake, 1)])
    voucher_add(shopper, running.code(0))
    place(shopper)
    order = Order.objects.get(user=account)

    payments._cancel_unpaid(order, actor=None, reason="超时未付款")

    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED
    again = shopper_at_preview(account, [(shelves.honey, 1)])
    assert f"券 &#x27;{running.code(0)}&#x27; 已加入到购物车" in voucher_add(again, running.code(0))


@pytest.mark.django_db
def test_units_refunded_take_the_unions_part_of_them_out_of_the_settlement(running, shelves, operator):
    account = member_account(running.members[0].mobile)
    shopper = shopper_at_preview(account, [(shelves.shiitake, 3), (shelves.honey, 2)])  # 204 + 176
    voucher_add(shopper, running.code(0))
    place(shopper)
    order = paid(Order.objects.get(user=account))
    honey = order.lines.get(product=shelves.honey)
    union_part = sum(entry.amount for entry in honey.ledger_entries.filter(channel=LedgerChannel.WELFARE))

    refund_paid(operator, order=order, line_quantities={honey.pk: 1})  # one jar came broken

    left = sum(entry.amount for entry in honey.ledger_entries.filter(channel=LedgerChannel.WELFARE))
    assert union_part / 2 - Decimal("0.01") <= left <= union_part / 2 + Decimal("0.01")
    assert campaign_figures(running).redeemed_amount == Decimal("300.00") - (union_part - left)
    settled = sum(row.amount for row in campaign_settlement(running))
    assert settled == campaign_figures(running).redeemed_amount
    # The line's entries add up to what is still sold of it: one jar, paid by the shopper and the union.
    assert sum(entry.amount for entry in honey.ledger_entries.all()) == Decimal("88.00")

    refund_paid(operator, order=order, line_quantities={honey.pk: 1})  # and the other

    assert sum(entry.amount for entry in honey.ledger_entries.all()) == 0


@pytest.mark.django_db
def test_a_visitor_who_is_not_signed_in_cannot_use_a_code(client, running, shelves):
    client.post(reverse("basket:add", kwargs={"pk": shelves.shiitake.pk}), {"quantity": 5})

    page = client.post(
        reverse("basket:vouchers-add"), {"code": running.code(0)}, follow=True
    ).content.decode()

    assert "这张券只能由领券人登录后使用。" in page
    assert not Voucher.objects.get(code=running.code(0)).basket_set.exists()
