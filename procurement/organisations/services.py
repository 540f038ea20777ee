"""Writes of organisations: registration and resubmission, the operator's verification
(approve, reject, suspend, reinstate), members and invitations, delivery addresses and settings.

Every service checks the actor's role with ``procurement.selectors`` (operators act for every
organisation) and raises a ``ProcurementError`` with a Chinese message when a rule refuses;
then nothing was changed. Status changes go through ``procurement.workflow.transition_apply``,
which records who, when and why as an ``OrganisationEvent``.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.users.roles import is_operator

from ..constants import (
    CREDIT_CODE_PREFIXES,
    INVITATION_DAYS,
    OrganisationKind,
    OrganisationStatus,
    PurchaseOrderState,
    Role,
)
from ..exceptions import NotPermitted, ProcurementError
from ..models import DeliveryAddress, Invitation, Membership, Organisation, OrganisationEvent, PurchaseOrder
from ..services import role_require
from ..workflow import transition_apply
from .selectors import admin_count, can_manage_addresses

logger = logging.getLogger(__name__)

#: The roles a registrant holds in the organisation they register.
REGISTRANT_ROLES = [Role.ADMIN.value, Role.BUYER.value]

#: Organisation fields the 管理员 may change at any time (the rest need the operator once verified).
SETTINGS_FIELDS = (
    "contact_name",
    "contact_mobile",
    "contact_email",
    "bank_name",
    "bank_account",
    "annual_target",
    "annual_food_budget",
    "target_share",
    "auto_approve_below",
    "publish_amounts",
)


# --- Credit codes -------------------------------------------------------------------------------


def credit_code_problem(*, kind, credit_code, organisation=None):
    """Why ``credit_code`` (already GB 32100-valid) cannot register an organisation of ``kind``,
    or None: its registration-authority prefix must fit the kind (``CREDIT_CODE_PREFIXES``) and
    no other organisation than ``organisation`` may have it."""
    prefixes = CREDIT_CODE_PREFIXES.get(kind, ())
    if credit_code[:2] not in prefixes:
        return _(
            "统一社会信用代码以 %(prefix)s 开头，与单位类型“%(kind)s”不符："
            "%(kind)s的代码应以 %(prefixes)s 开头。请核对代码或单位类型。"
        ) % {"prefix": credit_code[:2], "kind": OrganisationKind(kind).label, "prefixes": "、".join(prefixes)}
    taken = Organisation.objects.filter(credit_code=credit_code)
    if organisation is not None and organisation.pk:
        taken = taken.exclude(pk=organisation.pk)
    if taken.exists():
        return credit_code_taken_message()
    return None


def credit_code_taken_message():
    return _("该统一社会信用代码已经注册过采购单位。如果您是该单位的工作人员，请联系单位管理员邀请您加入。")


def _credit_code_check(organisation):
    problem = credit_code_problem(
        kind=organisation.kind, credit_code=organisation.credit_code, organisation=organisation
    )
    if problem:
        raise ProcurementError(problem)


def _save_unique(organisation, **kwargs):
    # Two registrations of one code at the same moment both pass the check; the unique index decides.
    try:
        with transaction.atomic():
            organisation.save(**kwargs)
    except IntegrityError as error:
        raise ProcurementError(credit_code_taken_message()) from error


# --- Registration -------------------------------------------------------------------------------


@transaction.atomic
def organisation_register(*, by, organisation, addresses):
    """Saves the new ``organisation`` (an unsaved, form-checked instance) as 待审核 with its
    delivery ``addresses`` (unsaved instances, at least one) and makes ``by`` its 管理员 and
    采购员. The organisation cannot order until an operator verifies it.

    Raises ``ProcurementError`` for a credit code that does not fit the kind or is already
    registered, or for no address.
    """
    if not addresses:
        raise ProcurementError(_("请至少填写一个收货地址（如食堂后厨）。"))
    organisation.credit_code = organisation.credit_code.strip().upper()
    _credit_code_check(organisation)
    organisation.created_by = by
    _save_unique(organisation)
    for address in addresses:
        address.organisation = organisation
        address.save()
    Membership.objects.create(organisation=organisation, user=by, roles=list(REGISTRANT_ROLES))
    OrganisationEvent.objects.create(
        organisation=organisation,
        from_status="",
        to_status=OrganisationStatus.PENDING,
        actor=by,
        comment=_("提交注册"),
    )
    return organisation


@transaction.atomic
def organisation_resubmit(*, organisation, by):
    """Saves the details an 管理员 ``by`` corrected on the rejected ``organisation`` (changed in
    memory by a form) and sends it back to the operator (未通过 → 待审核).

    Raises ``NotPermitted`` (not its 管理员), ``TransitionRefused`` (not rejected), or
    ``ProcurementError`` for a credit code that does not fit the kind or is taken.
    """
    role_require(by, organisation, Role.ADMIN)
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if current.status != OrganisationStatus.REJECTED:
        raise ProcurementError(_("只有未通过审核的单位可以修改后重新提交。"))
    organisation.credit_code = organisation.credit_code.strip().upper()
    _credit_code_check(organisation)
    organisation.status_reason = ""
    try:
        with transaction.atomic():
            transition_apply(organisation, "resubmit", actor=by, comment=_("修改资料后重新提交"))
    except IntegrityError as error:
        raise ProcurementError(credit_code_taken_message()) from error
    return organisation


# --- Operator verification ----------------------------------------------------------------------


def _operator_require(user):
    if not is_operator(user):
        raise NotPermitted(_("只有平台运营人员可以审核采购单位。"))


def _reason_require(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise ProcurementError(_("请填写%(what)s。") % {"what": what})
    return reason[:200]


def _locked_for_decision(organisation, by, *, status=None):
    _operator_require(by)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if status is not None and locked.status != status:
        raise ProcurementError(
            _("该单位当前状态是“%(status)s”，不能执行此操作。") % {"status": locked.get_status_display()}
        )
    return locked


def _decide(locked, name, *, by, reason=""):
    locked.status_reason = reason
    transition_apply(locked, name, actor=by, comment=reason, update_fields=["status_reason"])
    return locked


@transaction.atomic
def organisation_verify(*, organisation, by, comment=""):
    """认证通过: the operator ``by`` verifies the 待审核 ``organisation``, which may order from now.

    Raises ``NotPermitted`` (not an operator) or ``TransitionRefused`` (not awaiting review,
    e.g. verified in another tab a moment ago).
    """
    locked = _locked_for_decision(organisation, by, status=OrganisationStatus.PENDING)
    return _decide(locked, "verify", by=by, reason=(comment or "").strip()[:200])


@transaction.atomic
def organisation_reject(*, organisation, by, reason):
    """认证未通过: the operator ``by`` rejects the 待审核 ``organisation`` with ``reason``, which its
    管理员 sees and may answer by correcting the details and resubmitting.

    Raises ``NotPermitted``, ``ProcurementError`` (no reason) or ``TransitionRefused``.
    """
    reason = _reason_require(reason, _("驳回原因"))
    return _decide(_locked_for_decision(organisation, by), "reject", by=by, reason=reason)


@transaction.atomic
def organisation_suspend(*, organisation, by, reason):
    """暂停: the operator ``by`` suspends the verified ``organisation`` with ``reason``; it can
    place no new orders (orders under way continue).

    Raises ``NotPermitted``, ``ProcurementError`` (no reason) or ``TransitionRefused``.
    """
    reason = _reason_require(reason, _("暂停原因"))
    return _decide(_locked_for_decision(organisation, by), "suspend", by=by, reason=reason)


@transaction.atomic
def organisation_reinstate(*, organisation, by, comment=""):
    """恢复: the operator ``by`` lifts the suspension of ``organisation`` (已暂停 → 已认证).

    Raises ``NotPermitted`` or ``ProcurementError`` (not suspended).
    """
    locked = _locked_for_decision(organisation, by, status=OrganisationStatus.SUSPENDED)
    return _decide(locked, "verify", by=by, reason=(comment or _("恢复采购资格")).strip()[:200])


# --- Settings -----------------------------------------------------------------------------------


@transaction.atomic
def organisation_settings_save(*, organisation, by, **values):
    """Saves the 管理员 ``by``'s ``values`` of ``SETTINGS_FIELDS`` on ``organisation`` (contact,
    bank details, yearly target, the auto-approval amount, whether the impact page may name it
    with its amount). The name, kind and credit code are
    not among them: once verified only the operator changes those.

    Raises ``NotPermitted`` (not its 管理员) or ``ProcurementError`` (an unknown field, a
    negative amount, or neither a target amount nor a budget).
    """
    role_require(by, organisation, Role.ADMIN)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise ProcurementError(
            _("这些信息不能在设置中修改：%(fields)s") % {"fields": "、".join(sorted(unknown))}
        )
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    for name, value in values.items():
        setattr(locked, name, value)
    if locked.yearly_target is None:
        raise ProcurementError(_("请填写年度采购目标金额，或年度食材预算和比例。"))
    if (locked.auto_approve_below or 0) < 0:
        raise ProcurementError(_("免审批金额不能为负数。"))
    locked.save(update_fields=list(values))
    return locked


# --- Members and invitations --------------------------------------------------------------------


def _roles_clean(roles):
    roles = set(roles or ())
    if roles - set(Role.values):
        raise ProcurementError(
            _("角色无效：%(roles)s") % {"roles": "、".join(sorted(roles - set(Role.values)))}
        )
    if not roles:
        raise ProcurementError(_("请至少选择一个角色。"))
    return [role for role in Role.values if role in roles]


def invitation_url(invitation):
    """The absolute link an invitee opens (on ``SITE_URL``, never the request's Host)."""
    path = reverse("procurement:invitation-accept", kwargs={"token": invitation.token})
    return settings.SITE_URL.rstrip("/") + path


def invitation_email_send(invitation_id):
    """Sends the invitation ``invitation_id`` to its e-mail address (if any and still open)."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.email or invitation.accepted_at:
        return 0
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "roles": "、".join(str(Role(role).label) for role in invitation.roles),
        "url": invitation_url(invitation),
    }
    subject = " ".join(
        render_to_string("procurement/organisations/email/invitation_subject.txt", context).split()
    )
    body = render_to_string("procurement/organisations/email/invitation_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


@transaction.atomic
def membership_invite(*, organisation, by, roles, mobile="", email=""):
    """Invites someone by ``mobile`` or ``email`` (at least one) to join ``organisation`` with
    ``roles``: an ``Invitation`` whose link expires after ``INVITATION_DAYS`` days. With an
    e-mail address the link is e-mailed once the transaction commits; no SMS is sent (no
    provider is configured), the 管理员 passes the link on.

    Raises ``NotPermitted`` (``by`` is not its 管理员) or ``ProcurementError`` (no contact, no
    or an unknown role, the e-mail of a member).
    """
    role_require(by, organisation, Role.ADMIN)
    mobile, email = (mobile or "").strip(), (email or "").strip().lower()
    if not (mobile or email):
        raise ProcurementError(_("请填写被邀请人的手机号或邮箱。"))
    if email and Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ProcurementError(_("使用该邮箱的用户已经是本单位成员，可以直接修改其角色。"))
    invitation = Invitation.objects.create(
        organisation=organisation,
        mobile=mobile,
        email=email,
        roles=_roles_clean(roles),
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    if email:
        invitation_id = invitation.pk
        transaction.on_commit(lambda: invitation_email_send(invitation_id), robust=True)
    return invitation


@transaction.atomic
def invitation_is_for(invitation, user):
    """Whether ``user``'s account has the mobile or the e-mail ``invitation`` was sent to: a
    forwarded or leaked link gives nobody else the roles it carries."""
    by_mobile = bool(invitation.mobile) and invitation.mobile == (user.mobile or "")
    by_email = bool(invitation.email) and invitation.email.lower() == (user.email or "").lower()
    return by_mobile or by_email


def invitee_masked(invitation):
    """The invited mobile or e-mail with its middle hidden (139****3333, co***@example.cn)."""
    if invitation.mobile:
        return f"{invitation.mobile[:3]}****{invitation.mobile[-4:]}"
    name, _at, domain = invitation.email.partition("@")
    return f"{name[:2]}***@{domain}"


def invitation_accept(*, invitation, by):
    """``by`` accepts ``invitation`` and joins its organisation with its roles; the invitation
    is used up. Returns the new membership.

    Raises ``ProcurementError`` when the invitation was used or has expired, ``by`` already
    belongs to the organisation (then the invitation stays open for its invitee), or ``by``'s
    account has neither the mobile nor the e-mail it was sent to.
    """
    locked = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ProcurementError(_("这个邀请链接已经被使用过了。如需加入，请联系单位管理员重新邀请。"))
    if locked.expires_at <= timezone.now():
        raise ProcurementError(_("这个邀请链接已过期。请联系单位管理员重新邀请。"))
    if Membership.objects.filter(organisation=locked.organisation, user=by).exists():
        raise ProcurementError(_("你已经是%(org)s的成员，无需再次加入。") % {"org": locked.organisation.name})
    if not invitation_is_for(locked, by):
        raise ProcurementError(
            _("这个邀请是发给 %(to)s 的。请用该手机号或邮箱的账号登录（或注册）后再接受。")
            % {"to": invitee_masked(locked)}
        )
    membership = Membership.objects.create(
        organisation=locked.organisation, user=by, roles=list(locked.roles)
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = by
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _last_admin_check(membership, *, keeps_admin):
    if membership.has_role(Role.ADMIN) and not keeps_admin and admin_count(membership.organisation) <= 1:
        raise ProcurementError(_("单位至少要有一位管理员：请先把管理员角色交给另一位成员。"))


def _membership_lock(membership):
    # Every membership of the organisation is locked, so two admins demoting each other at
    # the same moment cannot leave it with none.
    rows = Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id)
    return {row.pk: row for row in rows}[membership.pk]


@transaction.atomic
def membership_roles_set(*, membership, by, roles):
    """Gives ``membership`` exactly ``roles`` (its 管理员 ``by`` decides).

    Raises ``NotPermitted``, or ``ProcurementError`` (no role, or it would take 管理员 from the
    last one).
    """
    role_require(by, membership.organisation, Role.ADMIN)
    roles = _roles_clean(roles)
    locked = _membership_lock(membership)
    _last_admin_check(locked, keeps_admin=Role.ADMIN.value in roles)
    locked.roles = roles
    locked.save(update_fields=["roles"])
    return locked


@transaction.atomic
def membership_remove(*, membership, by):
    """Removes ``membership`` from its organisation (its 管理员 ``by`` decides); what the member
    did (orders, approvals) stays recorded under their name.

    Raises ``NotPermitted``, or ``ProcurementError`` for the last 管理员.
    """
    role_require(by, membership.organisation, Role.ADMIN)
    locked = _membership_lock(membership)
    _last_admin_check(locked, keeps_admin=False)
    locked.delete()


# --- Delivery addresses -------------------------------------------------------------------------


def _address_role_require(user, organisation):
    if not can_manage_addresses(user, organisation):
        raise NotPermitted(_("只有单位管理员或采购员可以管理收货地址。"))


@transaction.atomic
def delivery_address_save(*, organisation, by, address):
    """Saves ``address`` (new or edited, checked by a form) as a delivery address of
    ``organisation``. An address an order already went to is not edited (the order would then
    show a place it was not sent to): add a new one and deactivate the old.

    Raises ``NotPermitted`` (not 管理员 or 采购员) or ``ProcurementError``.
    """
    _address_role_require(by, organisation)
    if address.pk:
        if address.organisation_id != organisation.pk:
            raise NotPermitted
        used = PurchaseOrder.objects.filter(delivery_address_id=address.pk).exclude(
            state=PurchaseOrderState.DRAFT
        )
        if used.exists():
            raise ProcurementError(
                _("该地址已用于提交过的采购单，不能修改。请新增一个地址，再停用这个地址。")
            )
    address.organisation = organisation
    address.save()
    return address


@transaction.atomic
def delivery_address_deactivate(*, address, by):
    """Stops offering ``address`` for new orders (it is never deleted: orders keep pointing at it).

    Raises ``NotPermitted``, or ``ProcurementError`` while an active standing order delivers there.
    """
    _address_role_require(by, address.organisation)
    locked = DeliveryAddress.objects.select_for_update().get(pk=address.pk)
    if locked.standing_orders.filter(is_active=True).exists():
        raise ProcurementError(_("仍有启用中的定期采购送货到这个地址，请先修改或停用定期采购。"))
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    return locked


@transaction.atomic
def delivery_address_activate(*, address, by):
    """Offers the deactivated ``address`` for new orders again.

    Raises ``NotPermitted``.
    """
    _address_role_require(by, address.organisation)
    DeliveryAddress.objects.filter(pk=address.pk).update(is_active=True)
    address.is_active = True
    return address
