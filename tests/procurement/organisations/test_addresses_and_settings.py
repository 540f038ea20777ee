"""Delivery addresses (管理员 and 采购员) and the organisation's settings (管理员): saved through
the services, refused with a message for everyone else, never another organisation's."""

from decimal import Decimal

import pytest
from django.utils import timezone

from procurement.exceptions import ProcurementError
from procurement.models import DeliveryAddress, Organisation, PurchaseOrder, StandingOrder
from procurement.organisations import services

pytestmark = pytest.mark.django_db

ADDRESSES = "/procurement/addresses/"


def address_post(**changes):
    data = {
        "label": "二号食堂后厨",
        "first_name": "周师傅",
        "phone_number": "13900004444",
        "province": "420000",
        "city": "421300",
        "district": "421321",
        "street": "万和镇",
        "line1": "万和大道 3 号",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", ["admin", "buyer"])
def test_admin_and_buyer_add_an_address(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(ADDRESSES).status_code == 200
    response = client.post(ADDRESSES + "add/", address_post())
    assert response.status_code == 302
    address = DeliveryAddress.objects.get(label="二号食堂后厨")
    assert (address.organisation, address.street, address.line3) == (world.canteen, "万和镇", "随县")


def test_a_bad_address_is_refused_and_nothing_saved(client, world):
    client.force_login(world.buyer)
    response = client.post(ADDRESSES + "add/", address_post(district="", phone_number="12"))
    assert response.status_code == 400
    assert "地址没有保存" in response.content.decode()
    assert not DeliveryAddress.objects.filter(label="二号食堂后厨").exists()


@pytest.mark.parametrize("who", ["approver", "receiver", "finance"])
def test_other_roles_cannot_manage_addresses(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(ADDRESSES).status_code == 403
    assert client.post(ADDRESSES + "add/", address_post()).status_code == 403
    assert client.post(f"{ADDRESSES}{world.kitchen.pk}/deactivate/").status_code == 403
    assert not DeliveryAddress.objects.filter(label="二号食堂后厨").exists()
    world.kitchen.refresh_from_db()
    assert world.kitchen.is_active


def test_buyer_edits_an_unused_address(client, world):
    client.force_login(world.buyer)
    assert client.get(f"{ADDRESSES}{world.kitchen.pk}/edit/").status_code == 200
    response = client.post(f"{ADDRESSES}{world.kitchen.pk}/edit/", address_post(label="机关食堂新后厨"))
    assert response.status_code == 302
    world.kitchen.refresh_from_db()
    assert world.kitchen.label == "机关食堂新后厨"


def _order_to(world, address, state="submitted"):
    purchase_order = PurchaseOrder.objects.create(
        number="PO-T-1",
        organisation=world.canteen,
        delivery_address=address,
        delivery_date=timezone.localdate(),
        created_by=world.buyer,
    )
    PurchaseOrder.objects.filter(pk=purchase_order.pk).update(state=state)
    return purchase_order


def test_an_address_an_order_went_to_is_not_edited_but_can_be_deactivated(client, world):
    _order_to(world, world.kitchen)
    client.force_login(world.buyer)
    response = client.post(f"{ADDRESSES}{world.kitchen.pk}/edit/", address_post(label="改名"))
    assert response.status_code == 400
    assert "不能修改" in response.content.decode()
    world.kitchen.refresh_from_db()
    assert world.kitchen.label == "机关食堂后厨"

    client.post(f"{ADDRESSES}{world.kitchen.pk}/deactivate/")
    world.kitchen.refresh_from_db()
    assert not world.kitchen.is_active
    assert DeliveryAddress.objects.filter(pk=world.kitchen.pk).exists()
    assert "已停用" in client.get(ADDRESSES).content.decode()

    client.post(f"{ADDRESSES}{world.kitchen.pk}/activate/")
    world.kitchen.refresh_from_db()
    assert world.kitchen.is_active


def test_an_address_of_an_active_standing_order_is_not_deactivated(client, world):
    StandingOrder.objects.create(
        organisation=world.canteen, name="每周一蔬菜", delivery_address=world.kitchen, weekdays=[1]
    )
    client.force_login(world.buyer)
    response = client.post(f"{ADDRESSES}{world.kitchen.pk}/deactivate/", follow=True)
    assert "仍有启用中的定期采购" in response.content.decode()
    world.kitchen.refresh_from_db()
    assert world.kitchen.is_active


def test_another_organisations_address_is_not_found_and_unchanged(client, world):
    client.force_login(world.admin)
    other = world.school_kitchen
    assert client.get(f"{ADDRESSES}{other.pk}/edit/").status_code == 404
    assert client.post(f"{ADDRESSES}{other.pk}/edit/", address_post(label="偷改")).status_code == 404
    assert client.post(f"{ADDRESSES}{other.pk}/deactivate/").status_code == 404
    other.refresh_from_db()
    assert (other.label, other.is_active) == ("一中食堂", True)
    assert "一中食堂" not in client.get(ADDRESSES).content.decode()


def test_the_service_refuses_an_address_of_another_organisation(world):
    world.school_kitchen.label = "偷改"
    with pytest.raises(ProcurementError):
        services.delivery_address_save(
            organisation=world.canteen, by=world.admin, address=world.school_kitchen
        )
    world.school_kitchen.refresh_from_db()
    assert world.school_kitchen.label == "一中食堂"


SETTINGS = "/procurement/organisation/settings/"


def settings_post(**changes):
    data = {
        "contact_name": "王主任",
        "contact_mobile": "13900000001",
        "contact_email": "canteen@example.cn",
        "bank_name": "中国工商银行随县支行",
        "bank_account": "1813-0000-1234",
        "target_mode": "budget",
        "annual_target": "",
        "annual_food_budget": "1200000",
        "target_percent": "10",
        "auto_approve_below": "500",
    }
    data.update(changes)
    return data


def test_admin_saves_contact_bank_target_and_auto_approval(client, world):
    client.force_login(world.admin)
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, settings_post())
    assert response.status_code == 302
    world.canteen.refresh_from_db()
    assert world.canteen.bank_name == "中国工商银行随县支行"
    assert world.canteen.auto_approve_below == Decimal("500.00")
    assert world.canteen.annual_target is None
    assert world.canteen.yearly_target == Decimal("120000.00")


def test_settings_cannot_change_the_credit_code_kind_or_name(client, world):
    client.force_login(world.admin)
    code = world.canteen.credit_code
    client.post(SETTINGS, settings_post(credit_code="91" + code[2:], kind="enterprise", name="别的名字"))
    world.canteen.refresh_from_db()
    assert (world.canteen.credit_code, world.canteen.kind, world.canteen.name) == (
        code,
        "government",
        "随县机关事务服务中心机关食堂",
    )
    with pytest.raises(ProcurementError):
        services.organisation_settings_save(organisation=world.canteen, by=world.admin, credit_code="x")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"auto_approve_below": "-1"}, "0"),
        ({"annual_food_budget": ""}, "请填写年度食材预算"),
        ({"target_mode": "amount"}, "请填写年度采购目标金额"),
        ({"contact_mobile": "110"}, "手机"),
    ],
)
def test_bad_settings_are_refused_and_nothing_saved(client, world, changes, message):
    client.force_login(world.admin)
    response = client.post(SETTINGS, settings_post(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Organisation.objects.get(pk=world.canteen.pk).bank_name == "中国农业银行随县支行"


@pytest.mark.parametrize("who", ["buyer", "approver", "finance"])
def test_only_the_admin_changes_settings(client, world, who):
    client.force_login(getattr(world, who))
    assert client.post(SETTINGS, settings_post()).status_code == 403
    world.canteen.refresh_from_db()
    assert world.canteen.auto_approve_below == 0


def test_the_menu_offers_a_buyer_addresses_but_not_members_or_settings(client, world):
    client.force_login(world.buyer)
    page = client.get("/procurement/organisation/").content.decode()
    assert ADDRESSES in page
    assert "/procurement/members/" not in page and SETTINGS not in page
