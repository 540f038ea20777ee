"""The county trade union's welfare for ``manage.py load_demo``: a roster of 200 members, this
year's Mid-Autumn campaign (vouchers issued and texted through the real services, 36 of them
spent in members' real orders paid on top with Alipay, the campaign ended) and a draft New Year
campaign the union's 管理员 can send from the portal.

The Mid-Autumn campaign is run through the services over today's dates and then moved, with
its orders and payments, to the weeks around the festival, as the ledger's demo moves its
shoppers' orders; the ledger then files them again from their payment dates.

The roster's first member is the demo shopper (13800000001), so a voucher of a campaign the
union sends from the portal reaches a login a visitor can use. The members who spent a voucher
sign in by mobile only (no password): nobody can log in as them.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from tyme4py.lunar import LunarDay

from catalog.constants import CooperativeStatus
from procurement import services as procurement
from procurement.constants import COUNTY_DIVISION_CODE
from procurement.ledger.demo import _received, order_place
from procurement.ledger.models import LedgerEntry
from procurement.ledger.services import ledger_rebuild
from procurement.models import DeliveryAddress
from procurement.pricing import line_price
from procurement.selectors import LEDGER_TIME_ZONE
from shop.order import fulfilment
from shop.order.models import Carrier
from shop.payments.services import order_paid_by_vouchers, payment_record

from . import packs, services
from .models import Campaign, CampaignMode, Holiday, PackDelivery, UnionMember
from .packs import pack_stockrecords
from .ranges import resettlement_area_products

ConditionalOffer = get_model("offer", "ConditionalOffer")
Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
StockRecord = get_model("partner", "StockRecord")
Voucher = get_model("voucher", "Voucher")
VoucherApplication = get_model("voucher", "VoucherApplication")
VoucherSet = get_model("voucher", "VoucherSet")

ROSTER = 200
REDEEMED = 36
MEMBER_AMOUNT = Decimal("300.00")
PACK_AMOUNT = Decimal("200.00")
#: Members who chose their Spring Festival pack, and of the packs ordered, those delivered.
PACKS_CHOSEN = 40
PACKS_DELIVERED = 6
PACKS = (
    ("甲款礼包", "安置区合作社特产组合"),
    ("乙款礼包", "安置区合作社特产组合"),
    ("丙款礼包", "安置区合作社特产组合"),
)
TOWNS = ("厉山镇", "殷店镇", "万和镇", "草店镇", "小林镇")
DEPARTMENTS = ("机关工会", "教育工会", "卫健工会", "交通工会", "农业农村工会")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN_NAMES = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
)
DEMO_SHOPPER_MOBILE = "13800000001"


def _mobile(n):
    return DEMO_SHOPPER_MOBILE if n == 1 else f"1370000{n:04d}"


def _roster(union, rng):
    UnionMember.objects.bulk_create(
        UnionMember(
            organisation=union,
            name="李小敏"
            if n == 1
            else rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES) + rng.choice(("", *GIVEN_NAMES)),
            mobile=_mobile(n),
            department=DEPARTMENTS[n % len(DEPARTMENTS)],
            staff_number=f"GH{n:04d}",
        )
        for n in range(1, ROSTER + 1)
    )
    return list(UnionMember.objects.filter(organisation=union).order_by("pk"))


def _member_account(member):
    users = get_user_model().objects
    user = users.filter(mobile=member.mobile).first()
    if user is None:
        user = users.model(email=None, mobile=member.mobile, first_name=member.name)
        user.set_unusable_password()
        user.save()
    return user


def _mid_autumn(year):
    solar = LunarDay.from_ymd(year, 8, 15).get_solar_day()
    return datetime.date(solar.get_year(), solar.get_month(), solar.get_day())


def _festival_period(today):
    """The weeks around the last Mid-Autumn festival (农历八月十五) before ``today``."""
    festival = _mid_autumn(today.year)
    if festival + datetime.timedelta(days=14) >= today:
        festival = _mid_autumn(today.year - 1)
    return festival, festival - datetime.timedelta(days=10), festival + datetime.timedelta(days=13)


def _redeem(campaign, members, operator, rng):
    """Members 2 … ``REDEEMED`` + 1 spend their vouchers on two resettlement-area products each,
    paying the rest on Alipay; returns the orders."""
    records = list(
        StockRecord.objects.filter(
            product__in=resettlement_area_products(),
            partner__cooperative__status=CooperativeStatus.ACTIVE,
            num_in_stock__gte=60,
        ).select_related("product")
    )
    grants = {grant.member_id: grant for grant in campaign.grants.select_related("voucher")}
    orders = []
    for member in members[1 : REDEEMED + 1]:
        account = _member_account(member)
        items = [(record.product, rng.randint(1, 3)) for record in rng.sample(records, 2)]
        order = order_place(account, items, vouchers=[grants[member.pk].voucher])
        if not order_paid_by_vouchers(order):
            payment_record(order, trade_no=f"2026WELFARE{order.number}", amount=order.total_incl_tax)
        _received(order, operator)
        orders.append(order)
    return orders


def _move_to_festival(campaign, orders, rng, today):
    """Moves ``campaign``, its vouchers and offer, and ``orders`` (placed, paid, vouchers used)
    to the weeks around the festival."""
    _festival, starts_on, ends_on = _festival_period(today)
    Campaign.objects.filter(pk=campaign.pk).update(starts_on=starts_on, ends_on=ends_on)
    campaign.refresh_from_db()
    start, end = services.period_bounds(campaign)
    for model, query in (
        (Voucher, {"voucher_set": campaign.voucher_set}),
        (VoucherSet, {"pk": campaign.voucher_set_id}),
        (ConditionalOffer, {"pk": campaign.offer_id}),
    ):
        model.objects.filter(**query).update(start_datetime=start, end_datetime=end)
    Campaign.objects.filter(pk=campaign.pk).update(
        started_at=start - datetime.timedelta(days=2), reminded_at=end - datetime.timedelta(days=3)
    )
    days = (ends_on - starts_on).days
    for order in orders:
        moment = datetime.datetime.combine(
            starts_on + datetime.timedelta(days=rng.randint(0, days)),
            datetime.time(rng.randint(8, 21), rng.randint(0, 59)),
            tzinfo=LEDGER_TIME_ZONE,
        )
        Order.objects.filter(pk=order.pk).update(date_placed=moment)
        PaymentEvent.objects.filter(order=order).update(date_created=moment)
        VoucherApplication.objects.filter(order=order).update(date_created=moment)
    LedgerEntry.objects.filter(line__order__in=orders).delete()
    ledger_rebuild()
    services.campaigns_end(today)


def load_union_demo(*, union, admin, operator):
    """The union's roster and campaigns, once (nothing when it has campaigns already)."""
    if Campaign.objects.filter(organisation=union).exists():
        return
    rng = random.Random(815)
    today = services.beijing_today()
    members = _roster(union, rng)
    campaign = services.campaign_save(
        organisation=union,
        by=admin,
        name=f"{_festival_period(today)[0].year}年中秋节职工福利",
        holiday=Holiday.MID_AUTUMN,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=23),
        member_amount=MEMBER_AMOUNT,
        budget=MEMBER_AMOUNT * ROSTER,
    )
    services.campaign_start(campaign=campaign, by=admin)
    services.campaign_codes_send(campaign)
    orders = _redeem(campaign, members, operator, rng)
    _move_to_festival(campaign, orders, rng, today)
    new_year = datetime.date(today.year + 1, 1, 1)
    services.campaign_save(
        organisation=union,
        by=admin,
        name=f"{new_year.year}年元旦职工福利",
        holiday=Holiday.NEW_YEAR,
        starts_on=max(today, new_year - datetime.timedelta(days=14)),
        ends_on=new_year + datetime.timedelta(days=14),
        member_amount=Decimal("200.00"),
        budget=Decimal("200.00") * ROSTER,
    )
    _spring_festival_packs(union, admin, operator, members, rng, today)


def _spring_festival(year):
    solar = LunarDay.from_ymd(year, 1, 1).get_solar_day()
    return datetime.date(solar.get_year(), solar.get_month(), solar.get_day())


def _packs_compose(campaign, admin, rng):
    """Three packs of resettlement-area products (one unit each, no minimum order) within the
    per-member amount."""
    records = [
        record
        for record in pack_stockrecords().filter(num_in_stock__gte=80)
        if line_price(record, 1).min_quantity == 1
    ]
    rng.shuffle(records)
    for name, description in PACKS:
        items, price = [], Decimal("0.00")
        for record in list(records):
            if len(items) < 3 and price + record.price <= campaign.member_amount:
                items.append((record.pk, 1))
                price += record.price
                records.remove(record)
        if items:
            packs.gift_pack_save(campaign=campaign, by=admin, name=name, description=description, items=items)


def _spring_festival_packs(union, admin, operator, members, rng, today):
    """The coming Spring Festival's gift packs: links sent, members 2 … ``PACKS_CHOSEN`` + 1
    chosen with their addresses, the first half ordered and a few of those delivered and
    accepted; the demo shopper (the first member) can still choose."""
    festival = _spring_festival(today.year if today.month < 2 else today.year + 1)
    campaign = services.campaign_save(
        organisation=union,
        by=admin,
        name=f"{festival.year}年春节职工福利礼包",
        holiday=Holiday.SPRING_FESTIVAL,
        starts_on=today,
        ends_on=max(today, festival - datetime.timedelta(days=12)),
        member_amount=PACK_AMOUNT,
        budget=PACK_AMOUNT * ROSTER,
        mode=CampaignMode.GIFT_PACKS,
        pack_delivery=PackDelivery.MEMBER,
    )
    _packs_compose(campaign, admin, rng)
    if not campaign.packs.exists():
        return
    services.campaign_start(campaign=campaign, by=admin)
    services.campaign_codes_send(campaign)
    offered = list(campaign.packs.values_list("pk", flat=True))
    choices = {choice.member_id: choice for choice in campaign.pack_choices.all()}
    choosing = members[1 : PACKS_CHOSEN + 1]
    for n, member in enumerate(choosing):
        address = DeliveryAddress(
            first_name=member.name,
            phone_number=f"+86{member.mobile}",
            district_id=COUNTY_DIVISION_CODE,
            street=TOWNS[n % len(TOWNS)],
            line1=f"安置小区 {n % 9 + 1} 栋 {n % 5 + 1} 单元 {n % 6 + 1}0{n % 4 + 1}",
            country_id="CN",
        )
        packs.pack_choose(choice=choices[member.pk], pack_id=rng.choice(offered), address=address)
        if n + 1 == PACKS_CHOSEN // 2:
            # The union ordered the first half; the rest is for a visitor to order in the portal.
            packs.pack_orders_place(
                campaign=campaign, by=admin, delivery_date=today + datetime.timedelta(days=5)
            )
    ordered = campaign.pack_choices.exclude(purchase_order=None).select_related("purchase_order")
    for choice in ordered[:PACKS_DELIVERED]:
        for supplier_order in choice.purchase_order.supplier_orders.all():
            procurement.supplier_order_confirm(supplier_order=supplier_order, by=operator)
            for parcel in supplier_order.order.parcels.all():
                fulfilment.parcel_ship(
                    parcel_id=parcel.pk,
                    user=operator,
                    carrier=Carrier.EMS,
                    tracking_number=f"E{parcel.order.number}",
                )
            supplier_order.refresh_from_db()
            procurement.supplier_order_receive(supplier_order=supplier_order, by=operator, receipts={})
