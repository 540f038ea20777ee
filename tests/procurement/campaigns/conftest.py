"""A county trade union with a roster, beside the ledger's market (two cooperatives serving
resettlement areas, their products) and a product from outside the resettlement areas.

    union                      the verified 随县总工会, with ``union.admin`` (管理员)
    roster(n)                  n members on its roster, mobiles 1380000xxxx
    member_account(mobile)     a shopper's account that logs in with ``mobile``
"""

import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from procurement.campaigns import services
from procurement.campaigns.models import Holiday, UnionMember
from procurement.constants import OrganisationKind, Role
from tests.procurement.conftest import member, organisation_make
from tests.procurement.ledger.conftest import areas, operator, shelves  # noqa: F401
from tests.shop.address.conftest import SUIXIAN
from tests.shop.payments.conftest import _emulator_settings, emulator_key_dir  # noqa: F401

User = get_user_model()


@pytest.fixture
def union(world):
    union = organisation_make("随县总工会", kind=OrganisationKind.UNION, prefix="81", serial=7)
    return SimpleNamespace(
        organisation=union,
        admin=member(union, "gonghui@example.cn", Role.ADMIN),
        finance=member(union, "gonghui-caiwu@example.cn", Role.FINANCE),
    )


def mobile_of(n):
    return f"1380000{n:04d}"


@pytest.fixture
def roster(union):
    def make(count):
        UnionMember.objects.bulk_create(
            UnionMember(
                organisation=union.organisation,
                name=f"会员{n}",
                mobile=mobile_of(n),
                department=f"第{n % 5 + 1}科",
                staff_number=f"G{n:04d}",
            )
            for n in range(1, count + 1)
        )
        return list(UnionMember.objects.filter(organisation=union.organisation).order_by("pk"))

    return make


def member_account(mobile, email=None):
    """A shopper who signed up with ``mobile`` (a number becomes an account's only by a code)."""
    user = User(email=email, mobile=mobile, first_name="会员")
    user.set_password("Suixian-Member-2026")
    user.save()
    return user


def campaign_make(union, **fields):
    today = timezone.localdate()
    values = {
        "name": "2026年中秋节福利",
        "holiday": Holiday.MID_AUTUMN,
        "starts_on": today,
        "ends_on": today + timezone.timedelta(days=20),
        "member_amount": Decimal("300.00"),
        "budget": Decimal("100000.00"),
    } | fields
    return services.campaign_save(organisation=union.organisation, by=union.admin, **values)


def roster_file(rows, header=("姓名", "手机号", "部门", "工号")):
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "名册.xlsx"
    return buffer


def shopper_at_preview(user, items):
    """A client of ``user`` with ``items`` (``[(product, units)]``) in the basket, at the preview."""
    client = Client()
    client.force_login(user)
    for product, units in items:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": units})
        assert response.status_code == 302
    assert client.post(reverse("checkout:shipping-address"), SUIXIAN).status_code == 302
    methods = client.get(reverse("checkout:shipping-method"))
    if methods.status_code == 200:
        code = methods.context["methods"][0].code
        assert client.post(reverse("checkout:shipping-method"), {"method_code": code}).status_code == 302
    return client


def voucher_add(client, code):
    """Adds ``code`` on the basket page; returns the page after the redirect (its messages)."""
    return client.post(reverse("basket:vouchers-add"), {"code": code}, follow=True).content.decode()


def place(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})
