"""The demo as people meet it: pages show its data, and every role's login works where it should.
Assertions are on data (titles, prices), not on markup, which changes independently."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from wagtail.models import Page

from catalog.models import CooperativeProfile
from catalog.onboarding.services import cooperative_suspend
from cms.models import HomePage
from shop.users.demo import LOGINS, PASSWORD

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.usefixtures("demo")


def test_home_page_shows_slogan_and_featured_products(client):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "稳得住" in content
    featured = HomePage.objects.get().products_to_feature()
    assert featured
    for product in featured:
        assert product.title in content


def test_category_page_lists_its_products_with_yuan_prices(client):
    category = Category.objects.get(name="香菇")
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "随州花菇 500g" in content
    assert "¥" in content


def test_product_page_shows_title_and_yuan_price(client):
    product = Product.objects.get(upc="WF0401")
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "高山土蜂蜜 500g" in content
    assert "¥68.00" in content


def signed_in_as(client, email):
    client.force_login(get_user_model().objects.get(email=email))


@pytest.mark.parametrize("login", LOGINS, ids=lambda login: login.email)
def test_every_role_logs_in_with_email(client, shop_login, login):
    shop_login(login.email, PASSWORD)
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(email=login.email).pk)


def test_shopper_logs_in_with_mobile(client, shop_login):
    shop_login("13800000001", PASSWORD)
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(mobile="13800000001").pk)


def test_cooperative_staff_opens_dashboard_and_shopper_cannot(client):
    signed_in_as(client, "coop@wenfu.cn")
    assert client.get("/shop/dashboard/").status_code == 200
    client.logout()
    # Oscar redirects anonymous visitors to the login page and refuses signed-in shoppers.
    assert client.get("/shop/dashboard/").status_code == 302
    signed_in_as(client, "shopper@wenfu.cn")
    assert client.get("/shop/dashboard/").status_code == 403


def test_cooperative_dashboard_lists_only_its_own_products(client):
    signed_in_as(client, "coop@wenfu.cn")
    content = client.get("/shop/dashboard/catalogue/").content.decode()
    assert "随州花菇 500g" in content
    assert "高山土蜂蜜 500g" not in content


COOPERATIVE_LOGINS = [login for login in LOGINS if login.cooperative]


def test_every_demo_cooperative_has_a_staff_login_of_its_own():
    assert {login.cooperative for login in COOPERATIVE_LOGINS} == set(
        CooperativeProfile.objects.values_list("partner__code", flat=True)
    )
    for login in COOPERATIVE_LOGINS:
        user = get_user_model().objects.get(email=login.email)
        assert list(user.partners.values_list("code", flat=True)) == [login.cooperative]


@pytest.mark.parametrize("login", COOPERATIVE_LOGINS, ids=[login.email for login in COOPERATIVE_LOGINS])
def test_each_cooperative_login_sees_and_edits_only_its_own_products(client, login):
    signed_in_as(client, login.email)
    own = Product.objects.filter(stockrecords__partner__code=login.cooperative)
    other = Product.objects.exclude(stockrecords__partner__code=login.cooperative).first()

    content = client.get("/shop/dashboard/catalogue/").content.decode()
    assert own.exists() and all(product.title in content for product in own)
    assert other.title not in content
    assert client.get(f"/shop/dashboard/catalogue/products/{own.first().pk}/").status_code == 200
    assert client.get(f"/shop/dashboard/catalogue/products/{other.pk}/").status_code in (403, 404)


def test_tourism_editor_edits_tourism_sections_but_not_home(client):
    signed_in_as(client, "tourism@wenfu.cn")
    assert client.get("/cms/").status_code == 200
    home = HomePage.objects.get()
    for slug in ["xiangcun-lvyou", "jieqing-huodong", "zhibo-daihuo"]:
        section = Page.objects.child_of(home).get(slug=slug)
        assert client.get(f"/cms/pages/{section.pk}/edit/").status_code == 200
    for page in [home, Page.objects.child_of(home).get(slug="xinwen")]:
        # Wagtail sends an editor without permission back to the admin home with a message.
        response = client.get(f"/cms/pages/{page.pk}/edit/")
        assert (response.status_code, response.url) == (302, "/cms/")


def test_operator_opens_every_back_office(client):
    signed_in_as(client, "operator@wenfu.cn")
    for url in ["/shop/dashboard/", "/cms/", "/django-admin/"]:
        assert client.get(url).status_code == 200


def test_area_and_cooperative_pages_link_each_other(client):
    area = client.get("/shop/areas/sanligang-jixiangsi/")
    assert area.status_code == 200
    content = area.content.decode()
    assert "三里岗镇香菇小镇安置区" in content and "随州花菇 500g" in content
    assert "/shop/cooperatives/sanligang-xingnong/" in content

    coop = client.get("/shop/cooperatives/sanligang-xingnong/")
    assert coop.status_code == 200
    content = coop.content.decode()
    assert "随县三里岗镇兴农香菇种植专业合作社" in content and "鲜香菇 2.5kg 产地直发" in content
    assert "/shop/areas/sanligang-jixiangsi/" in content


def test_product_page_shows_provenance_and_tier_prices(client):
    content = client.get(Product.objects.get(upc="WF0106").get_absolute_url()).content.decode()
    for text in [
        "产地溯源",
        "三里岗镇香菇小镇安置区",
        "地理标志",
        "承诺达标合格证",
        "冷藏",
        "机构采购阶梯价",
        "¥40.50",
    ]:
        assert text in content


def test_pinyin_search_finds_shiitake(client):
    response = client.get("/shop/search/", {"q": "xianggu"})
    titles = {product.title for product in response.context["products"]}
    assert "三里岗香菇干货 250g" in titles and "鲜香菇 2.5kg 产地直发" in titles
    assert not any("蜂蜜" in title for title in titles)


def test_suspending_a_cooperative_takes_its_products_off_the_home_page(client):
    featured = HomePage.objects.get().products_to_feature()
    partner = featured[0].stockrecords.all()[0].partner
    hidden = [product.title for product in featured if product.stockrecords.all()[0].partner == partner]
    assert hidden[0] in client.get("/").content.decode()

    cooperative_suspend(cooperative=CooperativeProfile.objects.get(partner=partner), by=None, reason="整改")

    content = client.get("/").content.decode()
    for title in hidden:
        assert title not in content
    assert client.get("/shop/catalogue/", {"coop": partner.code}).context["paginator"].count == 0


def test_the_ledger_shows_a_year_of_sales_of_every_cooperative(client):
    from procurement.ledger import selectors

    operator = get_user_model().objects.get(email="operator@wenfu.cn")
    filters = selectors.LedgerFilters(year=selectors.this_year())
    report = selectors.ledger_report(selectors.ledger_months_for(operator), filters)
    today = selectors.timezone.localdate()

    # Every month before this one (this one's orders go up to yesterday).
    assert all(month.net > 0 for month in report.by_month[: today.month - 1])
    assert {row.label for row in report.by_cooperative} == set(
        CooperativeProfile.objects.filter(status="active").values_list("partner__name", flat=True)
    )
    assert {row.key for row in report.by_channel if row.net > 0} >= {"retail", "institutional"}
    signed_in_as(client, "operator@wenfu.cn")
    page = client.get("/shop/dashboard/procurement/ledger/").content.decode()
    assert f"¥{report.total.net}" in page


def test_the_union_has_a_mid_autumn_campaign_spent_in_real_orders_and_a_draft_to_send(client):
    from procurement.campaigns.models import Campaign, CampaignStatus
    from procurement.campaigns.selectors import campaign_figures, campaign_settlement
    from procurement.ledger.models import LedgerEntry

    ended = Campaign.objects.get(holiday="mid_autumn")
    figures = campaign_figures(ended)
    assert (ended.status, figures.members, figures.sent, figures.redeemed) == (
        CampaignStatus.ENDED,
        200,
        200,
        36,
    )
    welfare = LedgerEntry.objects.filter(campaign=ended)
    assert sum(entry.amount for entry in welfare) == figures.redeemed_amount > 0
    assert sum(row.amount for row in campaign_settlement(ended)) == figures.redeemed_amount
    assert all(ended.starts_on <= entry.occurred_on <= ended.ends_on for entry in welfare)
    signed_in_as(client, "union@wenfu.cn")
    page = client.get(f"/procurement/welfare/{ended.pk}/").content.decode()
    assert f"¥{figures.redeemed_amount}" in page
    draft = Campaign.objects.get(status=CampaignStatus.DRAFT)
    assert "发放福利券" in client.get(f"/procurement/welfare/{draft.pk}/").content.decode()


def test_the_unions_spring_festival_packs_are_chosen_ordered_and_some_accepted(client):
    from procurement.campaigns.models import Campaign, CampaignMode, CampaignStatus
    from procurement.campaigns.selectors import campaign_settlement, pack_figures
    from procurement.ledger.models import LedgerChannel, LedgerEntry

    packs = Campaign.objects.get(mode=CampaignMode.GIFT_PACKS)
    figures = pack_figures(packs)
    assert packs.status == CampaignStatus.RUNNING and packs.packs.count() == 3
    assert (figures.members, figures.chosen, figures.ordered, figures.delivered) == (200, 40, 20, 6)
    entries = LedgerEntry.objects.filter(campaign=packs)
    assert {entry.channel for entry in entries} == {LedgerChannel.WELFARE}
    assert sum(entry.amount for entry in entries) == figures.delivered_amount > 0
    assert sum(row.amount for row in campaign_settlement(packs)) == figures.delivered_amount
    signed_in_as(client, "union@wenfu.cn")
    page = client.get(f"/procurement/welfare/{packs.pk}/").content.decode()
    assert "为已选择的礼包下单" in page and f"¥{figures.delivered_amount}" in page
