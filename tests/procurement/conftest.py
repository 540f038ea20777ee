"""A small procurement world: two verified organisations with members in every role, two
cooperatives with products, stock and tier prices, and delivery addresses in 随县 and outside it.

    world.canteen, world.school                      organisations (verified)
    world.buyer, world.approver, world.receiver, world.finance, world.admin   members of canteen
    world.other_buyer                                a 采购员 of the school
    world.coop_a, world.coop_b                       partners, with world.coop_a_user, world.coop_b_user
    world.mushroom, world.fungus, world.greens       stock records (a, a, b) with tiers
    world.kitchen                                    canteen's address in 随县; world.city_kitchen outside
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import CooperativeProfile, TierPrice
from catalog.validators import cooperative_credit_code, credit_code_check_char
from procurement.constants import OrganisationKind, OrganisationStatus, Role
from procurement.models import DeliveryAddress, Membership, Organisation
from shop.address.models import Division
from tests.catalog.dashboard.helpers import cooperative
from tests.conftest import reference_data_load
from tests.factories import ProductFactory, StockRecordFactory

User = get_user_model()


def credit_code(prefix, serial):
    """A valid unified social credit code of the registration kind ``prefix`` (e.g. 11, 91) in 随县."""
    first17 = f"{prefix}421321{serial:09d}"[:17]
    return first17 + credit_code_check_char(first17)


def organisation_make(name, *, kind=OrganisationKind.GOVERNMENT, prefix="11", serial=1, **fields):
    organisation = Organisation(
        name=name,
        kind=kind,
        credit_code=credit_code(prefix, serial),
        invoice_title=name,
        registered_address="湖北省随州市随县厉山镇神农大道 1 号",
        contact_name="王主任",
        contact_mobile="13900000001",
        bank_name="中国农业银行随县支行",
        bank_account="17-123456789012345",
        annual_target=Decimal("100000.00"),
        **fields,
    )
    # Verified as the operator would leave it: set through the queryset, the FSM field is protected.
    organisation.save()
    Organisation.objects.filter(pk=organisation.pk).update(status=OrganisationStatus.VERIFIED)
    organisation.refresh_from_db()
    return organisation


def member(organisation, email, *roles):
    user = User.objects.filter(email=email).first() or User.objects.create_user(email, "secret-pass-123")
    Membership.objects.create(
        organisation=organisation, user=user, roles=[Role(role).value for role in roles]
    )
    return user


def address_make(organisation, label, *, district="421321", street="厉山镇"):
    return DeliveryAddress.objects.create(
        organisation=organisation,
        label=label,
        first_name="李师傅",
        phone_number="+8613900000002",
        district_id=district,
        street=street,
        line1="神农大道 8 号机关食堂后厨",
        country_id="CN",
    )


def stock(partner, title, *, price, tiers=(), num_in_stock=1000, sku=None):
    product = ProductFactory(title=title, stockrecord=None)
    record = StockRecordFactory(
        product=product,
        partner=partner,
        price=price,
        num_in_stock=num_in_stock,
        **({"partner_sku": sku} if sku else {}),
    )
    for min_quantity, tier_price in tiers:
        TierPrice.objects.create(stockrecord=record, min_quantity=min_quantity, price=Decimal(tier_price))
    return record


def cooperative_make(name, email, serial):
    partner, user = cooperative(name, email)
    CooperativeProfile.objects.create(
        partner=partner, legal_name=name, credit_code=cooperative_credit_code(f"MA4C{serial:05d}")
    )
    return partner, user


@pytest.fixture
def world(db):
    if not Division.objects.exists():
        # A transactional test before this one flushed what the data migrations loaded.
        reference_data_load()
    canteen = organisation_make("随县机关事务服务中心机关食堂", serial=1)
    school = organisation_make("随县第一中学食堂", kind=OrganisationKind.SCHOOL, prefix="12", serial=2)
    coop_a, coop_a_user = cooperative_make("随县香菇专业合作社", "coop-a@example.cn", 1)
    coop_b, coop_b_user = cooperative_make("随县蔬菜专业合作社", "coop-b@example.cn", 2)
    return SimpleNamespace(
        canteen=canteen,
        school=school,
        buyer=member(canteen, "buyer@example.cn", Role.BUYER),
        approver=member(canteen, "approver@example.cn", Role.APPROVER),
        receiver=member(canteen, "receiver@example.cn", Role.RECEIVER),
        finance=member(canteen, "finance@example.cn", Role.FINANCE),
        admin=member(canteen, "admin@example.cn", Role.ADMIN),
        other_buyer=member(school, "school-buyer@example.cn", Role.BUYER, Role.APPROVER),
        coop_a=coop_a,
        coop_a_user=coop_a_user,
        coop_b=coop_b,
        coop_b_user=coop_b_user,
        mushroom=stock(coop_a, "随州香菇 5kg", price="150.00", tiers=[(10, "130.00"), (50, "120.00")]),
        fungus=stock(coop_a, "随县黑木耳 1kg", price="80.00", tiers=[(5, "70.00")]),
        greens=stock(coop_b, "泡泡青 5kg", price="40.00", tiers=[(20, "32.00")]),
        kitchen=address_make(canteen, "机关食堂后厨"),
        city_kitchen=address_make(canteen, "武汉办事处食堂", district="420106", street="中南路街道"),
        school_kitchen=address_make(school, "一中食堂"),
    )


@pytest.fixture
def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)
