"""Gift-pack campaigns (福利礼包): the union composes packs within the per-member amount, each
member chooses on a personal link, the union orders the chosen packs as purchase orders, the
cooperatives deliver, the union's 验收 files them in the ledger and the settlement under the
campaign."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import CooperativeProfile
from procurement import services as procurement
from procurement.campaigns import packs
from procurement.campaigns.models import CampaignMode, CampaignStatus, GiftPack, PackChoice, PackDelivery
from procurement.constants import OrganisationKind, PurchaseOrderSource, PurchaseOrderState, Role
from procurement.ledger.models import LedgerChannel, LedgerEntry
from procurement.models import PurchaseOrder
from shop.order import fulfilment
from shop.sms.models import OutboxMessage
from tests.catalog.dashboard.helpers import cooperative
from tests.factories import ProductFactory
from tests.procurement.campaigns.conftest import campaign_make
from tests.procurement.conftest import address_make, member, organisation_make
from tests.shop.address.conftest import SUIXIAN


def pack_post(client, union, campaign, items, name="山珍礼包", pack=None):
    data = {"name": name, "description": "香菇木耳各一袋"}
    for row, (record, quantity) in enumerate(items):
        data[f"item_{row}"], data[f"quantity_{row}"] = str(record.pk), str(quantity)
    client.force_login(union.admin)
    url = (
        reverse("procurement:welfare-pack-update", args=[campaign.pk, pack.pk])
        if pack
        else reverse("procurement:welfare-pack-create", args=[campaign.pk])
    )
    return client.post(url, data)


def record_of(product):
    return product.stockrecords.get()


@pytest.fixture
def pack_campaign(union, shelves):
    """A draft gift-pack campaign of ¥200 a member, packs sent to the members' own addresses."""
    return campaign_make(
        union, name="2027年春节福利", mode=CampaignMode.GIFT_PACKS, member_amount=Decimal("200.00")
    )


def started(client, union, campaign, roster, count, django_capture_on_commit_callbacks, *, items):
    """``campaign`` with one pack of ``items`` and ``count`` members, its links sent."""
    members = roster(count)
    pack = packs.gift_pack_save(
        campaign=campaign,
        by=union.admin,
        name="山珍礼包",
        items=[(record.pk, units) for record, units in items],
    )
    client.force_login(union.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("procurement:welfare-campaign", args=[campaign.pk]), {"action": "start"})
    campaign.refresh_from_db()
    return members, pack


def link_of(mobile):
    text = OutboxMessage.objects.get(mobile=mobile).text
    return re.search(r"http://\S+/procurement/welfare/pack/[0-9a-f-]+/", text).group(0)


def choose(link, pack, **address):
    return Client().post(urlsplit(link).path, {"pack": str(pack.pk)} | address, follow=True)


@pytest.mark.django_db
def test_a_pack_is_composed_of_resettlement_products_within_the_amount(client, union, pack_campaign, shelves):
    response = pack_post(
        client, union, pack_campaign, [(record_of(shelves.shiitake), 2), (record_of(shelves.wood_ear), 1)]
    )

    assert response.status_code == 302
    pack = pack_campaign.packs.get()
    assert packs.pack_price(pack) == Decimal("178.50")
    page = client.get(reverse("procurement:welfare-campaign", args=[pack_campaign.pk])).content.decode()
    assert "山珍礼包" in page and "¥178.50" in page and "随州花菇 500g × 2" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("units", "message"),
    [
        (3, "礼包价格 ¥204.00 超过每人金额 ¥200.00。"),
        (-1, "确保该值大于或等于1"),
        (2000, "库存不足"),
    ],
)
def test_a_pack_out_of_the_rules_is_refused(client, union, pack_campaign, shelves, units, message):
    response = pack_post(client, union, pack_campaign, [(record_of(shelves.shiitake), units)])

    assert response.status_code == 400
    assert message in response.content.decode().replace("\u3002", "。")
    assert not GiftPack.objects.exists()


@pytest.mark.django_db
def test_a_product_outside_the_resettlement_areas_cannot_go_in_a_pack(client, union, pack_campaign):
    partner, _user = cooperative("武汉某贸易公司", "trade@example.cn")
    CooperativeProfile.objects.create(
        partner=partner, legal_name="武汉某贸易公司", credit_code="91420106MA4K000010"
    )
    outside = ProductFactory(title="进口坚果礼盒", stockrecord__partner=partner, stockrecord__price="99.00")

    response = pack_post(client, union, pack_campaign, [(record_of(outside), 1)])

    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert not GiftPack.objects.exists()
    with pytest.raises(ValidationError, match="不是可采购的安置区特色产品"):
        packs.gift_pack_save(
            campaign=pack_campaign, by=union.admin, name="礼包", items=[(record_of(outside).pk, 1)]
        )


@pytest.mark.django_db
def test_at_most_three_packs_and_only_the_unions_admin(client, union, pack_campaign, shelves, world):
    for n in range(3):
        assert (
            pack_post(
                client, union, pack_campaign, [(record_of(shelves.honey), 1)], name=f"礼包{n}"
            ).status_code
            == 302
        )

    response = pack_post(client, union, pack_campaign, [(record_of(shelves.honey), 1)], name="第四个")

    assert "一个活动最多 3 个礼包。" in response.content.decode()
    assert pack_campaign.packs.count() == 3
    client.force_login(union.finance)
    assert (
        client.post(reverse("procurement:welfare-pack-create", args=[pack_campaign.pk]), {}).status_code
        == 403
    )
    other = organisation_make("随县教育局工会", kind=OrganisationKind.UNION, prefix="81", serial=8)
    stranger = member(other, "other-union@example.cn", Role.ADMIN)
    client.force_login(stranger)
    assert client.get(reverse("procurement:welfare-pack-create", args=[pack_campaign.pk])).status_code == 404


@pytest.mark.django_db
def test_members_choose_on_their_links_and_each_pack_becomes_a_purchase_order(
    client, union, pack_campaign, roster, shelves, world, eager_celery, django_capture_on_commit_callbacks
):
    receiver = member(union.organisation, "gonghui-yanshou@example.cn", Role.RECEIVER)
    shiitake, wood_ear = record_of(shelves.shiitake), record_of(shelves.wood_ear)
    members, pack = started(
        client,
        union,
        pack_campaign,
        roster,
        3,
        django_capture_on_commit_callbacks,
        items=[(shiitake, 2), (wood_ear, 1)],
    )
    assert pack_campaign.status == CampaignStatus.RUNNING
    assert PackChoice.objects.filter(campaign=pack_campaign).count() == 3
    link = link_of(members[0].mobile)
    assert "请打开链接选择礼包并填写收货地址" in OutboxMessage.objects.get(mobile=members[0].mobile).text

    page = Client().get(urlsplit(link).path)
    assert page.status_code == 200 and "山珍礼包" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    response = choose(link, pack, **SUIXIAN)
    assert "已收到您的选择" in response.content.decode()

    client.force_login(union.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("procurement:welfare-campaign", args=[pack_campaign.pk]),
            {
                "action": "order",
                "delivery_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            },
            follow=True,
        )

    assert "正在为 1 份已选择的礼包生成采购单" in response.content.decode()
    choice = PackChoice.objects.get(member=members[0])
    purchase_order = choice.purchase_order
    assert purchase_order.source == PurchaseOrderSource.GIFT_PACK and purchase_order.campaign == pack_campaign
    assert purchase_order.state == PurchaseOrderState.APPROVED
    assert purchase_order.delivery_address == choice.address and purchase_order.goods_total == Decimal(
        "178.50"
    )
    assert purchase_order.delivery_address.first_name == SUIXIAN["first_name"]
    # The member's address is the union's for this order only, not in its address book.
    assert purchase_order.delivery_address not in procurement_addresses(union)
    again = choose(link, pack, **SUIXIAN)
    assert "您的礼包已经下单，不能再更改。" in again.content.decode()

    supplier_order = purchase_order.supplier_orders.get()
    procurement.supplier_order_confirm(supplier_order=supplier_order, by=world.coop_a_user)
    for parcel in supplier_order.order.parcels.all():
        fulfilment.parcel_ship(
            parcel_id=parcel.pk, user=world.coop_a_user, carrier="sf", tracking_number="SF9"
        )
    supplier_order.refresh_from_db()
    line = supplier_order.lines.get(line__stockrecord=shiitake)
    procurement.supplier_order_receive(
        supplier_order=supplier_order, by=receiver, receipts={line.pk: (1, "破损", "")}
    )

    entries = LedgerEntry.objects.filter(campaign=pack_campaign)
    assert {entry.channel for entry in entries} == {LedgerChannel.WELFARE}
    assert sum(entry.amount for entry in entries) == Decimal("110.50")  # 1 × 68.00 + 42.50
    page = client.get(reverse("procurement:welfare-campaign", args=[pack_campaign.pk])).content.decode()
    assert 'data-figure="delivered">1<' in page and "¥110.50" in page
    assert 'data-figure="unchosen_amount">¥400.00<' in page
    assert "随县香菇专业合作社" in page


def procurement_addresses(union):
    from procurement.selectors import delivery_addresses_for

    return list(delivery_addresses_for(union.admin, union.organisation))


@pytest.mark.django_db
def test_packs_delivered_to_the_union_are_one_purchase_order(
    client, union, roster, shelves, eager_celery, django_capture_on_commit_callbacks
):
    office = address_make(union.organisation, "工会办公室")
    campaign = campaign_make(
        union,
        mode=CampaignMode.GIFT_PACKS,
        pack_delivery=PackDelivery.UNIT,
        delivery_address=office,
        member_amount=Decimal("200.00"),
    )
    members, pack = started(
        client,
        union,
        campaign,
        roster,
        3,
        django_capture_on_commit_callbacks,
        items=[(record_of(shelves.honey), 2)],
    )
    assert "礼包统一送到单位" in OutboxMessage.objects.get(mobile=members[0].mobile).text
    for each in members[:2]:
        assert "已收到您的选择" in choose(link_of(each.mobile), pack).content.decode()

    client.force_login(union.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement:welfare-campaign", args=[campaign.pk]),
            {
                "action": "order",
                "delivery_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            },
        )

    purchase_order = PurchaseOrder.objects.get(campaign=campaign)
    assert purchase_order.delivery_address == office
    assert [(line.product_id, line.quantity) for line in purchase_order.lines.all()] == [
        (shelves.honey.pk, 4)
    ]
    assert PackChoice.objects.filter(purchase_order=purchase_order).count() == 2


@pytest.mark.django_db
def test_an_order_short_of_stock_orders_nothing_and_says_why(
    client, union, pack_campaign, roster, shelves, eager_celery, django_capture_on_commit_callbacks
):
    honey = record_of(shelves.honey)
    members, pack = started(
        client, union, pack_campaign, roster, 2, django_capture_on_commit_callbacks, items=[(honey, 2)]
    )
    for each in members:
        choose(link_of(each.mobile), pack, **SUIXIAN)
    honey.num_in_stock = 3
    honey.save()

    client.force_login(union.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("procurement:welfare-campaign", args=[pack_campaign.pk]),
            {
                "action": "order",
                "delivery_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            },
        )

    assert not PurchaseOrder.objects.filter(campaign=pack_campaign).exists()
    assert not PackChoice.objects.filter(purchase_order__isnull=False).exists()
    page = client.get(reverse("procurement:welfare-campaign", args=[pack_campaign.pk])).content.decode()
    assert "上次下单没有成功" in page and "库存" in page


@pytest.mark.django_db
def test_a_link_cannot_choose_another_campaigns_pack_or_after_the_end(
    client, union, pack_campaign, roster, shelves, eager_celery, django_capture_on_commit_callbacks
):
    members, pack = started(
        client,
        union,
        pack_campaign,
        roster,
        1,
        django_capture_on_commit_callbacks,
        items=[(record_of(shelves.honey), 1)],
    )
    other = campaign_make(
        union,
        name="端午节福利",
        mode=CampaignMode.GIFT_PACKS,
        starts_on=pack_campaign.ends_on + datetime.timedelta(days=1),
        ends_on=pack_campaign.ends_on + datetime.timedelta(days=5),
    )
    foreign = packs.gift_pack_save(
        campaign=other, by=union.admin, name="别的礼包", items=[(record_of(shelves.honey).pk, 1)]
    )
    link = link_of(members[0].mobile)

    response = choose(link, foreign, **SUIXIAN)

    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode()
    assert PackChoice.objects.get().pack is None
    assert Client().get("/procurement/welfare/pack/00000000-0000-4000-8000-000000000000/").status_code == 404

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    pack_campaign.starts_on = pack_campaign.ends_on = yesterday
    pack_campaign.save()
    response = choose(link, pack, **SUIXIAN)
    assert "活动已经结束，不能再选择礼包。" in response.content.decode()
    assert PackChoice.objects.get().pack is None


@pytest.mark.django_db
def test_reminders_go_to_members_who_have_not_chosen(
    client, union, pack_campaign, roster, shelves, eager_celery, django_capture_on_commit_callbacks
):
    from procurement.campaigns import services

    members, pack = started(
        client,
        union,
        pack_campaign,
        roster,
        2,
        django_capture_on_commit_callbacks,
        items=[(record_of(shelves.honey), 1)],
    )
    choose(link_of(members[0].mobile), pack, **SUIXIAN)

    reminded = services.campaign_reminders_send(today=pack_campaign.ends_on - datetime.timedelta(days=3))

    assert reminded == 1
    texts = OutboxMessage.objects.filter(mobile=members[1].mobile).values_list("text", flat=True)
    assert any("您还没有选择" in text for text in texts)


@pytest.mark.django_db
def test_another_union_or_a_member_without_the_admin_role_cannot_order_the_packs(
    client, union, pack_campaign, roster, shelves, eager_celery, django_capture_on_commit_callbacks
):
    members, pack = started(
        client,
        union,
        pack_campaign,
        roster,
        1,
        django_capture_on_commit_callbacks,
        items=[(record_of(shelves.honey), 1)],
    )
    choose(link_of(members[0].mobile), pack, **SUIXIAN)
    order = {
        "action": "order",
        "delivery_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    }
    url = reverse("procurement:welfare-campaign", args=[pack_campaign.pk])
    other = organisation_make("随县教育局工会", kind=OrganisationKind.UNION, prefix="81", serial=8)

    client.force_login(member(other, "other-union@example.cn", Role.ADMIN))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, order).status_code == 404
    client.force_login(union.finance)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, order).status_code == 403

    assert not PurchaseOrder.objects.filter(campaign=pack_campaign).exists()
    assert PackChoice.objects.get().purchase_order is None
