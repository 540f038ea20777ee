"""Registering a buyer organisation at /procurement/register/: what is saved, who becomes what,
and every bad credit code refused with its own message and nothing saved."""

from decimal import Decimal

import pytest
from django.urls import reverse

from procurement import services as order_services
from procurement.constants import OrganisationStatus, Role
from procurement.exceptions import OrganisationNotVerified
from procurement.models import DeliveryAddress, Membership, Organisation, OrganisationEvent
from tests.procurement.conftest import credit_code

from .conftest import registration_post

pytestmark = pytest.mark.django_db

REGISTER = "/procurement/register/"


def test_anonymous_visitor_is_sent_to_the_shop_login_and_back(client):
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))
    assert "next=/procurement/register/" in response["Location"]


def test_registration_makes_a_pending_organisation_with_its_kitchen_and_the_registrant_as_admin_and_buyer(
    client, newcomer
):
    client.force_login(newcomer)
    assert client.get(REGISTER).status_code == 200

    response = client.post(REGISTER, registration_post())

    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(name="随县农业农村局机关食堂")
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.created_by == newcomer
    assert organisation.yearly_target == Decimal("80000.00")
    address = DeliveryAddress.objects.get(organisation=organisation)
    assert (address.label, address.district_id, address.street) == ("局机关食堂后厨", "421321", "厉山镇")
    assert address.phone_number.as_e164 == "+8613900002222"
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == newcomer
    assert set(membership.roles) == {Role.ADMIN, Role.BUYER}
    assert OrganisationEvent.objects.filter(organisation=organisation, to_status="pending").exists()

    page = client.get(response["Location"])
    assert "正在等待平台运营人员审核" in page.content.decode()


def test_a_pending_organisation_cannot_order(client, newcomer, next_week, world):
    client.force_login(newcomer)
    client.post(REGISTER, registration_post())
    organisation = Organisation.objects.get(name="随县农业农村局机关食堂")
    with pytest.raises(OrganisationNotVerified):
        order_services.purchase_order_create(
            organisation=organisation,
            by=newcomer,
            delivery_address=organisation.addresses.get(),
            delivery_date=next_week,
            lines=[(world.mushroom.pk, 10)],
        )


def test_a_budget_and_share_make_the_target(client, newcomer):
    client.force_login(newcomer)
    client.post(
        REGISTER,
        registration_post(
            target_mode="budget", annual_target="", annual_food_budget="600000", target_percent="15"
        ),
    )
    organisation = Organisation.objects.get()
    assert organisation.annual_target is None
    assert organisation.target_share == Decimal("0.150")
    assert organisation.yearly_target == Decimal("90000.00")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # A 91 (enterprise) code for a government canteen: the kind and the prefixes that fit are named.
        (
            {"credit_code": credit_code("91", 78)},
            "统一社会信用代码以 91 开头，与单位类型“党政机关食堂”不符："
            "党政机关食堂的代码应以 11、12、13 开头",
        ),
        ({"kind": "union", "credit_code": credit_code("12", 79)}, "工会的代码应以 81 开头"),
        ({"credit_code": credit_code("11", 80)[:17] + "0"}, "校验位正确"),
        ({"credit_code": "12345"}, "统一社会信用代码无效"),
        ({"annual_target": ""}, "请填写年度采购目标金额"),
        ({"address-district": ""}, "地址没有保存"),
        ({"address-label": ""}, "请填写地址名称"),
        ({"contact_mobile": "1234"}, "手机"),
    ],
)
def test_bad_registration_is_refused_with_a_clear_message_and_saves_nothing(
    client, newcomer, changes, message
):
    client.force_login(newcomer)
    response = client.post(REGISTER, registration_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    assert not DeliveryAddress.objects.exists()


def test_a_code_already_registered_gets_its_own_message(client, newcomer, world):
    client.force_login(newcomer)
    response = client.post(REGISTER, registration_post(credit_code=world.canteen.credit_code.lower()))
    assert response.status_code == 400
    assert "该统一社会信用代码已经注册过采购单位" in response.content.decode()
    assert Organisation.objects.count() == 2


def test_a_rejected_organisations_admin_corrects_the_code_and_resubmits(client, newcomer):
    client.force_login(newcomer)
    client.post(REGISTER, registration_post())
    organisation = Organisation.objects.get()
    Organisation.objects.filter(pk=organisation.pk).update(
        status=OrganisationStatus.REJECTED, status_reason="信用代码与单位名称不符"
    )
    page = client.get("/procurement/organisation/")
    assert "信用代码与单位名称不符" in page.content.decode()

    data = registration_post(credit_code=credit_code("12", 81), name="随县农业技术推广中心食堂")
    response = client.post("/procurement/organisation/resubmit/", data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.name == "随县农业技术推广中心食堂"
    assert organisation.credit_code == credit_code("12", 81)
    assert organisation.events.last().comment == "修改资料后重新提交"


def test_resubmitting_with_a_mismatched_code_changes_nothing(client, newcomer):
    client.force_login(newcomer)
    client.post(REGISTER, registration_post())
    organisation = Organisation.objects.get()
    Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.REJECTED)
    response = client.post(
        "/procurement/organisation/resubmit/", registration_post(credit_code=credit_code("91", 82))
    )
    assert response.status_code == 400
    assert "与单位类型“党政机关食堂”不符" in response.content.decode()
    organisation.refresh_from_db()
    assert (organisation.status, organisation.credit_code) == (
        OrganisationStatus.REJECTED,
        credit_code("11", 77),
    )


def test_a_buyer_who_is_not_admin_cannot_resubmit(client, world):
    Organisation.objects.filter(pk=world.canteen.pk).update(status=OrganisationStatus.REJECTED)
    client.force_login(world.buyer)
    response = client.post("/procurement/organisation/resubmit/", registration_post())
    assert response.status_code == 403
    world.canteen.refresh_from_db()
    assert world.canteen.status == OrganisationStatus.REJECTED
    assert world.canteen.name == "随县机关事务服务中心机关食堂"
