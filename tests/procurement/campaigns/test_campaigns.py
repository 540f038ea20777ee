"""A union's campaign: its rules, its vouchers and their codes on the members' phones, the
reminder three days before the end, and the end."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from procurement.campaigns import services
from procurement.campaigns.models import CampaignStatus, UnionWelfarePolicy
from shop.sms.models import OutboxMessage
from tests.procurement.campaigns.conftest import campaign_make

Voucher = get_model("voucher", "Voucher")


def campaign_post(client, union, **fields):
    today = timezone.localdate()
    data = {
        "name": "国庆节福利",
        "holiday": "national",
        "starts_on": today.isoformat(),
        "ends_on": (today + datetime.timedelta(days=10)).isoformat(),
        "member_amount": "300.00",
        "budget": "60000.00",
    } | fields
    client.force_login(union.admin)
    return client.post(reverse("procurement:welfare-campaign-create"), data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"member_amount": "500.01"}, "每人金额不能超过本工会的上限 ¥500.00。"),
        ({"ends_on": "2026-01-01", "starts_on": "2026-01-05"}, "结束日期不能早于开始日期。"),
        ({"ends_on": "2026-01-01", "starts_on": "2025-12-20"}, "结束日期已经过去了。"),
        ({"member_amount": "-5"}, "确保该值大于或等于0.01"),
    ],
)
def test_a_campaign_out_of_the_rules_is_refused(client, union, fields, message):
    response = campaign_post(client, union, **fields)
    assert response.status_code == 400
    assert message in response.content.decode().replace("\u3002", "。")
    assert not union.organisation.campaigns.exists()


@pytest.mark.django_db
def test_the_cap_is_the_unions_own_and_periods_may_not_overlap(client, union):
    UnionWelfarePolicy.objects.create(organisation=union.organisation, member_cap=Decimal("800.00"))
    assert campaign_post(client, union, member_amount="800.00").status_code == 302

    response = campaign_post(client, union, name="重阳节福利", member_amount="100.00")

    assert "与本工会的“国庆节福利”" in response.content.decode()
    assert union.organisation.campaigns.count() == 1


@pytest.mark.django_db
def test_starting_sends_every_member_a_voucher_only_they_can_use(
    client, union, roster, eager_celery, django_capture_on_commit_callbacks
):
    members = roster(200)
    campaign = campaign_make(union, member_amount=Decimal("300.00"), budget=Decimal("60000.00"))
    client.force_login(union.admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("procurement:welfare-campaign", args=[campaign.pk]), {"action": "start"}, follow=True
        )

    assert "福利券已发放" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.RUNNING
    vouchers = Voucher.objects.filter(voucher_set=campaign.voucher_set)
    assert vouchers.count() == 200 and len({voucher.code for voucher in vouchers}) == 200
    first = vouchers.get(holder_mobile=members[0].mobile)
    assert (first.usage, first.stand_alone, first.offers.get()) == (Voucher.SINGLE_USE, True, campaign.offer)
    text = OutboxMessage.objects.get(mobile=members[0].mobile).text
    assert first.code in text and "¥300.00" in text and "请用本手机号登录" in text
    page = client.get(reverse("procurement:welfare-campaign", args=[campaign.pk])).content.decode()
    assert "已发送 200" in page


@pytest.mark.django_db
def test_a_budget_short_of_the_roster_sends_nothing(client, union, roster):
    roster(200)
    campaign = campaign_make(union, member_amount=Decimal("300.00"), budget=Decimal("59999.99"))
    client.force_login(union.admin)

    response = client.post(
        reverse("procurement:welfare-campaign", args=[campaign.pk]), {"action": "start"}, follow=True
    )

    assert "预算不足：200 名会员 × ¥300.00 = ¥60000.00，超过预算 ¥59999.99。" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT and not Voucher.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_another_unions_campaign_is_not_reachable(client, union, world):
    campaign = campaign_make(union)
    client.force_login(world.admin)
    assert client.get(reverse("procurement:welfare-campaign", args=[campaign.pk])).status_code == 404
    response = client.post(reverse("procurement:welfare-campaign", args=[campaign.pk]), {"action": "start"})
    assert response.status_code == 403
    with pytest.raises(services.NotPermitted):
        services.campaign_start(campaign=campaign, by=world.admin)


@pytest.mark.django_db
def test_members_who_have_not_used_it_are_reminded_three_days_before_the_end(union, roster):
    members = roster(3)
    today = timezone.localdate()
    campaign = campaign_make(union, ends_on=today + datetime.timedelta(days=5))
    services.campaign_start(campaign=campaign, by=union.admin)
    services.campaign_codes_send(campaign)

    assert services.campaign_reminders_send(today) == 0  # five days left: not yet
    assert services.campaign_reminders_send(today + datetime.timedelta(days=2)) == 3
    assert services.campaign_reminders_send(today + datetime.timedelta(days=3)) == 0  # once
    reminder = OutboxMessage.objects.filter(mobile=members[0].mobile).first()
    assert "还没有使用" in reminder.text


@pytest.mark.django_db
def test_after_the_last_day_the_campaign_ends_and_its_vouchers_stop_working(union, roster):
    roster(2)
    today = timezone.localdate()
    campaign = campaign_make(union, ends_on=today + datetime.timedelta(days=1))
    services.campaign_start(campaign=campaign, by=union.admin)

    assert services.campaigns_end(today + datetime.timedelta(days=1)) == []
    assert services.campaigns_end(today + datetime.timedelta(days=2)) == [campaign]

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ENDED
    after = services.period_bounds(campaign)[1] + datetime.timedelta(seconds=1)
    assert not any(
        voucher.is_active(after) for voucher in Voucher.objects.filter(voucher_set=campaign.voucher_set)
    )
    with pytest.raises(ValidationError):
        campaign_make(union, name="又一个", starts_on=today, ends_on=today - datetime.timedelta(days=1))


@pytest.mark.django_db
@pytest.mark.parametrize("members", [5, 150])
def test_the_campaign_and_roster_pages_ask_a_bounded_number_of_queries(
    client, union, roster, members, django_assert_max_num_queries
):
    roster(members)
    campaign = services.campaign_start(campaign=campaign_make(union), by=union.admin)
    client.force_login(union.admin)

    with django_assert_max_num_queries(30):
        page = client.get(reverse("procurement:welfare-campaign", args=[campaign.pk])).content.decode()
    with django_assert_max_num_queries(30):
        roster_page = client.get(reverse("procurement:welfare-roster"), {"q": "会员1"}).content.decode()

    assert page.count("<td>未使用</td>") == members
    found = sum("会员1" in f"会员{n}" for n in range(1, members + 1))
    assert f"共 {found} 人" in roster_page
