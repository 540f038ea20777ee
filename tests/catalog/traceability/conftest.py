import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from catalog.models import CooperativeProfile, ProductionBatch, ResettlementArea
from catalog.validators import cooperative_credit_code
from tests.factories import PartnerFactory, ProductFactory

PASSWORD = "pw-trace-2026"


@dataclass
class Cooperative:
    partner: object
    profile: object
    product: object
    user: object


def make_user(email, *, staff=False, superuser=False, dashboard=False):
    user = get_user_model().objects.create_user(email, PASSWORD)
    if staff or superuser:
        user.is_staff, user.is_superuser = True, superuser
        user.save(update_fields=["is_staff", "is_superuser"])
    if dashboard:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
        )
    return user


def make_batch(cooperative, number, *, days_ago=10, product=None, **kwargs):
    return ProductionBatch.objects.create(
        product=product or cooperative.product,
        partner=cooperative.partner,
        batch_number=number,
        produced_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        quantity=kwargs.pop("quantity", "500"),
        unit=kwargs.pop("unit", "jin"),
        created_by=cooperative.user,
        **kwargs,
    )


@pytest.fixture
def area(db):
    return ResettlementArea.objects.create(
        slug="sanligang-jixiangsi",
        name="三里岗镇香菇小镇安置区",
        town="三里岗镇",
        village="吉祥寺村",
        households=243,
        people=786,
    )


def _cooperative(code, name, organisation_code, email, title, area=None, households=0):
    partner = PartnerFactory(name=name, code=code)
    profile = CooperativeProfile.objects.create(
        partner=partner,
        legal_name=name,
        credit_code=cooperative_credit_code(organisation_code),
        households_linked=households,
        people_employed=12,
        benefit_mechanism="统一收购，按股分红。",
    )
    if area is not None:
        profile.areas.add(area)
    product = ProductFactory(title=title, stockrecord__partner=partner, origin_area=area)
    user = make_user(email, dashboard=True)
    partner.users.add(user)
    return Cooperative(partner=partner, profile=profile, product=product, user=user)


@pytest.fixture
def coop_a(db, area):
    return _cooperative(
        "xingnong", "随县三里岗镇兴农香菇种植专业合作社", "MA48B3QX1", "a@coop.cn", "随州花菇 500g", area, 126
    )


@pytest.fixture
def coop_b(db):
    return _cooperative(
        "lvyuan", "随县殷店镇绿源黑木耳专业合作社", "MA48C7RD5", "b@coop.cn", "随县黑木耳 250g"
    )


@pytest.fixture
def operator(db):
    return make_user("operator@wenfu.cn", staff=True)
