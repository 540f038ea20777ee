"""Demo buyers for ``manage.py load_demo``: a verified county-government canteen with its buyer,
approver (also 验收员) and 财务, a school canteen, the county trade union, delivery addresses,
cooperatives' delivery terms, a weekly standing order, and purchase orders in different states
made through the real services, so every portal and dashboard screen shows something on a first
run.

Idempotent: organisations are found by credit code, purchase orders by their demo note, the
standing order by its name.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.validators import credit_code_check_char
from shop.order import fulfilment
from shop.order.models import Carrier

from . import services
from .constants import OrganisationKind, OrganisationStatus, Role
from .models import CooperativeDeliveryTerms, DeliveryAddress, Membership, Organisation, PurchaseOrder
from .standing.services import standing_order_create
from .workflow import transition_apply

StockRecord = get_model("partner", "StockRecord")


def _credit_code(first17):
    return first17 + credit_code_check_char(first17)


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    first17: str
    address: str
    annual_target: Decimal | None
    annual_food_budget: Decimal | None


ORGANISATIONS = [
    DemoOrganisation(
        "canteen",
        "随县机关事务服务中心机关食堂",
        OrganisationKind.GOVERNMENT,
        "11421321MB1A23456",
        "湖北省随州市随县厉山镇神农大道 88 号",
        Decimal("300000.00"),
        None,
    ),
    DemoOrganisation(
        "school",
        "随县第一高级中学食堂",
        OrganisationKind.SCHOOL,
        "12421321MB1B67890",
        "湖北省随州市随县厉山镇烈山大道 16 号",
        None,
        Decimal("1800000.00"),
    ),
    DemoOrganisation(
        "union",
        "随县总工会",
        OrganisationKind.UNION,
        "81421321MC1C00123",
        "湖北省随州市随县厉山镇炎帝大道 9 号",
        Decimal("200000.00"),
        None,
    ),
]

#: (organisation key, label, district code, street, detail line, receiving contact, mobile)
ADDRESSES = [
    ("canteen", "机关食堂后厨", "421321", "厉山镇", "神农大道 88 号机关大院食堂后门", "陈丽", "13800000003"),
    ("canteen", "随州市区办事处食堂", "421303", "西城街道", "舜井大道 12 号", "陈丽", "13800000003"),
    ("school", "一中食堂仓库", "421321", "厉山镇", "烈山大道 16 号学校东门", "黄师傅", "13800000201"),
    ("union", "县总工会办公室", "421321", "厉山镇", "炎帝大道 9 号三楼", "孙主席", "13800000301"),
]

#: Demo login e-mail → (organisation key, roles)
MEMBERS = [
    ("buyer@wenfu.cn", "canteen", [Role.BUYER, Role.ADMIN]),
    ("approver@wenfu.cn", "canteen", [Role.APPROVER, Role.RECEIVER]),
    ("finance@wenfu.cn", "canteen", [Role.FINANCE]),
    ("buyer@wenfu.cn", "school", [Role.BUYER]),
    ("union@wenfu.cn", "union", [Role.ADMIN, Role.FINANCE]),
]

#: Cooperative code → (own delivery fee in 随县, courier fee outside it)
DELIVERY_TERMS = {
    "sanligang-xingnong": (Decimal("0.00"), Decimal("30.00")),
    "yindian-lvyuan": (Decimal("20.00"), Decimal("30.00")),
    "lishan-shennong": (Decimal("0.00"), Decimal("45.00")),
    "hongshan-youcha": (Decimal("15.00"), Decimal("25.00")),
    "hongshan-baihua": (Decimal("15.00"), Decimal("25.00")),
}

#: (demo note, [(SKU, quantity)], how far it goes). Notes identify the demo orders.
ORDERS = [
    ("演示：下周食材（草稿）", [("WF0802", 20), ("WF0804", 10)], "draft"),
    ("演示：月度干货补货（待审批）", [("WF0102", 50), ("WF0201", 20), ("WF0502", 10)], "submitted"),
    (
        "演示：冬季蔬菜与粮油（待合作社确认）",
        [("WF0802", 30), ("WF0804", 20), ("WF0406", 10), ("WF0102", 20)],
        "approved",
    ),
    ("演示：菌菇与鲜菜（已发货）", [("WF0106", 10), ("WF0802", 10)], "shipped"),
    ("演示：元旦食堂备货（已验收）", [("WF0102", 10), ("WF0804", 10), ("WF0501", 10)], "accepted"),
]


def load_procurement(*, partners):
    """Creates the missing demo organisations, members, addresses, delivery terms and orders."""
    users = get_user_model().objects.in_bulk(
        ["operator@wenfu.cn", *{email for email, _key, _roles in MEMBERS}], field_name="email"
    )
    organisations = {
        demo.key: _organisation(demo, operator=users["operator@wenfu.cn"]) for demo in ORGANISATIONS
    }
    addresses = _addresses(organisations)
    for email, key, roles in MEMBERS:
        Membership.objects.get_or_create(
            organisation=organisations[key],
            user=users[email],
            defaults={"roles": [role.value for role in roles]},
        )
    for code, (own_fee, courier_fee) in DELIVERY_TERMS.items():
        CooperativeDeliveryTerms.objects.get_or_create(
            partner=partners[code], defaults={"own_delivery_fee": own_fee, "courier_fee": courier_fee}
        )
    _orders(organisations["canteen"], addresses["机关食堂后厨"], users)
    _standing_order(organisations["canteen"], addresses["机关食堂后厨"], users["buyer@wenfu.cn"])
    return organisations


def _organisation(demo, *, operator):
    code = _credit_code(demo.first17)
    organisation = Organisation.objects.filter(credit_code=code).first()
    if organisation is not None:
        return organisation
    organisation = Organisation.objects.create(
        name=demo.name,
        kind=demo.kind,
        credit_code=code,
        invoice_title=demo.name,
        registered_address=demo.address,
        contact_name="陈丽",
        contact_mobile="13800000003",
        contact_email="buyer@wenfu.cn",
        bank_name="中国农业银行随县支行",
        bank_account="17-380101040012345",
        annual_target=demo.annual_target,
        annual_food_budget=demo.annual_food_budget,
    )
    transition_apply(organisation, "verify", actor=operator, comment="演示数据：资料齐全，认证通过")
    return organisation


def _addresses(organisations):
    found = {}
    for key, label, district, street, line1, contact, mobile in ADDRESSES:
        found[label], _created = DeliveryAddress.objects.get_or_create(
            organisation=organisations[key],
            label=label,
            defaults={
                "first_name": contact,
                "phone_number": f"+86{mobile}",
                "district_id": district,
                "street": street,
                "line1": line1,
                "country_id": "CN",
            },
        )
    return found


#: The canteen's weekly vegetables and staples: (name, ISO weekdays, [(SKU, quantity)]).
STANDING_ORDER = ("每周一、四 蔬菜和主食", [1, 4], [("WF0802", 20), ("WF0804", 10)])


def _standing_order(canteen, kitchen, buyer):
    name, weekdays, lines = STANDING_ORDER
    if canteen.status != OrganisationStatus.VERIFIED or canteen.standing_orders.filter(name=name).exists():
        return
    records = {
        record.partner_sku: record for record in StockRecord.objects.filter(partner_sku__in=dict(lines))
    }
    standing_order_create(
        organisation=canteen,
        by=buyer,
        name=name,
        delivery_address=kitchen,
        weekdays=weekdays,
        lead_days=3,
        lines=[(records[sku].pk, quantity) for sku, quantity in lines],
        include_makeup_workdays=True,
    )


def _orders(canteen, kitchen, users):
    if canteen.status != OrganisationStatus.VERIFIED:
        return
    buyer, approver = users["buyer@wenfu.cn"], users["approver@wenfu.cn"]
    existing = set(PurchaseOrder.objects.filter(organisation=canteen).values_list("note", flat=True))
    skus = {sku for _note, lines, _stage in ORDERS for sku, _quantity in lines}
    records = {record.partner_sku: record for record in StockRecord.objects.filter(partner_sku__in=skus)}
    delivery_date = timezone.localdate() + datetime.timedelta(days=5)
    for note, lines, stage in ORDERS:
        if note in existing:
            continue
        order = services.purchase_order_create(
            organisation=canteen,
            by=buyer,
            delivery_address=kitchen,
            delivery_date=delivery_date,
            lines=[(records[sku].pk, quantity) for sku, quantity in lines],
            note=note,
        )
        if stage == "draft":
            continue
        services.purchase_order_submit(purchase_order=order, by=buyer)
        if stage == "submitted":
            continue
        services.purchase_order_approve(purchase_order=order, by=approver, comment="同意，按时送达")
        if stage == "approved":
            continue
        for supplier_order in order.supplier_orders.select_related("partner"):
            staff = supplier_order.partner.users.first() or users["operator@wenfu.cn"]
            services.supplier_order_confirm(supplier_order=supplier_order, by=staff)
            for parcel in supplier_order.order.parcels.all():
                # 送货上门: the cooperative's own delivery note stands for the tracking number.
                fulfilment.parcel_ship(
                    parcel_id=parcel.pk,
                    user=staff,
                    carrier=Carrier.OTHER,
                    tracking_number=f"送货单{parcel.order.number}",
                )
        if stage == "shipped":
            continue
        for supplier_order in order.supplier_orders.all():
            services.supplier_order_receive(supplier_order=supplier_order, by=approver, receipts={})
