"""One audit trail (审计日志): who changed what, when, from → to, for the changes that move money
or rights, in one filterable list for operators and on each object's dashboard page."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from procurement.campaigns import services as campaigns
from procurement.constants import OrganisationStatus
from procurement.models import Organisation
from shop.payments import services as payments
from tests.procurement.campaigns.conftest import campaign_make
from tests.procurement.conftest import organisation_make
from tests.procurement.ledger.conftest import retail_order

AUDIT = reverse("dashboard:audit-log")


@pytest.fixture
def pending(world):
    organisation = organisation_make("随县第二中学食堂", serial=9)
    Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.PENDING)
    return Organisation.objects.get(pk=organisation.pk)


@pytest.mark.django_db
def test_a_verification_is_recorded_with_its_operator_and_shown_on_the_organisation(
    client, operator, pending
):
    client.force_login(operator)
    client.post(reverse("dashboard:procurement-organisation-verify", args=[pending.pk]))

    entry = LogEntry.objects.get_for_object(pending).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == operator
    assert entry.changes_display_dict["状态"] == ["待审核", "已认证"]
    page = client.get(
        reverse("dashboard:procurement-organisation-detail", args=[pending.pk])
    ).content.decode()
    assert 'id="audit_trail"' in page and "待审核 → <strong>已认证</strong>" in page


@pytest.mark.django_db
def test_a_payment_by_alipays_notify_is_recorded_as_the_systems_and_shown_on_the_order(
    client, operator, shopper, shelves
):
    order = retail_order(shopper, [(shelves.honey, 1)], paid=False)
    payments.payment_record(order, trade_no="2026TRADE1", amount=order.total_incl_tax)

    (entry,) = LogEntry.objects.get_for_object(order).filter(action=LogEntry.Action.UPDATE)
    assert entry.actor is None and entry.changes_display_dict["状态"] == ["待付款", "已付款"]
    client.force_login(operator)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "待付款 → <strong>已付款</strong>" in page and "系统" in page


@pytest.mark.django_db
def test_the_list_filters_by_kind_actor_and_object(client, operator, union, roster, pending):
    roster(2)
    client.force_login(union.admin)
    today = timezone.localdate()
    client.post(
        reverse("procurement:welfare-campaign-create"),
        {
            "name": "国庆节福利",
            "holiday": "national",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=7)).isoformat(),
            "member_amount": "200.00",
            "budget": "400.00",
        },
    )
    campaign = union.organisation.campaigns.get()
    client.post(reverse("procurement:welfare-campaign", args=[campaign.pk]), {"action": "start"})
    client.force_login(operator)
    client.post(reverse("dashboard:procurement-organisation-verify", args=[pending.pk]))
    kind = ContentType.objects.get_for_model(type(campaign)).pk

    page = client.get(AUDIT, {"kind": kind, "actor": "gonghui@"}).content.decode()

    assert "未发放 → <strong>进行中</strong>" in page and str(campaign) in page
    assert "已认证</strong>" not in page
    assert "共 2 条记录" in client.get(AUDIT, {"object": pending.name}).content.decode()  # created, verified
    assert "共 0 条记录" in client.get(AUDIT, {"actor": "系统", "kind": kind}).content.decode()


@pytest.mark.django_db
def test_only_operators_read_the_trail(client, union, roster):
    roster(1)
    campaign = campaigns.campaign_start(campaign=campaign_make(union), by=union.admin)
    client.force_login(union.admin)

    assert client.get(AUDIT).status_code in (302, 403)
    page = client.get(reverse("procurement:welfare-campaign", args=[campaign.pk])).content.decode()
    assert 'id="audit_trail"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("changes", [3, 40])
def test_the_list_asks_a_bounded_number_of_queries(
    client, operator, world, changes, django_assert_max_num_queries
):
    for n in range(changes):
        organisation_make(f"随县第{n}食堂", serial=100 + n)
    client.force_login(operator)
    with django_assert_max_num_queries(25):
        response = client.get(AUDIT)
    assert response.status_code == 200
