"""A canteen joins, in a real browser: a new account registers its organisation at
/procurement/register/ (a credit code of the wrong kind is refused and nothing is saved, the
kitchen's address is picked through the province → city → district selects), waits for review,
the operator verifies it in the dashboard, and the canteen's portal then lets it order."""

import pytest
from playwright.sync_api import expect

from catalog.validators import credit_code_check_char
from procurement.constants import OrganisationStatus
from procurement.models import DeliveryAddress, Organisation
from tests.e2e.steps import CITY, DISTRICT, OPERATOR, PROVINCE, choose_division, log_in, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = "随县殷店镇中心学校食堂"


def code(first17):
    return first17 + credit_code_check_char(first17)


def test_a_school_canteen_registers_and_is_verified_before_it_can_order(page, new_person, demo_site):
    site = demo_site
    register(page, site, "shitang@example.cn")
    page.goto(site + "/procurement/register/")

    page.locator("#id_name").fill(NAME)
    page.locator("#id_kind").select_option(label="学校食堂")
    page.locator("#id_credit_code").fill(code("81421321MC2D00001"))  # a trade union's code
    page.locator("#id_invoice_title").fill(NAME)
    page.locator("#id_registered_address").fill("湖北省随州市随县殷店镇东岳路 6 号")
    page.locator("#id_contact_name").fill("刘老师")
    page.locator("#id_contact_mobile").fill("13972000001")
    page.locator("#id_annual_target").fill("80000")
    page.locator("#id_address-label").fill("学校食堂后厨")
    page.locator("#id_address-first_name").fill("周师傅")
    page.locator("#id_address-phone_number").fill("13972000002")
    choose_division(page, "id_address-province", PROVINCE)
    choose_division(page, "id_address-city", CITY)
    choose_division(page, "id_address-district", DISTRICT)
    page.locator("#id_address-street").fill("殷店镇")
    page.locator("#id_address-line1").fill("东岳路 6 号学校食堂")
    page.get_by_role("button", name="提交审核").click()

    expect(page.locator("#register_form")).to_contain_text("与单位类型“学校食堂”不符")
    assert not Organisation.objects.filter(name=NAME).exists()

    page.locator("#id_credit_code").fill(code("12421321MB2D00002"))  # 事业单位: a public school
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator("body")).to_contain_text("待审核")
    organisation = Organisation.objects.get(name=NAME)
    assert organisation.status == OrganisationStatus.PENDING
    kitchen = DeliveryAddress.objects.get(organisation=organisation)
    assert (kitchen.label, kitchen.district_id, kitchen.line3) == ("学校食堂后厨", DISTRICT, "随县")

    operator = new_person()
    log_in(operator, site, *OPERATOR)
    operator.goto(site + f"/shop/dashboard/procurement/organisations/{organisation.pk}/")
    operator.get_by_role("button", name="认证通过").click()
    expect(operator.locator("body")).to_contain_text("已认证通过")

    page.goto(site + "/procurement/")
    expect(page.locator(".wf-portal-bar")).to_contain_text(NAME)
    expect(page.locator(".wf-portal-bar")).not_to_contain_text("待审核")
    expect(page.get_by_role("link", name="新建采购单")).to_be_visible()
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.VERIFIED
