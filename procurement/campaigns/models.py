"""A union's welfare campaigns (工会福利活动).

The union keeps a **roster** of its members (姓名、手机号、部门、工号). A campaign gives each
active member one e-voucher (电子券) worth the campaign's per-member amount: an Oscar voucher of
the campaign's ``VoucherSet``, single use, held by the member's mobile (only the account that
logs in with it may use it), valid from the first to the last day of the campaign (Beijing
time) and only on resettlement-area products (the campaign offer's range). The member spends it
in an ordinary checkout and pays any rest with Alipay; the ledger files the voucher's part of
each line under the union.
"""

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
