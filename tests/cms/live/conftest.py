"""A site with a 直播带货 and a 新闻动态 section, a cooperative and its products, built small
(no demo) so each test shows what it needs."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from catalog.constants import CooperativeStatus
from catalog.models import CooperativeProfile, ResettlementArea
from catalog.validators import cooperative_credit_code
from cms.live.models import LiveSaleIndexPage, LiveSalePage, LiveSaleProduct
from cms.models import HomePage
from cms.news.models import NewsIndexPage
from tests.factories import PartnerFactory, ProductFactory


@pytest.fixture
def home(db):
    home = Page.get_first_root_node().add_child(instance=HomePage(title="稳富", slug="wenfu"))
    Site.objects.update(root_page=home)
    return home


@pytest.fixture
def live_index(home):
    return home.add_child(instance=LiveSaleIndexPage(title="直播带货", slug="zhibo-daihuo"))


@pytest.fixture
def news_index(home):
    return home.add_child(instance=NewsIndexPage(title="新闻动态", slug="xinwen"))


@pytest.fixture
def area(db):
    return ResettlementArea.objects.create(
        slug="sanligang-jixiangsi", name="三里岗镇香菇小镇安置区", town="三里岗镇"
    )


def make_cooperative(code, name, *, organisation_code, areas=(), status=CooperativeStatus.ACTIVE):
    partner = PartnerFactory(code=code, name=name)
    profile = CooperativeProfile.objects.create(
        partner=partner,
        legal_name=name,
        credit_code=cooperative_credit_code(organisation_code),
        status=status,
    )
    profile.areas.set(areas)
    return partner


@pytest.fixture
def host(area):
    return make_cooperative(
        "sanligang-xingnong",
        "随县三里岗镇兴农香菇种植专业合作社",
        organisation_code="MA48B3QX1",
        areas=[area],
    )


@pytest.fixture
def product(host, area):
    return ProductFactory(
        title="随州花菇 500g", origin_area=area, stockrecord__partner=host, stockrecord__price="88.00"
    )


@pytest.fixture
def make_sale(live_index, host):
    """Publishes a sale starting ``starts_in`` from now (negative: in the past) and lasting
    ``length``, featuring ``products``."""

    def make(
        title="三里岗香菇直播",
        *,
        starts_in=timedelta(hours=1),
        length=timedelta(hours=2),
        products=(),
        **fields,
    ):
        starts_at = timezone.now() + starts_in
        fields.setdefault("host", host)
        sale = live_index.add_child(
            instance=LiveSalePage(
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + length,
                featured_products=[
                    LiveSaleProduct(product=product, sort_order=position)
                    for position, product in enumerate(products)
                ],
                **fields,
            )
        )
        sale.save_revision().publish()
        return sale

    return make
