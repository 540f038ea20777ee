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
from procurement.ledger.demo import _received, order_place
from procurement.ledger.models import LedgerEntry
from procurement.ledger.services import ledger_rebuild
from procurement.selectors import LEDGER_TIME_ZONE
from shop.payments.services import order_paid_by_vouchers, payment_record

from . import services
from .models import Campaign, Holiday, UnionMember
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
