"""Running a union's welfare campaign: the roster, the campaign, its vouchers, their codes on
the members' phones, the reminder before the end and the end itself.

Every rule is checked here, not only in the forms, and raises ``CampaignRefused`` (or a
``ValidationError`` per field) with a Chinese message; nothing is changed when one fails.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.voucher.utils import generate_code
from oscar.core.loading import get_model

from procurement.constants import OrganisationKind, Role
from procurement.exceptions import NotPermitted, ProcurementError
from procurement.selectors import LEDGER_TIME_ZONE, organisation_can_order, user_has_role
from shop.sms.exceptions import SmsNotSent
from shop.sms.services import sms_send

from .models import (
    DEFAULT_MEMBER_CAP,
    Campaign,
    CampaignGrant,
    CampaignMode,
    CampaignStatus,
    PackDelivery,
    UnionMember,
)
from .ranges import resettlement_range

Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")
VoucherSet = get_model("voucher", "VoucherSet")
User = get_model("users", "User")

#: Members hear from us this many days before a campaign's last day, if they have not used it.
REMINDER_DAYS = 3
CODE_LENGTH = 12


class CampaignRefused(ProcurementError):
    default_message = _("不能执行此操作。")


def welfare_manager_require(user, organisation):
    """Only the union's 管理员 (or an operator) runs its roster and campaigns."""
    if organisation.kind != OrganisationKind.UNION:
        raise CampaignRefused(_("只有工会可以开展福利活动。"))
    if not user_has_role(user, organisation, Role.ADMIN):
        raise NotPermitted


def member_cap(organisation):
    """The most ``organisation`` may give one member per campaign (the operator's setting, else
    the Hubei rule of ¥500)."""
    policy = getattr(organisation, "welfare_policy", None)
    return policy.member_cap if policy is not None else DEFAULT_MEMBER_CAP


def beijing_today():
    return timezone.localdate(timezone.now(), LEDGER_TIME_ZONE)


def period_bounds(campaign):
    """The first and the last moment of ``campaign``'s days, in Beijing time."""
    start = datetime.datetime.combine(campaign.starts_on, datetime.time.min, tzinfo=LEDGER_TIME_ZONE)
    end = datetime.datetime.combine(campaign.ends_on, datetime.time.max, tzinfo=LEDGER_TIME_ZONE)
    return start, end


# --- The roster ---------------------------------------------------------------------------------


def member_save(*, organisation, by, member=None, name, mobile, department="", staff_number=""):
    """Adds a member to ``organisation``'s roster, or changes ``member`` (one of its own)."""
    welfare_manager_require(by, organisation)
    if member is not None and member.organisation_id != organisation.pk:
        raise NotPermitted
    taken = UnionMember.objects.filter(organisation=organisation, mobile=mobile)
    if member is not None:
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        raise ValidationError({"mobile": _("名册中已有手机号为 %(mobile)s 的会员。") % {"mobile": mobile}})
    member = member or UnionMember(organisation=organisation)
    member.name, member.mobile = name, mobile
    member.department, member.staff_number = department, staff_number
    member.full_clean()
    member.save()
    return member


def member_active_set(*, member, by, active):
    """Takes ``member`` off the roster (or back on): later campaigns leave them out; a voucher
    already sent stays theirs."""
    welfare_manager_require(by, member.organisation)
    member.is_active = active
    member.save(update_fields=["is_active"])
    return member


@transaction.atomic
def roster_import(*, organisation, by, rows):
    """Adds or updates the roster from checked ``rows`` (``RosterRow``): a mobile already on the
    roster gets the row's name, department and number; returns ``(added, updated)``."""
    welfare_manager_require(by, organisation)
    existing = {member.mobile: member for member in UnionMember.objects.filter(organisation=organisation)}
    added, updated = [], []
    for row in rows:
        member = existing.get(row.mobile)
        if member is None:
            added.append(UnionMember(organisation=organisation, **row.fields()))
            continue
        for field, value in row.fields().items():
            setattr(member, field, value)
        member.is_active = True
        updated.append(member)
    UnionMember.objects.bulk_create(added)
    UnionMember.objects.bulk_update(updated, ["name", "department", "staff_number", "is_active"])
    return len(added), len(updated)


# --- Campaigns ----------------------------------------------------------------------------------


def campaign_problems(
    *, organisation, starts_on, ends_on, member_amount, campaign=None, mode=CampaignMode.VOUCHERS
):
    """``{field: message}`` of what is wrong with a campaign of ``organisation`` with these
    dates and amount: a start after the end, a last day already past, an amount above the
    union's cap, or a period overlapping another of its campaigns of the same ``mode`` (a member
    would hold two vouchers that cannot be used together, or two links to choose a pack on; a
    pack to choose beside a voucher to spend is no clash)."""
    problems = {}
    if starts_on and ends_on and starts_on > ends_on:
        problems["ends_on"] = _("结束日期不能早于开始日期。")
    elif ends_on and ends_on < beijing_today():
        problems["ends_on"] = _("结束日期已经过去了。")
    elif starts_on and ends_on:
        overlapping = Campaign.objects.filter(
            organisation=organisation, mode=mode, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        if campaign is not None:
            overlapping = overlapping.exclude(pk=campaign.pk)
        other = overlapping.first()
        if other is not None:
            problems["starts_on"] = _("与本工会的“%(name)s”（%(start)s 至 %(end)s）时间重叠。") % {
                "name": other.name,
                "start": other.starts_on,
                "end": other.ends_on,
            }
    cap = member_cap(organisation)
    if member_amount is not None and member_amount > cap:
        problems["member_amount"] = _("每人金额不能超过本工会的上限 ¥%(cap)s。") % {"cap": cap}
    return problems


def _delivery_problems(organisation, campaign, fields):
    """What is wrong with how a campaign's gift packs would be delivered: to the union, one of its
    own delivery addresses; a campaign whose packs are composed stays a gift-pack campaign."""
    problems = {}
    mode = fields.get("mode", CampaignMode.VOUCHERS)
    if mode == CampaignMode.GIFT_PACKS and fields.get("pack_delivery") == PackDelivery.UNIT:
        address = fields.get("delivery_address")
        if address is None or address.organisation_id != organisation.pk or not address.is_active:
            problems["delivery_address"] = _("统一送到单位时，请选择本工会的一个收货地址。")
    if mode == CampaignMode.VOUCHERS and campaign is not None and campaign.packs.exists():
        problems["mode"] = _("已经组合了礼包：请先删除礼包，再改为电子券。")
    return problems


def campaign_save(*, organisation, by, campaign=None, **fields):
    """Creates a campaign of ``organisation`` (or changes ``campaign`` while it is not yet
    sent) from ``fields`` (name, holiday, starts_on, ends_on, member_amount, budget, and mode,
    pack_delivery, delivery_address)."""
    welfare_manager_require(by, organisation)
    if campaign is not None and (campaign.organisation_id != organisation.pk):
        raise NotPermitted
    if campaign is not None and campaign.status != CampaignStatus.DRAFT:
        raise CampaignRefused(_("福利券已经发放，活动不能再修改。"))
    problems = campaign_problems(
        organisation=organisation,
        starts_on=fields["starts_on"],
        ends_on=fields["ends_on"],
        member_amount=fields["member_amount"],
        campaign=campaign,
        mode=fields.get("mode", CampaignMode.VOUCHERS),
    )
    problems.update(_delivery_problems(organisation, campaign, fields))
    if problems:
        raise ValidationError(problems)
    campaign = campaign or Campaign(organisation=organisation, created_by=by)
    for field, value in fields.items():
        setattr(campaign, field, value)
    campaign.full_clean()
    campaign.save()
    return campaign


def _offer_create(campaign, start, end):
    """The Oscar offer of ``campaign``: ``member_amount`` off resettlement-area products, once
    per basket, for a basket holding at least one of them."""
    products = resettlement_range()
    return ConditionalOffer.objects.create(
        name=f"工会福利 #{campaign.pk}：{campaign.organisation}·{campaign.name}",
        description=_("%(union)s%(name)s福利券，可购买安置区特色产品，不找零、不兑现。")
        % {"union": campaign.organisation, "name": campaign.name},
        offer_type=ConditionalOffer.VOUCHER,
        condition=Condition.objects.create(range=products, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=products, type=Benefit.FIXED, value=campaign.member_amount),
        max_basket_applications=1,
        exclusive=True,
        start_datetime=start,
        end_datetime=end,
    )


def _unused_codes(count):
    """``count`` new voucher codes (XXXX-XXXX-XXXX, no 0/O or 1/I), none already taken."""
    codes = set()
    while len(codes) < count:
        fresh = {generate_code(CODE_LENGTH) for _n in range(count - len(codes))}
        codes |= fresh - set(Voucher.objects.filter(code__in=fresh).values_list("code", flat=True))
    return sorted(codes)


@transaction.atomic
def campaign_start(*, campaign, by):
    """发放: one voucher per active member (or, for gift packs, one personal link), in bulk, and
    their codes (links) sent once this commits.

    Refused unless the campaign is a draft of a verified union, its last day is not past, its
    roster has members and the budget covers them all."""
    campaign = Campaign.objects.select_for_update().select_related("organisation").get(pk=campaign.pk)
    organisation = campaign.organisation
    welfare_manager_require(by, organisation)
    if campaign.status != CampaignStatus.DRAFT:
        raise CampaignRefused(_("福利券已经发放过了。"))
    if not organisation_can_order(organisation):
        raise CampaignRefused(_("工会尚未通过平台认证（或已暂停），不能发放福利券。"))
    problems = campaign_problems(
        organisation=organisation,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        member_amount=campaign.member_amount,
        campaign=campaign,
        mode=campaign.mode,
    )
    if problems:
        raise CampaignRefused(" ".join(problems.values()))
    members = list(UnionMember.objects.filter(organisation=organisation, is_active=True).order_by("pk"))
    if not members:
        raise CampaignRefused(_("名册中还没有会员，请先导入或添加会员。"))
    needed = campaign.member_amount * len(members)
    if needed > campaign.budget:
        raise CampaignRefused(
            _("预算不足：%(count)s 名会员 × ¥%(amount)s = ¥%(needed)s，超过预算 ¥%(budget)s。")
            % {
                "count": len(members),
                "amount": campaign.member_amount,
                "needed": needed,
                "budget": campaign.budget,
            }
        )
    if campaign.mode == CampaignMode.GIFT_PACKS:
        from .packs import pack_choices_create, packs_start_problem

        problem = packs_start_problem(campaign)
        if problem:
            raise CampaignRefused(problem)
        pack_choices_create(campaign, members)
    else:
        _vouchers_issue(campaign, members)
    campaign.status, campaign.started_by, campaign.started_at = CampaignStatus.RUNNING, by, timezone.now()
    campaign.save(update_fields=["offer", "voucher_set", "status", "started_by", "started_at"])
    from .tasks import campaign_codes_send_task

    transaction.on_commit(lambda: campaign_codes_send_task.delay(campaign.pk), robust=True)
    return campaign


def _vouchers_issue(campaign, members):
    """The campaign's offer, its voucher set and one voucher per member of ``members``, in bulk."""
    organisation = campaign.organisation
    start, end = period_bounds(campaign)
    offer = _offer_create(campaign, start, end)
    voucher_set = VoucherSet.objects.create(
        name=f"工会福利 #{campaign.pk}：{organisation}·{campaign.name}",
        count=len(members),
        code_length=CODE_LENGTH,
        description=offer.description,
        start_datetime=start,
        end_datetime=end,
    )
    vouchers = Voucher.objects.bulk_create(
        Voucher(
            name=f"{campaign.name}福利券 #{campaign.pk}-{member.pk}",
            code=code,
            usage=Voucher.SINGLE_USE,
            start_datetime=start,
            end_datetime=end,
            voucher_set=voucher_set,
            holder_mobile=member.mobile,
            stand_alone=True,
        )
        for member, code in zip(members, _unused_codes(len(members)), strict=True)
    )
    Voucher.offers.through.objects.bulk_create(
        Voucher.offers.through(voucher_id=voucher.pk, conditionaloffer_id=offer.pk) for voucher in vouchers
    )
    CampaignGrant.objects.bulk_create(
        CampaignGrant(campaign=campaign, member=member, voucher=voucher)
        for member, voucher in zip(members, vouchers, strict=True)
    )
    campaign.offer, campaign.voucher_set = offer, voucher_set


def _member_account(mobile):
    return User.objects.filter(mobile=mobile, is_active=True).first()


def _share_text(share, *, reminder=False):
    """The text of a member's voucher code (a grant) or gift-pack link (a choice)."""
    campaign = share.campaign
    context = {"share": share, "campaign": campaign, "union": campaign.organisation, "reminder": reminder}
    if campaign.mode == CampaignMode.GIFT_PACKS:
        from .packs import pack_link

        context["link"] = pack_link(share)
        return render_to_string("procurement/campaigns/messages/pack_link.txt", context).strip()
    return render_to_string("procurement/campaigns/messages/code.txt", context).strip()


def _share_notify(share, *, reminder=False):
    """Texts a member their code or link (``share``: a grant or a pack choice), and e-mails it
    to the account that logs in with their mobile if that account has an e-mail address.
    Returns the SMS error, or ""."""
    text = _share_text(share, reminder=reminder)
    account = _member_account(share.member.mobile)
    if account is not None and account.email:
        subject = _("【稳富】%(union)s%(name)s%(kind)s") % {
            "union": share.campaign.organisation,
            "name": share.campaign.name,
            "kind": _("福利礼包") if share.campaign.mode == CampaignMode.GIFT_PACKS else _("福利券"),
        }
        send_mail(subject, text, None, [account.email], fail_silently=True)
    try:
        sms_send(mobile=share.member.mobile, text=text)
    except SmsNotSent as error:
        return str(error.message)
    return ""


def _shares(campaign):
    """Each member's share of ``campaign``: their grants (vouchers) or pack choices."""
    if campaign.mode == CampaignMode.GIFT_PACKS:
        return campaign.pack_choices.select_related("member", "campaign__organisation")
    return campaign.grants.select_related("member", "voucher", "campaign__organisation")


def campaign_codes_send(campaign):
    """Sends each member of ``campaign`` whose code (or link) has not gone out yet; a member the
    SMS service could not reach keeps the reason for the union to see (and can be sent again
    later). Returns the number sent."""
    sent = 0
    for share in _shares(campaign).filter(sent_at__isnull=True):
        share.send_error = _share_notify(share)
        if not share.send_error:
            share.sent_at = timezone.now()
            sent += 1
        share.save(update_fields=["send_error", "sent_at"])
    return sent


def _unused_shares(campaign):
    """The members who have not used their voucher (or chosen a pack) yet."""
    if campaign.mode == CampaignMode.GIFT_PACKS:
        return _shares(campaign).filter(pack__isnull=True)
    return _shares(campaign).filter(voucher__applications__isnull=True)


def campaign_reminders_send(today=None):
    """Reminds the members of campaigns ending in :data:`REMINDER_DAYS` days (or fewer, for a
    day the task did not run) who have not used their voucher or chosen their pack; once per
    campaign. Returns the number of members reminded."""
    today = today or beijing_today()
    reminded = 0
    due = Campaign.objects.filter(
        status=CampaignStatus.RUNNING,
        reminded_at__isnull=True,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    )
    for campaign in due:
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update(skip_locked=True).filter(pk=campaign.pk).first()
            if campaign is None or campaign.reminded_at is not None:
                continue
            for share in _unused_shares(campaign):
                if not _share_notify(share, reminder=True):
                    share.reminded_at = timezone.now()
                    share.save(update_fields=["reminded_at"])
                    reminded += 1
            campaign.reminded_at = timezone.now()
            campaign.save(update_fields=["reminded_at"])
    return reminded


def campaigns_end(today=None):
    """Ends the campaigns whose last day has passed: their vouchers stopped working at the end
    of that day (the vouchers' own end time); what was redeemed is what the union settles.
    Returns the campaigns ended."""
    today = today or beijing_today()
    ended = []
    for campaign in Campaign.objects.filter(status=CampaignStatus.RUNNING, ends_on__lt=today):
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update(skip_locked=True).filter(pk=campaign.pk).first()
            if campaign is None or campaign.status != CampaignStatus.RUNNING:
                continue
            campaign.status, campaign.ended_at = CampaignStatus.ENDED, timezone.now()
            campaign.save(update_fields=["status", "ended_at"])
            ended.append(campaign)
    return ended


def campaign_budget_needed(campaign):
    """What sending every active member a voucher would take."""
    count = UnionMember.objects.filter(organisation=campaign.organisation, is_active=True).count()
    return campaign.member_amount * count, count
