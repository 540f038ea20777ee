import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from oscar.core.loading import get_model
from wagtail.models import GroupPagePermission, Page, Site

from catalog.constants import CertificationKind, NetUnit, Storage
from catalog.models import CooperativeProfile, ProductCertification, ResettlementArea, TierPrice
from catalog.validators import credit_code_is_valid
from cms.demo import SECTIONS
from cms.models import HomePage
from procurement.constants import OrganisationStatus, PurchaseOrderState, Role, SupplierOrderState
from procurement.models import (
    DeliveryAddress,
    Membership,
    Organisation,
    PurchaseOrder,
    StandingOrder,
    SupplierOrder,
)

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

COUNTED = [
    Product,
    ProductCategory,
    StockRecord,
    ProductImage,
    Category,
    Partner,
    CooperativeProfile,
    ResettlementArea,
    Page,
    get_user_model(),
    Group,
    GroupPagePermission,
    Site,
    ProductCertification,
    TierPrice,
    Organisation,
    Membership,
    DeliveryAddress,
    PurchaseOrder,
    SupplierOrder,
    StandingOrder,
]


def row_counts():
    return {model._meta.label: model.objects.count() for model in COUNTED}


pytestmark = pytest.mark.usefixtures("demo")


def test_second_run_changes_no_row_counts():
    before = row_counts()
    call_command("load_demo", i_know_this_is_not_production=True, stdout=io.StringIO())
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
    for slug, (model, title, _intro) in SECTIONS.items():
        section = Page.objects.child_of(home).live().get(slug=slug)
        assert (section.specific_class, section.title) == (model, title)


def test_command_prints_one_login_per_role():
    out = io.StringIO()
    call_command("load_demo", i_know_this_is_not_production=True, stdout=out)
    for text in [
        "operator@wenfu.cn",
        "shopper@wenfu.cn",
        "coop@wenfu.cn",
        "buyer@wenfu.cn",
        "approver@wenfu.cn",
        "tourism@wenfu.cn",
        "wenfu-demo-2026",
        "/shop/dashboard/",
        "/cms/",
    ]:
        assert text in out.getvalue()


def test_demo_products_have_provenance_certificates_and_falling_tier_prices():
    products = Product.objects.select_related("origin_area").prefetch_related(
        "stockrecords__partner__cooperative__areas"
    )
    for product in products:
        (record,) = product.stockrecords.all()
        assert product.origin_area in record.partner.cooperative.areas.all()
        assert product.harvest_season and product.shelf_life_days
    fresh = Product.objects.get(upc="WF0106")  # 鲜香菇 2.5kg 产地直发
    assert (fresh.storage, fresh.net_content, fresh.net_unit) == (
        Storage.CHILLED,
        Decimal("2.5"),
        NetUnit.KILOGRAM,
    )
    assert Product.objects.filter(title__contains="泡泡青", storage=Storage.CHILLED).count() == 2
    sauce = Product.objects.get(upc="WF0105")  # 香菇牛肉酱 210g×2瓶
    assert (sauce.net_content, sauce.net_unit) == (Decimal("420"), NetUnit.GRAM)
    oil = Product.objects.get(upc="WF0501")  # 洪山油茶籽油 5L
    assert (oil.net_content, oil.net_unit) == (Decimal("5"), NetUnit.LITRE)
    assert ProductCertification.objects.filter(
        product__upc="WF0101", kind=CertificationKind.GEOGRAPHICAL_INDICATION
    ).exists()
    assert {kind for kind, _label in CertificationKind.choices} == set(
        ProductCertification.objects.values_list("kind", flat=True)
    )
    tiered = StockRecord.objects.filter(tier_prices__isnull=False).distinct().prefetch_related("tier_prices")
    assert tiered.count() >= 5
    for record in tiered:
        tiers = list(record.tier_prices.order_by("min_quantity"))
        assert len(tiers) >= 2
        assert all(low.price > high.price for low, high in zip(tiers, tiers[1:], strict=False))
        assert tiers[0].price < record.price


def test_second_run_keeps_certificates_and_tiers():
    before = (ProductCertification.objects.count(), TierPrice.objects.count())
    call_command("load_demo", i_know_this_is_not_production=True, stdout=io.StringIO())
    assert (ProductCertification.objects.count(), TierPrice.objects.count()) == before


def test_refuses_to_run_with_debug_off_unless_told(settings):
    settings.DEBUG = False
    before = row_counts()

    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("load_demo", stdout=io.StringIO())

    assert row_counts() == before


def test_demo_buyers_have_verified_organisations_roles_and_orders_in_every_stage():
    canteen = Organisation.objects.get(name="随县机关事务服务中心机关食堂")
    assert set(Organisation.objects.values_list("status", flat=True)) == {OrganisationStatus.VERIFIED}
    roles = {m.user.email: set(m.roles) for m in Membership.objects.filter(organisation=canteen)}
    assert roles == {
        "buyer@wenfu.cn": {Role.BUYER, Role.ADMIN},
        "approver@wenfu.cn": {Role.APPROVER, Role.RECEIVER},
        "finance@wenfu.cn": {Role.FINANCE},
    }
    states = set(PurchaseOrder.objects.filter(organisation=canteen).values_list("state", flat=True))
    assert states == {PurchaseOrderState.DRAFT, PurchaseOrderState.SUBMITTED, PurchaseOrderState.APPROVED}
    supplier_states = set(SupplierOrder.objects.values_list("state", flat=True))
    assert {
        SupplierOrderState.AWAITING_CONFIRMATION,
        SupplierOrderState.SHIPPED,
        SupplierOrderState.ACCEPTED,
    } <= (supplier_states)
    standing = StandingOrder.objects.get(organisation=canteen)
    assert (standing.weekdays, standing.lines.count(), standing.is_active) == ([1, 4], 2, True)


def test_every_demo_products_description_fits_how_it_is_kept(client):
    """A chilled product is not described as dried goods to soak, and a dried one not as fresh."""
    for product in Product.objects.all():
        kept = product.description.split("储存方式：")[1]
        if product.storage == Storage.CHILLED:
            assert "冷藏" in kept and "干燥" not in kept, product.title
            assert "泡发" not in product.description, product.title
        else:
            assert "冷藏保存，收到后" not in kept, product.title

    fresh = Product.objects.get(upc="WF0106")  # 鲜香菇 2.5kg 产地直发
    page = client.get(fresh.get_absolute_url()).content.decode()
    assert "0—4℃冷藏保存" in page
    assert "泡发后香味浓郁" not in page
    dried = Product.objects.get(upc="WF0102")  # 三里岗香菇干货 250g
    assert "泡发后香味浓郁" in dried.description
