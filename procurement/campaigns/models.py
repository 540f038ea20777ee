"""A union's welfare campaigns (工会福利活动).

The union keeps a **roster** of its members (姓名、手机号、部门、工号). A campaign gives each
active member one e-voucher (电子券) worth the campaign's per-member amount: an Oscar voucher of
the campaign's ``VoucherSet``, single use, held by the member's mobile (only the account that
logs in with it may use it), valid from the first to the last day of the campaign (Beijing
time) and only on resettlement-area products (the campaign offer's range). The member spends it
in an ordinary checkout and pays any rest with Alipay; the ledger files the voucher's part of
each line under the union.

A campaign of **gift packs** (福利礼包) instead offers one to three packs the union composed of
resettlement-area products. Each member gets a personal link, chooses a pack and, unless the union
has every pack delivered to its own address, gives an address; the union then orders the chosen
packs, which become purchase orders (and so supplier orders of the cooperatives) of the union.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.users.validators import validate_mainland_mobile

MONEY = {"max_digits": 12, "decimal_places": 2}
#: The most a union gives one member per campaign unless the operator sets its own cap: Hubei's
#: 2021 rule for buying poverty-area products with union welfare funds.
DEFAULT_MEMBER_CAP = Decimal("500.00")


class Holiday(models.TextChoices):
    NEW_YEAR = "new_year", _("元旦")
    SPRING_FESTIVAL = "spring", _("春节")
    LANTERN = "lantern", _("元宵节")
    LABOUR_DAY = "labour", _("劳动节")
    DRAGON_BOAT = "dragon_boat", _("端午节")
    MID_AUTUMN = "mid_autumn", _("中秋节")
    NATIONAL_DAY = "national", _("国庆节")
    OTHER = "other", _("其他")


class CampaignMode(models.TextChoices):
    VOUCHERS = "vouchers", _("电子券")
    GIFT_PACKS = "gift_packs", _("福利礼包")


class PackDelivery(models.TextChoices):
    #: Each member gives their own address on their personal link: one purchase order each.
    MEMBER = "member", _("寄到会员填写的地址")
    #: Every pack goes to one of the union's delivery addresses: one purchase order in all.
    UNIT = "unit", _("统一送到单位")


class CampaignStatus(models.TextChoices):
    #: Being prepared: nothing has been sent.
    DRAFT = "draft", _("未发放")
    #: Vouchers issued and sent; members can use them between the first and the last day.
    RUNNING = "running", _("进行中")
    #: Past its last day: unused vouchers expired, the settlement is what was redeemed.
    ENDED = "ended", _("已结束")


class UnionWelfarePolicy(models.Model):
    """The operator's settings for one union: the most it may give a member per campaign."""

    organisation = models.OneToOneField(
        "procurement.Organisation",
        verbose_name=_("工会"),
        on_delete=models.CASCADE,
        related_name="welfare_policy",
    )
    member_cap = models.DecimalField(
        _("每人每次上限（元）"), default=DEFAULT_MEMBER_CAP, validators=[MinValueValidator(0)], **MONEY
    )

    class Meta:
        verbose_name = _("工会福利标准")
        verbose_name_plural = _("工会福利标准")

    def __str__(self):
        return f"{self.organisation} · {self.member_cap}"


class UnionMember(models.Model):
    """One person on a union's roster (会员名册)."""

    organisation = models.ForeignKey(
        "procurement.Organisation",
        verbose_name=_("工会"),
        on_delete=models.CASCADE,
        related_name="union_members",
    )
    name = models.CharField(_("姓名"), max_length=50)
    mobile = models.CharField(_("手机号"), max_length=11, validators=[validate_mainland_mobile])
    department = models.CharField(_("部门"), max_length=100, blank=True)
    staff_number = models.CharField(_("工号"), max_length=30, blank=True)
    is_active = models.BooleanField(_("在册"), default=True)
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("工会会员")
        verbose_name_plural = _("工会会员")
        ordering = ["department", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "mobile"], name="one_member_per_mobile")
        ]

    def __str__(self):
        return f"{self.name}（{self.mobile}）"


class Campaign(models.Model):
    organisation = models.ForeignKey(
        "procurement.Organisation",
        verbose_name=_("工会"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    name = models.CharField(_("活动名称"), max_length=100)
    holiday = models.CharField(_("节日"), max_length=20, choices=Holiday.choices)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    member_amount = models.DecimalField(
        _("每人金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    budget = models.DecimalField(_("预算（元）"), validators=[MinValueValidator(0)], **MONEY)
    mode = models.CharField(
        _("方式"), max_length=12, choices=CampaignMode.choices, default=CampaignMode.VOUCHERS
    )
    pack_delivery = models.CharField(
        _("礼包配送"), max_length=10, choices=PackDelivery.choices, default=PackDelivery.MEMBER
    )
    #: Where every pack goes when ``pack_delivery`` is ``UNIT``.
    delivery_address = models.ForeignKey(
        "procurement.DeliveryAddress",
        verbose_name=_("单位收货地址"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Why the last ordering of the chosen packs failed (stock short …), for the union to see.
    packs_order_error = models.CharField(_("礼包下单失败原因"), max_length=500, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    #: The Oscar offer every voucher of the campaign carries, and the set they belong to.
    offer = models.OneToOneField(
        "offer.ConditionalOffer", null=True, blank=True, on_delete=models.PROTECT, related_name="campaign"
    )
    voucher_set = models.OneToOneField(
        "voucher.VoucherSet", null=True, blank=True, on_delete=models.PROTECT, related_name="campaign"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发放人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_at = models.DateTimeField(_("发放时间"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工会福利活动")
        verbose_name_plural = _("工会福利活动")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_period",
                violation_error_message=_("结束日期不能早于开始日期。"),
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.name}"


class CampaignGrant(models.Model):
    """One member's share of a campaign: their voucher, and when its code went out."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="grants"
    )
    member = models.ForeignKey(
        UnionMember, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="grants"
    )
    voucher = models.OneToOneField(
        "voucher.Voucher", verbose_name=_("电子券"), on_delete=models.PROTECT, related_name="campaign_grant"
    )
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    #: Why the code could not be sent (no SMS service, the provider refused …), for the union.
    send_error = models.CharField(_("发送失败原因"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("福利券发放")
        verbose_name_plural = _("福利券发放")
        ordering = ["campaign", "member__department", "member__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "member"], name="one_grant_per_member")]

    def __str__(self):
        return f"{self.campaign} · {self.member}"


class GiftPack(models.Model):
    """One of a campaign's one to three packs (福利礼包): products and their quantities."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="packs"
    )
    name = models.CharField(_("礼包名称"), max_length=50)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("福利礼包")
        verbose_name_plural = _("福利礼包")
        ordering = ["campaign", "pk"]

    def __str__(self):
        return self.name


class GiftPackItem(models.Model):
    pack = models.ForeignKey(GiftPack, verbose_name=_("礼包"), on_delete=models.CASCADE, related_name="items")
    stockrecord = models.ForeignKey(
        "partner.StockRecord", verbose_name=_("商品"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("数量"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("礼包商品")
        verbose_name_plural = _("礼包商品")
        ordering = ["pack", "pk"]
        constraints = [models.UniqueConstraint(fields=["pack", "stockrecord"], name="one_item_per_product")]

    def __str__(self):
        return f"{self.pack} · {self.stockrecord_id} × {self.quantity}"


class PackChoice(models.Model):
    """One member's share of a gift-pack campaign: their personal link (``token``), the pack they
    chose, where it goes, and the purchase order it was bought with."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="pack_choices"
    )
    member = models.ForeignKey(
        UnionMember, verbose_name=_("会员"), on_delete=models.PROTECT, related_name="pack_choices"
    )
    #: The secret of the member's personal link; whoever holds it chooses for the member.
    token = models.UUIDField(_("链接"), default=uuid.uuid4, unique=True, editable=False)
    pack = models.ForeignKey(
        GiftPack,
        verbose_name=_("所选礼包"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: The member's own address (a delivery address of the union kept out of its address book).
    address = models.OneToOneField(
        "procurement.DeliveryAddress",
        verbose_name=_("收货地址"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pack_choice",
    )
    chosen_at = models.DateTimeField(_("选择时间"), null=True, blank=True)
    purchase_order = models.ForeignKey(
        "procurement.PurchaseOrder",
        verbose_name=_("采购单"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pack_choices",
    )
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    send_error = models.CharField(_("发送失败原因"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("礼包选择")
        verbose_name_plural = _("礼包选择")
        ordering = ["campaign", "member__department", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="one_pack_choice_per_member")
        ]

    def __str__(self):
        return f"{self.campaign} · {self.member}"
