import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from oscar.core.loading import get_model
from wagtail.models import GroupPagePermission, Page, Site

from catalog.demo import credit_code_is_valid
from catalog.models import CooperativeProfile, ResettlementArea
from cms.models import ArticlePage, HomePage, SectionPage

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

COUNTED = [
    Product, ProductCategory, StockRecord, ProductImage, Category, Partner, CooperativeProfile,
    ResettlementArea, Page, get_user_model(), Group, GroupPagePermission, Site,
]


def row_counts():
    return {model._meta.label: model.objects.count() for model in COUNTED}


pytestmark = pytest.mark.usefixtures("demo")


def test_second_run_changes_no_row_counts():
    before = row_counts()
    call_command("load_demo", stdout=io.StringIO())
    assert row_counts() == before


def test_demo_fills_resettlement_areas_and_cooperatives():
    assert ResettlementArea.objects.count() >= 6
    assert ResettlementArea.objects.values("town").distinct().count() >= 6
    profiles = CooperativeProfile.objects.select_related("partner")
    assert profiles.count() >= 8
    for profile in profiles:
        assert credit_code_is_valid(profile.credit_code)
        assert profile.credit_code.startswith("93421321")
        assert profile.areas.exists()


def test_demo_products_are_priced_pictured_and_searchable():
    assert Category.objects.filter(numchild=0).count() >= 8
    products = Product.objects.prefetch_related("stockrecords", "images", "categories")
    assert products.count() >= 40
    for product in products:
        (record,) = product.stockrecords.all()
        assert record.price > 0 and record.price_currency == "CNY"
        assert hasattr(record.partner, "cooperative")
        assert len(product.images.all()) == 1
        assert product.categories.exists()
        assert product.search_text


def test_home_page_is_the_default_sites_root_with_tourism_sections():
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    assert site.root_page_id == home.pk and site.port == 8000
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    sections = SectionPage.objects.child_of(home).live()
    assert set(sections.values_list("slug", flat=True)) >= {"xiangcun-lvyou", "jieqing-huodong", "xinwen"}
    for section in sections:
        assert ArticlePage.objects.child_of(section).live().exists()


def test_command_prints_one_login_per_role():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    for text in ["operator@wenfu.cn", "shopper@wenfu.cn", "coop@wenfu.cn", "buyer@wenfu.cn",
                 "approver@wenfu.cn", "tourism@wenfu.cn", "wenfu-demo-2026", "/shop/dashboard/", "/cms/"]:
        assert text in out.getvalue()
