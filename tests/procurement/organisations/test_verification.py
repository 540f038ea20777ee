"""The operator's 采购单位审核 in the dashboard: list with counts, detail, approve / reject /
suspend / reinstate recorded with who and when; cooperative staff and members are kept out."""

import pytest
from django.urls import reverse

from procurement.constants import OrganisationStatus
from procurement.exceptions import ProcurementError
from procurement.models import Organisation, OrganisationEvent
from procurement.organisations import services
from tests.catalog.dashboard.helpers import operator_user
from tests.procurement.conftest import organisation_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    return operator_user()


@pytest.fixture
def pending(world):
    organisation = organisation_make("随县人民医院职工食堂", kind="hospital", prefix="12", serial=9)
    Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.PENDING)
    organisation.refresh_from_db()
    return organisation


def url(name, organisation=None):
    kwargs = {"pk": organisation.pk} if organisation else {}
    return reverse(f"dashboard:procurement-organisation-{name}", kwargs=kwargs)


def test_operator_lists_organisations_with_counts_and_filters_by_status(client, operator, pending):
    client.force_login(operator)
    response = client.get(url("list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="pending">1<' in page
    assert 'data-status="verified">2<' in page
    assert "随县人民医院职工食堂" in page and "随县第一中学食堂" in page

    filtered = client.get(url("list"), {"status": "pending"}).content.decode()
    assert "随县人民医院职工食堂" in filtered and "随县第一中学食堂" not in filtered


def test_operator_sees_details_addresses_members_and_history(client, operator, world):
    client.force_login(operator)
    page = client.get(url("detail", world.canteen)).content.decode()
    assert world.canteen.credit_code in page
    assert "机关食堂后厨" in page and "武汉办事处食堂" in page
    assert "buyer@example.cn" in page and "审批人" in page
    assert "审核记录" in page


def test_operator_approves_and_the_event_says_who_and_when(client, operator, pending):
    client.force_login(operator)
    response = client.post(url("verify", pending))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.VERIFIED
    event = OrganisationEvent.objects.get(organisation=pending)
    assert (event.from_status, event.to_status, event.actor) == ("pending", "verified", operator)
    assert event.at is not None
    assert operator.email in client.get(url("detail", pending)).content.decode()


def test_approving_twice_is_refused_and_records_nothing_more(client, operator, pending):
    client.force_login(operator)
    client.post(url("verify", pending))
    response = client.post(url("verify", pending), follow=True)
    assert "不能执行此操作" in response.content.decode()
    assert OrganisationEvent.objects.filter(organisation=pending).count() == 1


def test_reject_needs_a_reason_and_the_admin_sees_it(client, operator, pending):
    client.force_login(operator)
    response = client.post(url("reject", pending), {"reject-reason": "  "})
    assert response.status_code == 400
    assert "请填写原因" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING

    client.post(url("reject", pending), {"reject-reason": "信用代码与单位名称不符"})
    pending.refresh_from_db()
    assert (pending.status, pending.status_reason) == (OrganisationStatus.REJECTED, "信用代码与单位名称不符")
    assert pending.events.get().comment == "信用代码与单位名称不符"


def test_suspend_with_reason_stops_ordering_and_reinstate_restores_it(client, operator, world):
    client.force_login(operator)
    assert client.post(url("suspend", world.canteen), {"suspend-reason": ""}).status_code == 400
    client.post(url("suspend", world.canteen), {"suspend-reason": "长期未结算货款"})
    world.canteen.refresh_from_db()
    assert world.canteen.status == OrganisationStatus.SUSPENDED

    client.post(url("reinstate", world.canteen))
    world.canteen.refresh_from_db()
    assert world.canteen.status == OrganisationStatus.VERIFIED
    assert [e.to_status for e in world.canteen.events.all()] == ["suspended", "verified"]


def test_a_pending_organisation_cannot_be_reinstated_or_suspended(client, operator, pending):
    client.force_login(operator)
    client.post(url("reinstate", pending))
    client.post(url("suspend", pending), {"suspend-reason": "试试"})
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING
    assert not pending.events.exists()


@pytest.mark.parametrize("who", ["coop_a_user", "admin", "buyer"])
def test_cooperative_staff_and_members_cannot_review_organisations(client, world, pending, who):
    client.force_login(getattr(world, who))
    for name in ("list", "detail"):
        response = client.get(url(name, None if name == "list" else pending))
        assert response.status_code in (302, 403, 404)
    response = client.post(url("verify", pending))
    assert response.status_code in (302, 403, 404)
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING
    assert not pending.events.exists()


def test_cooperative_staff_do_not_see_the_review_menu(client, world):
    client.force_login(world.coop_a_user)
    page = client.get(reverse("dashboard:index"), follow=True).content.decode()
    assert url("list") not in page


def test_services_refuse_a_non_operator(world, pending):
    with pytest.raises(ProcurementError):
        services.organisation_verify(organisation=pending, by=world.admin)
    pending.refresh_from_db()
    assert pending.status == OrganisationStatus.PENDING


def test_operators_find_the_review_in_the_dashboard_menu(client, operator):
    client.force_login(operator)
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "机构采购" in page and url("list") in page
