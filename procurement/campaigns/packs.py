"""Gift-pack campaigns (福利礼包): the union composes one to three packs of resettlement-area
products, each priced within the per-member amount; each member chooses one on a personal link
(and gives an address, unless the union has every pack delivered to itself); the union orders
the chosen packs, which become its purchase orders — approved at once, split into supplier
orders of the cooperatives — and go through the procurement flow: the cooperatives confirm and
deliver, the union's 验收 files them in the ledger under the campaign, and the union settles
what was accepted.

Every rule is checked here and raises ``CampaignRefused`` or a ``ValidationError`` in Chinese;
nothing changes when one fails.
"""

from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from procurement.constants import PurchaseOrderState
from procurement.exceptions import NotPermitted, ProcurementError
from procurement.pricing import line_price, line_problems, orderable_stockrecords, quantity_problem
from procurement.services import delivery_date_problem, gift_pack_order_place

from .models import Campaign, CampaignMode, CampaignStatus, GiftPack, GiftPackItem, PackChoice, PackDelivery
from .ranges import resettlement_area_products
from .services import CampaignRefused, beijing_today, welfare_manager_require

StockRecord = get_model("partner", "StockRecord")

#: A campaign offers at most this many packs to choose from.
MAX_PACKS = 3
#: A pack holds at most this many different products.
MAX_PACK_ITEMS = 6
#: Purchase-order states after which the packs of an order are on their way or there.
ORDERED_STATES = (PurchaseOrderState.APPROVED, PurchaseOrderState.CLOSED)


def pack_stockrecords():
    """What a pack may hold: stock records institutions may order whose product comes from the
    resettlement areas (the welfare vouchers' range), with product, partner and tiers loaded."""
    return orderable_stockrecords().filter(product__in=resettlement_area_products().values("pk"))


def pack_price(pack):
    """What one ``pack`` costs at its cooperatives' prices for its quantities (goods only; the
    delivery fee of each order is the union's, as on any purchase order)."""
    return sum(
        (line_price(item.stockrecord, item.quantity).unit_price * item.quantity for item in pack.items.all()),
        Decimal("0.00"),
    )


def packs_of(campaign):
    """``campaign``'s packs with their items, products, cooperatives and tier prices loaded."""
    return campaign.packs.prefetch_related(
        "items__stockrecord__product", "items__stockrecord__partner", "items__stockrecord__tier_prices"
    ).order_by("pk")


def _items_check(campaign, items):
    """``[(stockrecord id, quantity)]`` of a pack of ``campaign``, checked: resettlement-area
    products that can be ordered, each once, whole positive quantities of at least the minimum
    order, within stock, the pack's price within the per-member amount. Returns the pack's
    price; raises ``ValidationError`` listing every problem."""
    problems = []
    if not items:
        problems.append(_("礼包至少要有一种商品。"))
    if len(items) > MAX_PACK_ITEMS:
        problems.append(_("一个礼包最多 %(count)s 种商品。") % {"count": MAX_PACK_ITEMS})
    ids = [stockrecord_id for stockrecord_id, _quantity in items]
    records = pack_stockrecords().in_bulk(ids)
    orderable_ids = set(records)
    price = Decimal("0.00")
    if any(times > 1 for times in Counter(ids).values()):
        problems.append(_("同一商品出现了两次。"))
    for stockrecord_id, quantity in items:
        record = records.get(stockrecord_id)
        if record is None:
            problems.append(_("所选商品不是可采购的安置区特色产品。"))
            continue
        reason = quantity_problem(quantity) or line_problems(
            record, int(quantity), orderable_ids=orderable_ids
        )
        if reason:
            problems.append(f"{record.product.get_title()}：{reason}")
            continue
        price += line_price(record, int(quantity)).unit_price * int(quantity)
    if not problems and price > campaign.member_amount:
        problems.append(
            _("礼包价格 ¥%(price)s 超过每人金额 ¥%(amount)s。")
            % {"price": price, "amount": campaign.member_amount}
        )
    if problems:
        raise ValidationError({"items": problems})
    return price


def _draft_packs_require(campaign, by):
    welfare_manager_require(by, campaign.organisation)
    if campaign.mode != CampaignMode.GIFT_PACKS:
        raise CampaignRefused(_("这个活动发放的是电子券，没有礼包。"))
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignRefused(_("礼包链接已经发出，礼包不能再修改。"))


@transaction.atomic
def gift_pack_save(*, campaign, by, pack=None, name, description="", items):
    """Adds a pack to a draft gift-pack ``campaign`` (or changes ``pack``, one of its own) with
    ``items`` (``[(stockrecord id, quantity)]``). Refused above :data:`MAX_PACKS` packs."""
    campaign = Campaign.objects.select_for_update().select_related("organisation").get(pk=campaign.pk)
    _draft_packs_require(campaign, by)
    if pack is not None and pack.campaign_id != campaign.pk:
        raise NotPermitted
    if pack is None and campaign.packs.count() >= MAX_PACKS:
        raise CampaignRefused(_("一个活动最多 %(count)s 个礼包。") % {"count": MAX_PACKS})
    _items_check(campaign, items)
    pack = pack or GiftPack(campaign=campaign)
    pack.name, pack.description = name, description
    pack.full_clean()
    pack.save()
    pack.items.all().delete()
    GiftPackItem.objects.bulk_create(
        GiftPackItem(pack=pack, stockrecord_id=stockrecord_id, quantity=int(quantity))
        for stockrecord_id, quantity in items
    )
    return pack


def gift_pack_delete(*, campaign, by, pack):
    _draft_packs_require(campaign, by)
    if pack.campaign_id != campaign.pk:
        raise NotPermitted
    pack.delete()


# --- Starting: the personal links ---------------------------------------------------------------


def packs_start_problem(campaign):
    """Why a gift-pack ``campaign`` cannot be started, or None: no pack, a pack whose price rose
    above the per-member amount or whose product can no longer be ordered, or (delivered to
    the union) no address of the union's own."""
    packs = list(packs_of(campaign))
    if not packs:
        return _("请先组合至少一个礼包。")
    for pack in packs:
        try:
            _items_check(campaign, [(item.stockrecord_id, item.quantity) for item in pack.items.all()])
        except ValidationError as error:
            return _("礼包“%(name)s”：%(problem)s") % {
                "name": pack.name,
                "problem": "；".join(error.messages),
            }
    if campaign.pack_delivery == PackDelivery.UNIT:
        address = campaign.delivery_address
        if address is None or address.organisation_id != campaign.organisation_id or not address.is_active:
            return _("统一送到单位时，请选择本工会的一个收货地址。")
    return None


def pack_choices_create(campaign, members):
    """One choice (with its secret link) per member of ``members``."""
    PackChoice.objects.bulk_create(PackChoice(campaign=campaign, member=member) for member in members)


def pack_link(choice):
    return settings.SITE_URL.rstrip("/") + reverse("procurement:welfare-pack", kwargs={"token": choice.token})


# --- The member's choice ------------------------------------------------------------------------


def choice_open_problem(choice, *, today=None):
    """Why the member of ``choice`` cannot choose (or change) a pack now, or None."""
    campaign = choice.campaign
    today = today or beijing_today()
    if campaign.status == CampaignStatus.DRAFT or today < campaign.starts_on:
        return _("活动还没有开始，%(start)s 起可以选择礼包。") % {"start": campaign.starts_on}
    if campaign.status == CampaignStatus.ENDED or today > campaign.ends_on:
        return _("活动已经结束，不能再选择礼包。")
    if choice.purchase_order_id is not None:
        return _("您的礼包已经下单，不能再更改。")
    return None


@transaction.atomic
def pack_choose(*, choice, pack_id, address=None):
    """The member of ``choice`` (whoever holds its link) chooses the pack ``pack_id`` and, when
    packs go to the members, gives ``address`` (an unsaved ``DeliveryAddress`` a form checked).
    They may change both until the union orders it or the campaign ends."""
    choice = (
        PackChoice.objects.select_for_update(of=("self",))
        .select_related("campaign", "member", "address")
        .get(pk=choice.pk)
    )
    problem = choice_open_problem(choice)
    if problem:
        raise CampaignRefused(problem)
    pack = GiftPack.objects.filter(campaign=choice.campaign, pk=pack_id).first()
    if pack is None:
        raise CampaignRefused(_("请选择本活动的一个礼包。"))
    if choice.campaign.pack_delivery == PackDelivery.MEMBER:
        if address is None:
            raise CampaignRefused(_("请填写收货地址。"))
        if choice.address is not None:
            address.pk, address.id = choice.address.pk, choice.address.pk
        address.organisation = choice.campaign.organisation
        address.label = _("福利礼包·%(name)s") % {"name": choice.member.name}
        address.is_active = True
        address.save()
        choice.address = address
    choice.pack, choice.chosen_at = pack, timezone.now()
    choice.save(update_fields=["pack", "address", "chosen_at"])
    return choice


# --- Ordering the chosen packs ------------------------------------------------------------------


def _chosen_unordered(campaign):
    return campaign.pack_choices.filter(pack__isnull=False, purchase_order__isnull=True)


def pack_orders_request(*, campaign, by, delivery_date):
    """The union's 管理员 orders the packs chosen so far and not yet ordered, for delivery on
    ``delivery_date``; the orders are made by a Celery task (one per member when the packs go to
    the members). Returns the number of packs to order."""
    welfare_manager_require(by, campaign.organisation)
    if campaign.mode != CampaignMode.GIFT_PACKS or campaign.status == CampaignStatus.DRAFT:
        raise CampaignRefused(_("礼包链接发出后才能下单。"))
    problem = delivery_date_problem(delivery_date)
    if problem:
        raise CampaignRefused(problem)
    count = _chosen_unordered(campaign).count()
    if not count:
        raise CampaignRefused(_("没有待下单的礼包：会员选择后再下单。"))
    Campaign.objects.filter(pk=campaign.pk).update(packs_order_error="")
    from .tasks import pack_orders_place_task

    transaction.on_commit(
        lambda: pack_orders_place_task.delay(campaign.pk, by.pk, delivery_date.isoformat()), robust=True
    )
    return count


def _refusal_text(error):
    """A refusal with the lines it names, in one sentence for the campaign page."""
    problems = getattr(error, "problems", None) or []
    details = "；".join(f"{label}：{reason}" for label, reason in problems)
    return f"{error.message}{'（' + details + '）' if details else ''}"[:500]


def _pack_lines(packs, counts):
    """``[(stockrecord id, quantity)]`` of ``counts`` (``{pack id: how many}``) of ``packs``."""
    totals = Counter()
    for pack_id, count in counts.items():
        for item in packs[pack_id].items.all():
            totals[item.stockrecord_id] += item.quantity * count
    return sorted(totals.items())


def _orders_place(campaign, by, delivery_date):
    choices = list(
        _chosen_unordered(campaign)
        .select_for_update(of=("self",))
        .select_related("member", "address")
        .order_by("pk")
    )
    if not choices:
        return 0
    packs = {pack.pk: pack for pack in packs_of(campaign)}
    for pack_id in {choice.pack_id for choice in choices}:
        # A cooperative may have raised a price since the links went out.
        if pack_price(packs[pack_id]) > campaign.member_amount:
            raise CampaignRefused(
                _("礼包“%(name)s”现价 ¥%(price)s，超过每人金额 ¥%(amount)s，请联系合作社。")
                % {
                    "name": packs[pack_id].name,
                    "price": pack_price(packs[pack_id]),
                    "amount": campaign.member_amount,
                }
            )
    if campaign.pack_delivery == PackDelivery.UNIT:
        lines = _pack_lines(packs, Counter(choice.pack_id for choice in choices))
        purchase_order = gift_pack_order_place(
            campaign=campaign,
            by=by,
            delivery_address=campaign.delivery_address,
            delivery_date=delivery_date,
            lines=lines,
            note=_("%(name)s：%(count)s 份礼包") % {"name": campaign.name, "count": len(choices)},
        )
        PackChoice.objects.filter(pk__in=[choice.pk for choice in choices]).update(
            purchase_order=purchase_order
        )
        return len(choices)
    for choice in choices:
        choice.purchase_order = gift_pack_order_place(
            campaign=campaign,
            by=by,
            delivery_address=choice.address,
            delivery_date=delivery_date,
            lines=_pack_lines(packs, {choice.pack_id: 1}),
            note=_("%(name)s：%(member)s的%(pack)s")
            % {"name": campaign.name, "member": choice.member.name, "pack": packs[choice.pack_id].name},
        )
    PackChoice.objects.bulk_update(choices, ["purchase_order"])
    return len(choices)


def pack_orders_place(*, campaign, by, delivery_date):
    """Orders the chosen packs of ``campaign`` not yet ordered: all or none. When a rule refuses
    (stock short, a product no longer orderable, the date), nothing is ordered and the reason is
    kept on the campaign for its page. Returns the number of packs ordered."""
    try:
        with transaction.atomic():
            campaign = (
                Campaign.objects.select_for_update(of=("self",))
                .select_related("organisation", "delivery_address")
                .get(pk=campaign.pk)
            )
            welfare_manager_require(by, campaign.organisation)
            return _orders_place(campaign, by, delivery_date)
    except ProcurementError as error:
        Campaign.objects.filter(pk=campaign.pk).update(packs_order_error=_refusal_text(error))
        return 0
