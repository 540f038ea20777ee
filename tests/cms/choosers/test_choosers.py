"""The product and area choosers of the page editor, through the Wagtail admin as an operator and
as the tourism bureau's editor: only approved products of active cooperatives can be found,
chosen or posted."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile, ResettlementArea
from catalog.services import product_search_text_refresh
from catalog.validators import cooperative_credit_code
from cms.live.models import LiveSaleIndexPage, LiveSalePage
from cms.models import HomePage
from shop.users.demo import load_users
from tests.factories import PartnerFactory, ProductFactory

pytestmark = pytest.mark.django_db

CHOOSER = "/cms/choosers/products/"
AREA_CHOOSER = "/cms/choosers/areas/"


def cooperative(code, name, organisation_code, status=CooperativeStatus.ACTIVE):
    partner = PartnerFactory(code=code, name=name)
    CooperativeProfile.objects.create(
        partner=partner,
        legal_name=name,
        credit_code=cooperative_credit_code(organisation_code),
        status=status,
    )
    return partner


@pytest.fixture
def catalogue():
    """Two shiitake products for sale, one awaiting review, one of a suspended cooperative, and
    honey for sale."""
    area = ResettlementArea.objects.create(
        slug="sanligang-jixiangsi", name="三里岗镇香菇小镇安置区", town="三里岗镇"
    )
    active = cooperative("sanligang-xingnong", "随县三里岗镇兴农香菇种植专业合作社", "MA48B3QX1")
    suspended = cooperative(
        "yindian-lvyuan", "随县殷店镇绿源黑木耳专业合作社", "MA48C7RD5", status=CooperativeStatus.SUSPENDED
    )
    bees = cooperative("hongshan-baihua", "随县洪山镇百花土蜂养殖专业合作社", "MA48E5NP3")
    products = {
        "for_sale": ProductFactory(
            title="三里岗香菇干货 250g", origin_area=area, stockrecord__partner=active
        ),
        "gift_box": ProductFactory(
            title="三里岗厚肉香菇礼盒 1kg", origin_area=area, stockrecord__partner=active
        ),
        "honey": ProductFactory(title="高山土蜂蜜 500g", stockrecord__partner=bees),
        "pending": ProductFactory(title="香菇脆片 100g", approved_at=None, stockrecord__partner=active),
        "suspended": ProductFactory(title="黑木耳香菇组合礼盒", stockrecord__partner=suspended),
    }
    product_search_text_refresh(product_ids=[p.pk for p in products.values()])
    return products


@pytest.fixture
def live_index(db):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="稳富", slug="wenfu"))
    Site.objects.update(root_page=home)
    return home.add_child(instance=LiveSaleIndexPage(title="直播带货", slug="zhibo-daihuo"))


@pytest.fixture
def host():
    return cooperative("changgang-yunwu", "随县长岗镇云雾茶叶专业合作社", "MA48D2K7W")


@pytest.fixture(params=["operator@wenfu.cn", "tourism@wenfu.cn"])
def editor(request, client, live_index, host):
    """Signed in as the operator, then as the tourism bureau's editor (with the demo's group)."""
    load_users(partners={"changgang-yunwu": host}, tourism_pages=[live_index])
    client.force_login(get_user_model().objects.get(email=request.param))
    return client


def listed(response):
    """The chooser's HTML: the modal's answer is JSON around it, its results view plain HTML."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_chooser_lists_choosable_products_only(editor, catalogue):
    content = listed(editor.get(CHOOSER))

    assert 'name="q"' in content  # the search box of the shop's product search
    assert "三里岗香菇干货 250g" in content and "高山土蜂蜜 500g" in content
    assert "香菇脆片 100g" not in content
    assert "黑木耳香菇组合礼盒" not in content


def test_chooser_search_finds_shiitake_products_for_sale(editor, catalogue):
    content = listed(editor.get(f"{CHOOSER}results/", {"q": "香菇"}))

    assert "三里岗香菇干货 250g" in content and "三里岗厚肉香菇礼盒 1kg" in content
    assert "高山土蜂蜜 500g" not in content
    assert "香菇脆片 100g" not in content and "黑木耳香菇组合礼盒" not in content


def test_choosing_a_product_for_sale_answers_its_title(editor, catalogue):
    response = editor.get(f"{CHOOSER}chosen/{catalogue['for_sale'].pk}/")

    assert response.status_code == 200
    assert response.json()["result"]["title"] == "三里岗香菇干货 250g"


@pytest.mark.parametrize("kind", ["pending", "suspended"])
def test_choosing_a_product_awaiting_review_or_of_a_suspended_cooperative_is_not_found(
    editor, catalogue, kind
):
    assert editor.get(f"{CHOOSER}chosen/{catalogue[kind].pk}/").status_code == 404


@pytest.mark.parametrize("kind", ["pending", "suspended"])
def test_a_crafted_id_of_a_product_not_for_sale_is_refused_and_nothing_saved(
    editor, catalogue, live_index, host, kind
):
    starts_at = timezone.localtime() + timedelta(days=1)
    data = {
        "title": "香菇直播",
        "slug": "xianggu-zhibo",
        "starts_at": starts_at.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (starts_at + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "host": host.pk,
        "platform": "douyin",
        "featured_products": inline_formset([{"product": catalogue[kind].pk, "note": ""}]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "1",
    }

    response = editor.post(f"/cms/pages/add/live/livesalepage/{live_index.pk}/", nested_form_data(data))

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not LiveSalePage.objects.exists()


def test_area_chooser_lists_and_chooses_areas(editor, catalogue):
    area = ResettlementArea.objects.get(slug="sanligang-jixiangsi")

    assert "三里岗镇香菇小镇安置区" in listed(editor.get(AREA_CHOOSER))
    chosen = editor.get(f"{AREA_CHOOSER}chosen/{area.pk}/")
    assert chosen.json()["result"]["title"] == "三里岗镇香菇小镇安置区"
