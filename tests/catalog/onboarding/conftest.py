"""Fixtures of onboarding tests: areas, an applicant, an operator, uploads and a valid form."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

import shop.celery
from catalog.models import CooperativeProfile, ResettlementArea
from catalog.validators import cooperative_credit_code
from tests.factories import PartnerFactory
from tests.uploads import pdf_upload

PASSWORD = "wenfu-test-口令-2026"
_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process even when REDIS_URL points at a broker."""
    conf = shop.celery.app.conf
    previous = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = previous


def make_user(email, *, staff=False, first_name="", last_name=""):
    user = get_user_model().objects.create_user(email, PASSWORD, first_name=first_name, last_name=last_name)
    if staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def new_credit_code():
    """A distinct, valid cooperative (93…) credit code per call."""
    return cooperative_credit_code(f"MA4C{next(_codes):05d}")


@pytest.fixture
def areas(db):
    return [
        ResettlementArea.objects.create(name="三里岗镇吉祥寺安置点", slug="jixiangsi", town="三里岗镇"),
        ResettlementArea.objects.create(name="万和镇双河安置点", slug="shuanghe", town="万和镇"),
    ]


@pytest.fixture
def applicant(db):
    return make_user("li.na@example.cn", first_name="娜", last_name="李")


@pytest.fixture
def operator(db):
    return make_user("yunying@example.cn", staff=True, first_name="运营", last_name="王")


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def application_data(areas):
    """A complete, valid application as the form posts it (a fresh file each call)."""

    def data(**overrides):
        values = {
            "shop_name": "随县吉祥寺香菇合作社",
            "legal_name": "随县吉祥寺香菇种植专业合作社",
            "credit_code": new_credit_code(),
            "legal_representative": "李娜",
            "contact_mobile": "13972800001",
            "address": "湖北省随州市随县三里岗镇吉祥寺村",
            "areas": [areas[0].pk],
            "households_linked": "36",
            "people_employed": "12",
            "benefit_mechanism": "搬迁户以土地入股，年底按股分红；菌棒生产优先雇用搬迁群众。",
            "business_license": pdf_upload(),
            "business_license_expires_on": "2099-12-31",
        }
        values.update(overrides)
        return values

    return data


def cleaned(data):
    """``data`` as the application form posts it, cleaned by that form: what services receive."""
    from catalog.onboarding.forms import ApplicationForm

    files = {"business_license": data.pop("business_license")}
    form = ApplicationForm(data, files)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def make_cooperative(*, users=(), name=None):
    """A cooperative (partner + profile) whose ``users`` may use the dashboard."""
    partner = PartnerFactory(**({"name": name} if name else {}))
    profile = CooperativeProfile.objects.create(
        partner=partner, legal_name=f"{partner.name}（登记）", credit_code=new_credit_code()
    )
    permission = Permission.objects.get(content_type__app_label="partner", codename="dashboard_access")
    for user in users:
        partner.users.add(user)
        user.user_permissions.add(permission)
    return profile
