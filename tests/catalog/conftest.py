import itertools
from decimal import Decimal

import pytest

from catalog.constants import CertificationKind, CooperativeStatus, Storage
from catalog.models import CooperativeProfile, ProductCertification, ResettlementArea, TierPrice
from catalog.services import product_search_text_refresh
from catalog.validators import cooperative_credit_code
from tests.factories import CategoryFactory, PartnerFactory, ProductFactory


@pytest.fixture
def listing_query_budget():
    """Queries one catalogue, category or search page may make, whatever the number of products
    on it: 16 when written (savepoints of ATOMIC_REQUESTS and one grouped count per filter facet
    included); the rest is headroom for the layout."""
    return 18


@pytest.fixture
def uncached_listings(settings):
    """Every listing rendered from the database, as on a cache miss: what query budgets bound."""
    settings.CATALOG_LISTING_CACHE_SECONDS = 0


@pytest.fixture
def refresh_search_text():
    """Fills ``Product.search_text`` the way the after-commit task would, for the given products."""

    def refresh(*products):
        product_search_text_refresh(product_ids=[product.pk for product in products])

    return refresh


@pytest.fixture
def specialties(db, refresh_search_text):
    """A small market: mushrooms (香菇, 木耳) under 食用菌, honey under 蜂产品, and a hidden product.

    ``随州花菇 500g`` does not say 香菇 in its title: only its category does.
    """
    fungi = CategoryFactory(name="食用菌")
    shiitake = CategoryFactory(name="香菇", parent=fungi)
    wood_ear = CategoryFactory(name="木耳", parent=fungi)
    bee = CategoryFactory(name="蜂产品")
    honey = CategoryFactory(name="蜂蜜", parent=bee)
    products = {
        "flower": ProductFactory(title="随州花菇 500g", categories=[shiitake], stockrecord__price="68.00"),
        "dried": ProductFactory(title="三里岗香菇干货", categories=[shiitake], stockrecord__price="45.50"),
        "honey": ProductFactory(title="高山土蜂蜜", categories=[honey], stockrecord__price="88.00"),
        "wood_ear": ProductFactory(
            title="随县黑木耳 250g", categories=[wood_ear], stockrecord__price="32.00"
        ),
        "hidden": ProductFactory(title="香菇试吃装（未上架）", categories=[shiitake], is_public=False),
    }
    refresh_search_text(*products.values())
    categories = {"fungi": fungi, "shiitake": shiitake, "wood_ear": wood_ear, "bee": bee, "honey": honey}
    return {"categories": categories, "products": products}


# --- Areas, cooperatives, provenance ------------------------------------------------------------

_organisation_codes = (f"MA{n:07d}" for n in itertools.count(1000000))


def make_area(slug, name, town, **fields):
    fields.setdefault("village", "示例村")
    fields.setdefault("households", 100)
    fields.setdefault("people", 320)
    return ResettlementArea.objects.create(slug=slug, name=name, town=town, **fields)


def make_cooperative(code, name, *, areas=(), status=CooperativeStatus.ACTIVE, **fields):
    """A partner with a cooperative profile serving ``areas``; returns the profile."""
    partner = PartnerFactory(code=code, name=name)
    fields.setdefault("households_linked", 40)
    fields.setdefault("people_employed", 12)
    fields.setdefault("benefit_mechanism", "保底收购，务工按件计酬。")
    profile = CooperativeProfile.objects.create(
        partner=partner,
        legal_name=name,
        credit_code=cooperative_credit_code(next(_organisation_codes)),
        status=status,
        **fields,
    )
    profile.areas.set(areas)
    return profile


def certify(product, *kinds):
    for kind in kinds:
        ProductCertification.objects.create(product=product, kind=kind, number=f"{kind}-{product.pk}")


def add_tiers(stockrecord, *tiers):
    for quantity, price in tiers:
        TierPrice.objects.create(stockrecord=stockrecord, min_quantity=quantity, price=Decimal(price))


@pytest.fixture
def market(db, refresh_search_text):
    """A small fixed market for filters and facet counts.

    ============  ==============  =========  ========  ==================  ========
    product       cooperative     area       storage   certifications      price
    ============  ==============  =========  ========  ==================  ========
    随州花菇 500g  兴农 (xingnong)  三里岗      常温       地理标志, 绿色食品    68.00
    鲜香菇 2.5kg   兴农            三里岗      冷藏       地理标志, 承诺达标    45.00
    随县黑木耳     绿源 (lvyuan)    东岳 (殷店) 常温       绿色食品            42.00
    秋木耳 500g    绿源            西岭 (殷店) 常温       —                  78.00
    泡泡青 5kg     绿源            西岭 (殷店) 冷藏       承诺达标            69.90
    停业香菇       停业社 (停)      三里岗      常温       地理标志            30.00  (suspended: hidden)
    平台自营礼盒    平台 (no profile) —        常温       —                  99.00
    ============  ==============  =========  ========  ==================  ========
    """
    fungi = CategoryFactory(name="食用菌")
    shiitake = CategoryFactory(name="香菇", parent=fungi)
    wood_ear = CategoryFactory(name="木耳", parent=fungi)
    greens = CategoryFactory(name="泡泡青")
    areas = {
        "sanligang": make_area("sanligang", "三里岗镇香菇小镇安置区", "三里岗镇", households=243, people=786),
        "dongyue": make_area("dongyue", "殷店镇东岳安置点", "殷店镇"),
        "xiling": make_area("xiling", "殷店镇西岭安置点", "殷店镇"),
    }
    coops = {
        "xingnong": make_cooperative(
            "xingnong",
            "随县兴农香菇专业合作社",
            areas=[areas["sanligang"]],
            households_linked=126,
            people_employed=48,
        ),
        "lvyuan": make_cooperative(
            "lvyuan", "随县绿源黑木耳专业合作社", areas=[areas["dongyue"], areas["xiling"]]
        ),
        "closed": make_cooperative(
            "closed", "随县停业香菇合作社", areas=[areas["sanligang"]], status=CooperativeStatus.SUSPENDED
        ),
    }
    operator = PartnerFactory(code="wenfu", name="稳富平台自营")
    rows = [
        (
            "flower",
            "随州花菇 500g",
            shiitake,
            "xingnong",
            "sanligang",
            Storage.AMBIENT,
            ["gi", "green_food"],
            "68.00",
        ),
        (
            "fresh",
            "鲜香菇 2.5kg",
            shiitake,
            "xingnong",
            "sanligang",
            Storage.CHILLED,
            ["gi", "compliance_pledge"],
            "45.00",
        ),
        ("black", "随县黑木耳 250g", wood_ear, "lvyuan", "dongyue", Storage.AMBIENT, ["green_food"], "42.00"),
        ("autumn", "秋木耳 500g", wood_ear, "lvyuan", "xiling", Storage.AMBIENT, [], "78.00"),
        ("greens", "泡泡青 5kg", greens, "lvyuan", "xiling", Storage.CHILLED, ["compliance_pledge"], "69.90"),
        ("closed", "停业香菇", shiitake, "closed", "sanligang", Storage.AMBIENT, ["gi"], "30.00"),
        ("own", "平台自营礼盒", fungi, None, None, Storage.AMBIENT, [], "99.00"),
    ]
    products = {}
    for key, title, category, coop, area, storage, certs, price in rows:
        partner = coops[coop].partner if coop else operator
        products[key] = ProductFactory(
            title=title,
            categories=[category],
            origin_area=areas[area] if area else None,
            storage=storage,
            stockrecord__partner=partner,
            stockrecord__price=price,
        )
        certify(products[key], *[CertificationKind(kind) for kind in certs])
    refresh_search_text(*products.values())
    return {
        "areas": areas,
        "coops": coops,
        "products": products,
        "categories": {"fungi": fungi, "shiitake": shiitake, "wood_ear": wood_ear, "greens": greens},
    }
