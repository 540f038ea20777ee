"""Invoices and settlement of supplier orders after 验收.

The buyer's 财务 asks for an invoice of an accepted supplier order; its cooperative issues it
(number, date, the accepted total to the cent, the tax invoice's PDF), which makes the supplier
order 已开票. The 财务 then settles one or more invoiced supplier orders of one cooperative in a
settlement (结算单 ``JS…``): by 对公转账, recorded by the 财务 and confirmed by the cooperative,
or by Alipay page pay, whose verified notify is the proof of receipt. Once the money is
confirmed each supplier order is 已结算 then 已关闭, and its purchase order closes when nothing
of it is left open.

Every service checks who acts (``procurement.selectors``) and raises a ``ProcurementError``
with a Chinese message when a rule refuses; nothing is changed then.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.validators import pdf_upload_type
from shop.payments.constants import NoticeOutcome
from shop.payments.gateway import PayRequest, get_gateway

from .. import emails
from ..constants import InvoiceKind, InvoiceState, Role, SettlementMethod, SettlementState, SupplierOrderState
from ..exceptions import NotPermitted, TransitionRefused
from ..models import Invoice, Settlement, SupplierOrder
from ..selectors import user_has_role
from ..services import purchase_order_close_if_finished, role_require
from ..workflow import transition_apply
from .exceptions import BillingError

CENT = Decimal("0.01")
SETTLEMENT_PREFIX = "JS"
PAID_TRADE_STATUSES = ("TRADE_SUCCESS", "TRADE_FINISHED")


def _cooperative_staff_require(user, partner):
    if not partner.users.filter(pk=user.pk, is_active=True).exists():
        raise NotPermitted(_("只有%(partner)s的工作人员可以执行此操作。") % {"partner": partner.name})


# --- Invoices -----------------------------------------------------------------------------------


@transaction.atomic
def invoice_request(*, supplier_order, by, kind):
    """The 财务 ``by`` asks for an invoice of ``kind`` (``InvoiceKind``) for an accepted
    ``supplier_order``; creates the ``Invoice`` (待开票). A 增值税专用发票 needs the
    organisation's bank, account and credit code (纳税人识别号). Raises ``NotPermitted``,
    ``TransitionRefused`` (not accepted yet, or asked before) or ``BillingError``."""
    supplier_order = (
        SupplierOrder.objects.select_for_update().select_related("purchase_order").get(pk=supplier_order.pk)
    )
    organisation = supplier_order.purchase_order.organisation
    role_require(by, organisation, Role.FINANCE)
    if kind not in InvoiceKind.values:
        raise BillingError(_("请选择发票类型。"))
    if Invoice.objects.filter(supplier_order=supplier_order).exists():
        raise TransitionRefused(_("这张供货单已经申请过发票。"))
    if supplier_order.state != SupplierOrderState.ACCEPTED:
        raise TransitionRefused(
            _("供货单是“%(state)s”，验收后才能申请发票。") % {"state": supplier_order.get_state_display()}
        )
    if kind == InvoiceKind.SPECIAL and not (
        organisation.bank_name.strip() and organisation.bank_account.strip() and organisation.credit_code
    ):
        raise BillingError(
            _("开具增值税专用发票需要本单位的开户银行和银行账号，请先在“单位设置”中填写后再申请。")
        )
    return Invoice.objects.create(supplier_order=supplier_order, kind=kind, requested_by=by)


@transaction.atomic
def invoice_issue(*, invoice, by, number, issued_on, amount, pdf):
    """The cooperative's ``by`` issues ``invoice``: ``number``, ``issued_on`` (not in the
    future), ``amount`` (must equal the supplier order's accepted total to the cent) and the
    tax invoice ``pdf`` (an uploaded file, checked to be a PDF that parses). The invoice becomes
    已开票, its supplier order 已验收 → 已开票, and the organisation's 财务 get an e-mail.
    Raises ``NotPermitted`` (not that cooperative's staff), ``TransitionRefused`` or
    ``BillingError`` (missing number, a date ahead, another amount, no or a bad PDF)."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    supplier_order = (
        SupplierOrder.objects.select_for_update()
        .select_related("purchase_order__organisation", "partner")
        .get(pk=invoice.supplier_order_id)
    )
    _cooperative_staff_require(by, supplier_order.partner)
    if invoice.state != InvoiceState.REQUESTED or supplier_order.state != SupplierOrderState.ACCEPTED:
        raise TransitionRefused(_("这张发票已经开具，不能再开。"))
    number = (number or "").strip()
    if not number:
        raise BillingError(_("请填写发票号码。"))
    if issued_on is None or issued_on > timezone.localdate():
        raise BillingError(_("开票日期不能晚于今天。"))
    expected = supplier_order.accepted_total.quantize(CENT)
    if amount is None or Decimal(amount) != expected:
        raise BillingError(
            _("发票金额 ¥%(amount)s 与验收金额 ¥%(expected)s 不符，请按验收金额开票。")
            % {"amount": amount if amount is not None else "-", "expected": expected}
        )
    if not pdf:
        raise BillingError(_("请上传发票的 PDF 文件。"))
    try:
        pdf_upload_type(pdf)
    except ValidationError as error:
        raise BillingError(" ".join(error.messages)) from error
    invoice.number, invoice.issued_on, invoice.amount = number[:40], issued_on, expected
    invoice.issued_by, invoice.issued_at = by, timezone.now()
    invoice.pdf.save(pdf.name, pdf, save=False)
    transition_apply(invoice, "issue", actor=by)
    transition_apply(
        supplier_order,
        "invoice_issued",
        actor=by,
        comment=_("发票号码 %(number)s") % {"number": invoice.number},
    )
    organisation = supplier_order.purchase_order.organisation
    emails.email_later(
        emails.INVOICE_ISSUED,
        users=emails.members_with_role(organisation, Role.FINANCE),
        invoice=invoice,
    )
    return invoice


# --- Settlements --------------------------------------------------------------------------------


@transaction.atomic
def settlement_create(*, organisation, by, supplier_order_ids, method):
    """The 财务 ``by`` settles the invoiced supplier orders ``supplier_order_ids`` of
    ``organisation``, all of one cooperative, by ``method`` (``SettlementMethod``): a
    ``Settlement`` (待付款) numbered ``JS…`` whose amount is the sum of their accepted totals.
    Raises ``NotPermitted`` or ``BillingError`` (none chosen, another organisation's, not
    invoiced, already in a settlement, two cooperatives, no such method)."""
    role_require(by, organisation, Role.FINANCE)
    if method not in SettlementMethod.values:
        raise BillingError(_("请选择结算方式。"))
    ids = sorted({int(pk) for pk in supplier_order_ids})
    if not ids:
        raise BillingError(_("请至少选择一张已开票的供货单。"))
    chosen = list(
        SupplierOrder.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, purchase_order__organisation=organisation)
        .select_related("purchase_order", "partner", "order")
        .order_by("pk")
    )
    if len(chosen) != len(ids):
        raise BillingError(_("所选供货单中有不属于本单位的。"))
    for supplier_order in chosen:
        if supplier_order.state != SupplierOrderState.INVOICED:
            raise BillingError(
                _("供货单 %(number)s 是“%(state)s”，开票后才能结算。")
                % {"number": supplier_order.order.number, "state": supplier_order.get_state_display()}
            )
    if len({supplier_order.partner_id for supplier_order in chosen}) > 1:
        raise BillingError(_("一张结算单只能包含同一家合作社的供货单，请分别结算。"))
    taken = Settlement.objects.filter(supplier_orders__in=chosen).first()
    if taken is not None:
        raise BillingError(_("所选供货单已在结算单 %(number)s 中。") % {"number": taken.number})
    settlement = Settlement.objects.create(
        number=f"tmp-{timezone.now().timestamp()}-{by.pk}",
        organisation=organisation,
        partner=chosen[0].partner,
        amount=sum((supplier_order.accepted_total for supplier_order in chosen), Decimal("0.00")),
        method=method,
        created_by=by,
    )
    settlement.number = f"{SETTLEMENT_PREFIX}{timezone.localdate():%Y%m%d}{settlement.pk:06d}"
    settlement.save(update_fields=["number"])
    settlement.supplier_orders.set(chosen)
    return settlement


def _settlement_locked(settlement):
    return (
        Settlement.objects.select_for_update().select_related("organisation", "partner").get(pk=settlement.pk)
    )


def _paid_email(settlement):
    emails.email_later(
        emails.SETTLEMENT_PAID, users=emails.cooperative_staff(settlement.partner), settlement=settlement
    )


@transaction.atomic
def settlement_transfer_record(*, settlement, by, bank_reference):
    """The 财务 ``by`` records that ``settlement`` (对公转账) was paid with ``bank_reference``
    (the bank's transaction number): 待付款 → 已付款, and the cooperative is told by e-mail to
    confirm receipt. Raises ``NotPermitted``, ``TransitionRefused`` or ``BillingError``."""
    settlement = _settlement_locked(settlement)
    role_require(by, settlement.organisation, Role.FINANCE)
    if settlement.method != SettlementMethod.TRANSFER:
        raise BillingError(_("这张结算单用支付宝付款，不能登记转账。"))
    reference = (bank_reference or "").strip()
    if not reference:
        raise BillingError(_("请填写银行转账流水号。"))
    if len(reference) > 64:
        raise BillingError(_("银行流水号不能超过 64 个字符。"))
    settlement.bank_reference = reference
    settlement.paid_by, settlement.paid_at = by, timezone.now()
    transition_apply(settlement, "pay", actor=by)
    _paid_email(settlement)
    return settlement


def _supplier_orders_settle(settlement, *, actor):
    """Each supplier order of the confirmed ``settlement``: 已开票 → 已结算 → 已关闭; then its
    purchase order closes if nothing of it is left open."""
    comment = _("结算单 %(number)s") % {"number": settlement.number}
    supplier_orders = SupplierOrder.objects.select_for_update().filter(settlements=settlement).order_by("pk")
    purchase_orders = {}
    for supplier_order in supplier_orders:
        transition_apply(supplier_order, "settle", actor=actor, comment=comment)
        transition_apply(supplier_order, "close", actor=actor, comment=comment)
        purchase_orders[supplier_order.purchase_order_id] = supplier_order.purchase_order
    for purchase_order in purchase_orders.values():
        purchase_order_close_if_finished(purchase_order, actor=actor)


@transaction.atomic
def settlement_confirm(*, settlement, by):
    """The cooperative's ``by`` confirms the money of a paid ``settlement`` arrived: 已付款 →
    已确认收款, and its supplier orders are settled and closed. Raises ``NotPermitted`` or
    ``TransitionRefused``."""
    settlement = _settlement_locked(settlement)
    _cooperative_staff_require(by, settlement.partner)
    if settlement.state != SettlementState.PAID:
        raise TransitionRefused(
            _("结算单是“%(state)s”，不能确认收款。") % {"state": settlement.get_state_display()}
        )
    settlement.confirmed_by, settlement.confirmed_at = by, timezone.now()
    transition_apply(settlement, "confirm", actor=by)
    _supplier_orders_settle(settlement, actor=by)
    return settlement


# --- Alipay -------------------------------------------------------------------------------------


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def settlement_payment_url(*, settlement, by, phone=False):
    """Where the 财务 ``by`` pays ``settlement`` (支付宝, 待付款) on Alipay's cashier: the
    settlement number as ``out_trade_no``, its amount, and back to the settlement's page.
    Raises ``NotPermitted`` or ``BillingError``."""
    role_require(by, settlement.organisation, Role.FINANCE)
    if settlement.method != SettlementMethod.ALIPAY:
        raise BillingError(_("这张结算单用对公转账付款。"))
    if settlement.state != SettlementState.OPEN:
        raise BillingError(_("这张结算单已经付款。"))
    request = PayRequest(
        out_trade_no=settlement.number,
        total_amount=settlement.amount.quantize(CENT),
        subject=_("稳富结算单 %(number)s") % {"number": settlement.number},
        return_url=_absolute(reverse("procurement:settlement-detail", kwargs={"pk": settlement.pk})),
        notify_url=_absolute(reverse("payments:alipay-notify")),
    )
    gateway = get_gateway()
    return gateway.wap_pay_url(request) if phone else gateway.page_pay_url(request)


def _alipay_paid(settlement, *, trade_no):
    """Alipay's verified word that the money arrived: paid and confirmed at once, by Wenfu."""
    settlement.alipay_trade_no = trade_no[:64]
    settlement.paid_at = settlement.confirmed_at = timezone.now()
    transition_apply(settlement, "pay")
    transition_apply(settlement, "confirm")
    _supplier_orders_settle(settlement, actor=None)
    _paid_email(settlement)


@transaction.atomic
def settlement_notify_handle(notify):
    """Handles a verified Alipay notify of a settlement (``shop.payments.hooks``), under the
    settlement's lock: the amount must equal the settlement's to the cent, and a payment is
    recorded once (a repeated notify of the same trade changes nothing). Returns
    ``(NoticeOutcome, message)``."""
    settlement = (
        Settlement.objects.select_for_update()
        .select_related("organisation", "partner")
        .filter(number=notify.out_trade_no)
        .first()
    )
    if settlement is None or settlement.method != SettlementMethod.ALIPAY:
        return NoticeOutcome.REJECTED, _("没有这个支付宝结算单")
    if notify.total_amount is None or Decimal(notify.total_amount).quantize(CENT) != settlement.amount:
        return NoticeOutcome.REJECTED, _("金额与结算单不符")
    if notify.trade_status not in PAID_TRADE_STATUSES:
        return NoticeOutcome.IGNORED, notify.trade_status
    if settlement.state != SettlementState.OPEN:
        if settlement.alipay_trade_no == notify.trade_no:
            return NoticeOutcome.DUPLICATE, ""
        return NoticeOutcome.SECOND_PAYMENT, _("结算单 %(number)s 已付款，重复付款待退款") % {
            "number": settlement.number
        }
    _alipay_paid(settlement, trade_no=notify.trade_no)
    return NoticeOutcome.RECORDED, ""


def settlement_can_act(user, settlement):
    """What ``user`` may do with ``settlement`` on its page: ``pay`` (the buyer's 财务, while
    待付款) and ``confirm`` (the cooperative's staff, once a transfer is recorded)."""
    return {
        "pay": settlement.state == SettlementState.OPEN
        and user_has_role(user, settlement.organisation, Role.FINANCE),
        "confirm": settlement.state == SettlementState.PAID
        and settlement.partner.users.filter(pk=user.pk).exists(),
    }
