"""Institutional procurement: buyer organisations and their members, purchase orders split into
one supplier order per cooperative (each an Oscar order of the institutional channel), 验收,
invoices, settlement, standing orders and quote requests.

States are django-fsm fields, ``protected`` so that nothing but a transition (``procurement.
workflow``) changes them; every transition is recorded as an event (who, when, from, to, comment).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from oscar.apps.address.abstract_models import AbstractShippingAddress

from catalog.uploads import CheckedDocumentField, RandomName, content_type_field, private_storage
from catalog.validators import validate_credit_code, validate_image_upload
from shop.address.abstract_models import ChinaAddressMixin
from shop.users.validators import validate_mainland_mobile

from .constants import (
    DEFAULT_TARGET_SHARE,
    SUPPLIER_ORDER_OPEN_STATES,
    DeliveryMethod,
    ImportJobState,
    InvoiceKind,
    InvoiceState,
    OrganisationKind,
    OrganisationStatus,
    PurchaseOrderSource,
    PurchaseOrderState,
    QuoteRequestState,
    Role,
    SettlementMethod,
    SettlementState,
    SupplierOrderState,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")


def _actor(verbose_name, related_name="+", null=True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


# --- Organisations ------------------------------------------------------------------------------


class Organisation(FSMModelMixin, models.Model):
    """A buyer organisation (采购单位): a canteen, a trade union, a supermarket …"""

    name = models.CharField(_("单位名称"), max_length=200)
    kind = models.CharField(_("单位类型"), max_length=20, choices=OrganisationKind.choices)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    invoice_title = models.CharField(_("发票抬头"), max_length=200)
    registered_address = models.CharField(_("注册地址"), max_length=200)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_mobile = models.CharField(_("联系电话"), max_length=11, validators=[validate_mainland_mobile])
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    bank_name = models.CharField(_("开户银行"), max_length=100, blank=True)
    bank_account = models.CharField(_("银行账号"), max_length=40, blank=True)
    #: The yearly purchase target: this amount, or ``annual_food_budget`` × ``target_share``.
    annual_target = models.DecimalField(_("年度采购目标（元）"), null=True, blank=True, **MONEY)
    annual_food_budget = models.DecimalField(_("年度食材预算（元）"), null=True, blank=True, **MONEY)
    target_share = models.DecimalField(
        _("预算中采购安置区产品的比例"), max_digits=4, decimal_places=3, default=DEFAULT_TARGET_SHARE
    )
    #: Orders whose total is below this are approved when submitted (0: every order needs approval).
    auto_approve_below = models.DecimalField(_("免审批金额（元）"), default=0, **MONEY)
    #: Whether the public impact page (/impact/) may name this organisation with its year's amount;
    #: without it, its purchases are only in the totals.
    publish_amounts = models.BooleanField(
        _("在消费帮扶成效页公开本单位的采购金额"),
        default=False,
        help_text=_("不勾选时，本单位的采购只计入全县合计，不单独列出。"),
    )
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.PENDING,
        protected=True,
        db_index=True,
    )
    status_reason = models.CharField(_("审核意见"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("注册时间"), auto_now_add=True)
    created_by = _actor(_("注册人"))

    class Meta:
        verbose_name = _("采购单位")
        verbose_name_plural = _("采购单位")
        ordering = ["name"]

    def __str__(self):
        return self.name

    # Transitions (bodies are empty: ``procurement.workflow.transition_apply`` records and saves).
    @transition(
        status,
        source=[OrganisationStatus.PENDING, OrganisationStatus.SUSPENDED],
        target=OrganisationStatus.VERIFIED,
    )
    def verify(self):
        """认证通过, or reinstated after a suspension."""

    @transition(status, source=OrganisationStatus.PENDING, target=OrganisationStatus.REJECTED)
    def reject(self):
        """认证未通过 (with a reason)."""

    @transition(status, source=OrganisationStatus.REJECTED, target=OrganisationStatus.PENDING)
    def resubmit(self):
        """The organisation corrected its details and asks again."""

    @transition(status, source=OrganisationStatus.VERIFIED, target=OrganisationStatus.SUSPENDED)
    def suspend(self):
        """暂停: no new orders; what is under way continues."""

    @property
    def taxpayer_id(self):
        """纳税人识别号: the unified social credit code."""
        return self.credit_code

    @property
    def yearly_target(self):
        """This year's purchase target in yuan, or None when neither amount nor budget is set."""
        if self.annual_target is not None:
            return self.annual_target
        if self.annual_food_budget is not None:
            return (self.annual_food_budget * self.target_share).quantize(CENT)
        return None


class OrganisationEvent(models.Model):
    """One verification step of an organisation (approve, reject, suspend …)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("原状态"), max_length=20, choices=OrganisationStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=OrganisationStatus.choices)
    actor = _actor(_("操作人"))
    comment = models.CharField(_("说明"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("单位审核记录")
        verbose_name_plural = _("单位审核记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.organisation} · {self.get_to_status_display()}"


class DeliveryAddress(ChinaAddressMixin, AbstractShippingAddress):
    """A place an organisation receives goods (a canteen's kitchen), with its receiving contact
    (``first_name`` and ``phone_number``, as on an order's shipping address)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="addresses"
    )
    label = models.CharField(_("名称"), max_length=50, help_text=_("如：一号食堂后厨。"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("收货地址")
        verbose_name_plural = _("收货地址")
        ordering = ["organisation", "label", "pk"]

    def __str__(self):
        return f"{self.label}（{self.summary}）"


class Membership(models.Model):
    """A user's place in an organisation, with the roles they hold there."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="procurement_memberships",
    )
    roles = models.JSONField(_("角色"), default=list, help_text=_("Role 的值的列表。"))
    joined_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("单位成员")
        verbose_name_plural = _("单位成员")
        ordering = ["organisation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.user}"

    def has_role(self, role):
        return Role(role).value in self.roles

    def get_roles_display(self):
        return "、".join(str(Role(role).label) for role in self.roles if role in Role.values)


class Invitation(models.Model):
    """An invitation to join an organisation with some roles, by a link that expires."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.UUIDField(_("邀请码"), default=uuid.uuid4, unique=True, editable=False)
    mobile = models.CharField(_("手机号"), max_length=11, blank=True, validators=[validate_mainland_mobile])
    email = models.EmailField(_("邮箱"), blank=True)
    roles = models.JSONField(_("角色"), default=list)
    invited_by = _actor(_("邀请人"))
    created_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有效期至"))
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)
    accepted_by = _actor(_("接受人"))

    class Meta:
        verbose_name = _("成员邀请")
        verbose_name_plural = _("成员邀请")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.mobile or self.email}"


class CooperativeDeliveryTerms(models.Model):
    """How a cooperative delivers institutional orders: its own 送货上门 within 随县 (free, or
    ``own_delivery_fee`` per delivery) and ``courier_fee`` per delivery outside it."""

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.CASCADE, related_name="delivery_terms"
    )
    own_delivery_fee = models.DecimalField(_("县内送货费（元/次）"), default=0, **MONEY)
    courier_fee = models.DecimalField(_("县外快递费（元/次）"), default=0, **MONEY)

    class Meta:
        verbose_name = _("机构配送条款")
        verbose_name_plural = _("机构配送条款")

    def __str__(self):
        return str(self.partner)


# --- Purchase orders ----------------------------------------------------------------------------


class PurchaseOrder(FSMModelMixin, models.Model):
    """采购单: what an organisation orders for one delivery address and date."""

    number = models.CharField(_("采购单号"), max_length=32, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.PROTECT, related_name="purchase_orders"
    )
    state = FSMField(
        _("状态"),
        max_length=20,
        choices=PurchaseOrderState.choices,
        default=PurchaseOrderState.DRAFT,
        protected=True,
        db_index=True,
    )
    source = models.CharField(
        _("来源"), max_length=10, choices=PurchaseOrderSource.choices, default=PurchaseOrderSource.FORM
    )
    delivery_address = models.ForeignKey(
        DeliveryAddress, verbose_name=_("收货地址"), on_delete=models.PROTECT, related_name="purchase_orders"
    )
    delivery_date = models.DateField(_("要求到货日期"))
    note = models.CharField(_("备注"), max_length=500, blank=True)
    created_by = _actor(_("创建人"), null=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    submitted_by = _actor(_("提交人"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decided_by = _actor(_("审批人"))
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    #: Goods total (tier prices × quantities) and delivery fees, fixed at submission.
    goods_total = models.DecimalField(_("货款"), default=0, **MONEY)
    delivery_total = models.DecimalField(_("配送费"), default=0, **MONEY)
    standing_order = models.ForeignKey(
        "procurement.StandingOrder",
        verbose_name=_("定期采购"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="purchase_orders",
    )
    #: The union welfare campaign whose gift packs this order buys (the ledger files it there).
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("工会福利活动"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="purchase_orders",
    )

    class Meta:
        verbose_name = _("采购单")
        verbose_name_plural = _("采购单")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A standing order makes one purchase order per delivery date, however often beat runs.
            models.UniqueConstraint(
                fields=["standing_order", "delivery_date"],
                condition=models.Q(standing_order__isnull=False),
                name="one_purchase_order_per_standing_date",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def total(self):
        return self.goods_total + self.delivery_total

    @transition(state, source=PurchaseOrderState.DRAFT, target=PurchaseOrderState.SUBMITTED)
    def submit(self):
        """提交审批."""

    @transition(state, source=PurchaseOrderState.REJECTED, target=PurchaseOrderState.DRAFT)
    def reopen(self):
        """A rejected order goes back to its buyer to be changed and submitted again."""

    @transition(state, source=PurchaseOrderState.SUBMITTED, target=PurchaseOrderState.APPROVED)
    def approve(self):
        """审批通过: split into supplier orders in the same transaction."""

    @transition(state, source=PurchaseOrderState.SUBMITTED, target=PurchaseOrderState.REJECTED)
    def reject(self):
        """驳回 (with a comment)."""

    @transition(
        state,
        source=[PurchaseOrderState.DRAFT, PurchaseOrderState.SUBMITTED, PurchaseOrderState.REJECTED],
        target=PurchaseOrderState.CANCELLED,
    )
    def cancel(self):
        """取消 before approval: nothing was allocated yet."""

    @transition(state, source=PurchaseOrderState.APPROVED, target=PurchaseOrderState.CLOSED)
    def close(self):
        """Every supplier order is closed or cancelled."""


class PurchaseOrderLine(models.Model):
    purchase_order = models.ForeignKey(
        PurchaseOrder, verbose_name=_("采购单"), on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("商品"), on_delete=models.PROTECT, related_name="+"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord", verbose_name=_("库存记录"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("数量"), validators=[MinValueValidator(1)])
    #: The tier (or quoted) price for ``quantity`` and the retail price, as of the last save.
    unit_price = models.DecimalField(_("采购单价"), **MONEY)
    retail_price = models.DecimalField(_("零售价"), **MONEY)
    quote_answer = models.ForeignKey(
        "procurement.QuoteAnswer",
        verbose_name=_("报价"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("采购单明细")
        verbose_name_plural = _("采购单明细")
        ordering = ["purchase_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["purchase_order", "stockrecord"], name="one_line_per_stockrecord")
        ]

    def __str__(self):
        return f"{self.purchase_order.number} · {self.product.get_title()} × {self.quantity}"

    @property
    def line_total(self):
        return self.unit_price * self.quantity

    @property
    def saving(self):
        """What the tier price saves against the retail price for this line."""
        return (self.retail_price - self.unit_price) * self.quantity


class SupplierOrder(FSMModelMixin, models.Model):
    """One cooperative's part of an approved purchase order. It owns an Oscar order of the
    institutional channel whose lines hold the stock, so the cooperative sees and ships it in
    its own dashboard order list like any other order."""

    purchase_order = models.ForeignKey(
        PurchaseOrder, verbose_name=_("采购单"), on_delete=models.PROTECT, related_name="supplier_orders"
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="supplier_orders"
    )
    order = models.OneToOneField(
        "order.Order", verbose_name=_("订单"), on_delete=models.PROTECT, related_name="supplier_order"
    )
    state = FSMField(
        _("状态"),
        max_length=20,
        choices=SupplierOrderState.choices,
        default=SupplierOrderState.AWAITING_CONFIRMATION,
        protected=True,
        db_index=True,
    )
    delivery_method = models.CharField(_("配送方式"), max_length=10, choices=DeliveryMethod.choices)
    delivery_fee = models.DecimalField(_("配送费"), default=0, **MONEY)
    confirm_reason = models.CharField(_("少供原因"), max_length=200, blank=True)
    #: Accepted quantities × line prices plus the delivery fee, fixed at 验收: what is invoiced and settled.
    accepted_total = models.DecimalField(_("验收金额"), null=True, blank=True, **MONEY)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("供货单")
        verbose_name_plural = _("供货单")
        ordering = ["purchase_order", "partner__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["purchase_order", "partner"], name="one_supplier_order_per_cooperative"
            )
        ]

    def __str__(self):
        return f"{self.purchase_order.number} · {self.partner.name}"

    @transition(state, source=SupplierOrderState.AWAITING_CONFIRMATION, target=SupplierOrderState.CONFIRMED)
    def confirm(self):
        """The cooperative confirms every line in full."""

    @transition(
        state, source=SupplierOrderState.AWAITING_CONFIRMATION, target=SupplierOrderState.SHORT_CONFIRMED
    )
    def confirm_short(self):
        """The cooperative can supply less (with a reason); the buyer decides."""

    @transition(state, source=SupplierOrderState.SHORT_CONFIRMED, target=SupplierOrderState.CONFIRMED)
    def accept_short(self):
        """The buyer accepts the smaller quantities."""

    @transition(state, source=list(SUPPLIER_ORDER_OPEN_STATES), target=SupplierOrderState.CANCELLED)
    def cancel(self):
        """取消 before shipping: the stock still held goes back."""

    @transition(state, source=SupplierOrderState.CONFIRMED, target=SupplierOrderState.SHIPPED)
    def ship(self):
        """Every parcel left (the shop's parcel tools)."""

    @transition(state, source=SupplierOrderState.SHIPPED, target=SupplierOrderState.DELIVERED)
    def deliver(self):
        """送达: the goods reached the delivery address."""

    @transition(state, source=SupplierOrderState.DELIVERED, target=SupplierOrderState.ACCEPTED)
    def accept(self):
        """验收: accepted and rejected quantities recorded per line."""

    # Not named ``invoice``: that is the reverse accessor of ``Invoice.supplier_order``.
    @transition(state, source=SupplierOrderState.ACCEPTED, target=SupplierOrderState.INVOICED)
    def invoice_issued(self):
        """The cooperative issued the tax invoice."""

    @transition(state, source=SupplierOrderState.INVOICED, target=SupplierOrderState.SETTLED)
    def settle(self):
        """The cooperative confirmed the money arrived."""

    @transition(state, source=SupplierOrderState.SETTLED, target=SupplierOrderState.CLOSED)
    def close(self):
        """Nothing is left to do."""


class SupplierOrderLine(models.Model):
    """What happened to one Oscar order line of a supplier order: confirmed, delivered, accepted."""

    supplier_order = models.ForeignKey(
        SupplierOrder, verbose_name=_("供货单"), on_delete=models.CASCADE, related_name="lines"
    )
    line = models.OneToOneField(
        "order.Line", verbose_name=_("订单明细"), on_delete=models.PROTECT, related_name="supplier_line"
    )
    purchase_order_line = models.OneToOneField(
        PurchaseOrderLine,
        verbose_name=_("采购单明细"),
        on_delete=models.PROTECT,
        related_name="supplier_line",
    )
    confirmed_quantity = models.PositiveIntegerField(_("确认数量"), null=True, blank=True)
    delivered_quantity = models.PositiveIntegerField(_("送达数量"), null=True, blank=True)
    accepted_quantity = models.PositiveIntegerField(_("验收合格数量"), null=True, blank=True)
    rejected_quantity = models.PositiveIntegerField(_("拒收数量"), default=0)
    rejection_reason = models.CharField(_("拒收原因"), max_length=200, blank=True)
    quality_note = models.CharField(_("质量说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("供货单明细")
        verbose_name_plural = _("供货单明细")
        ordering = ["supplier_order", "pk"]

    def __str__(self):
        return f"{self.supplier_order} · {self.line.title}"


class ReceiptPhoto(models.Model):
    """A photo the 验收员 took of a delivered line."""

    supplier_line = models.ForeignKey(
        SupplierOrderLine, verbose_name=_("供货单明细"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("照片"),
        upload_to=RandomName("receipts"),
        storage=private_storage,
        validators=[validate_image_upload],
    )
    uploaded_by = _actor(_("上传人"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("验收照片")
        verbose_name_plural = _("验收照片")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.supplier_line} · {self.pk}"


class TransitionEvent(models.Model):
    """One transition of a purchase order or of one of its supplier orders (the timeline)."""

    purchase_order = models.ForeignKey(
        PurchaseOrder, verbose_name=_("采购单"), on_delete=models.CASCADE, related_name="events"
    )
    supplier_order = models.ForeignKey(
        SupplierOrder,
        verbose_name=_("供货单"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_state = models.CharField(_("原状态"), max_length=20)
    to_state = models.CharField(_("新状态"), max_length=20)
    actor = _actor(_("操作人"))
    comment = models.CharField(_("说明"), max_length=500, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("状态记录")
        verbose_name_plural = _("状态记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


# --- Invoices and settlement --------------------------------------------------------------------


class Invoice(FSMModelMixin, models.Model):
    """The tax invoice of one supplier order: requested by the buyer's 财务, issued by the cooperative."""

    supplier_order = models.OneToOneField(
        SupplierOrder, verbose_name=_("供货单"), on_delete=models.PROTECT, related_name="invoice"
    )
    kind = models.CharField(_("发票类型"), max_length=10, choices=InvoiceKind.choices)
    state = FSMField(
        _("状态"),
        max_length=10,
        choices=InvoiceState.choices,
        default=InvoiceState.REQUESTED,
        protected=True,
        db_index=True,
    )
    requested_by = _actor(_("申请人"))
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    number = models.CharField(_("发票号码"), max_length=40, blank=True)
    issued_on = models.DateField(_("开票日期"), null=True, blank=True)
    amount = models.DecimalField(_("发票金额"), null=True, blank=True, **MONEY)
    pdf = CheckedDocumentField(
        _("发票文件"),
        upload_to=RandomName("invoices"),
        storage=private_storage,
        content_type_field="pdf_content_type",
        blank=True,
    )
    pdf_content_type = content_type_field(_("发票文件类型"))
    issued_by = _actor(_("开票人"))
    issued_at = models.DateTimeField(_("开票时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("发票")
        verbose_name_plural = _("发票")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.supplier_order} · {self.get_kind_display()}"

    @transition(state, source=InvoiceState.REQUESTED, target=InvoiceState.ISSUED)
    def issue(self):
        """The cooperative issued it: number, date, amount and PDF recorded."""


class Settlement(FSMModelMixin, models.Model):
    """结算: one payment of an organisation to one cooperative for one or more supplier orders."""

    number = models.CharField(_("结算单号"), max_length=32, unique=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.PROTECT, related_name="settlements"
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="settlements"
    )
    supplier_orders = models.ManyToManyField(
        SupplierOrder, verbose_name=_("供货单"), related_name="settlements"
    )
    amount = models.DecimalField(_("结算金额"), **MONEY)
    method = models.CharField(_("结算方式"), max_length=10, choices=SettlementMethod.choices)
    state = FSMField(
        _("状态"),
        max_length=10,
        choices=SettlementState.choices,
        default=SettlementState.OPEN,
        protected=True,
        db_index=True,
    )
    bank_reference = models.CharField(_("银行流水号"), max_length=64, blank=True)
    alipay_trade_no = models.CharField(_("支付宝交易号"), max_length=64, blank=True)
    created_by = _actor(_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    paid_by = _actor(_("付款登记人"))
    paid_at = models.DateTimeField(_("付款时间"), null=True, blank=True)
    confirmed_by = _actor(_("收款确认人"))
    confirmed_at = models.DateTimeField(_("收款确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("结算单")
        verbose_name_plural = _("结算单")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.number

    @transition(state, source=SettlementState.OPEN, target=SettlementState.PAID)
    def pay(self):
        """A transfer recorded by the buyer's 财务, or Alipay's verified notify."""

    @transition(state, source=SettlementState.PAID, target=SettlementState.CONFIRMED)
    def confirm(self):
        """The cooperative confirmed the money arrived."""


# --- Standing orders ----------------------------------------------------------------------------


class StandingOrder(models.Model):
    """定期采购: lines and an address an organisation orders on the same weekdays every week."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="standing_orders"
    )
    name = models.CharField(_("名称"), max_length=100)
    delivery_address = models.ForeignKey(
        DeliveryAddress, verbose_name=_("收货地址"), on_delete=models.PROTECT, related_name="standing_orders"
    )
    #: ISO weekdays (1 = Monday … 7 = Sunday) of the deliveries.
    weekdays = models.JSONField(_("每周送货日"), default=list)
    lead_days = models.PositiveSmallIntegerField(_("提前生成天数"), default=3)
    #: Also deliver on make-up working days (调休上班的周末), whatever ``weekdays`` says.
    include_makeup_workdays = models.BooleanField(
        _("调休上班日也送货"), default=False, help_text=_("周末调休上班时，食堂照常开伙，也送一次货。")
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = _actor(_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("定期采购")
        verbose_name_plural = _("定期采购")
        ordering = ["organisation", "name"]

    def __str__(self):
        return self.name


class StandingOrderLine(models.Model):
    standing_order = models.ForeignKey(
        StandingOrder, verbose_name=_("定期采购"), on_delete=models.CASCADE, related_name="lines"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord", verbose_name=_("库存记录"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("数量"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("定期采购明细")
        verbose_name_plural = _("定期采购明细")
        ordering = ["standing_order", "pk"]

    def __str__(self):
        return f"{self.standing_order} · {self.stockrecord_id} × {self.quantity}"


class StandingOrderSkip(models.Model):
    """A date the buyer blocked: no delivery that day (the canteen is closed)."""

    standing_order = models.ForeignKey(
        StandingOrder, verbose_name=_("定期采购"), on_delete=models.CASCADE, related_name="skips"
    )
    date = models.DateField(_("日期"))

    class Meta:
        verbose_name = _("不送货日期")
        verbose_name_plural = _("不送货日期")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["standing_order", "date"], name="one_skip_per_date")]

    def __str__(self):
        return f"{self.standing_order} · {self.date}"


class StandingOrderMiss(models.Model):
    """A delivery date a standing order could not make its purchase order for, and why (lines
    refused, the creator no longer a 采购员 …): kept so the buyer is told once and sees it."""

    standing_order = models.ForeignKey(
        StandingOrder, verbose_name=_("定期采购"), on_delete=models.CASCADE, related_name="misses"
    )
    delivery_date = models.DateField(_("送货日期"))
    reason = models.CharField(_("原因"), max_length=1000)
    created_at = models.DateTimeField(_("首次记录时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最近尝试时间"), auto_now=True)

    class Meta:
        verbose_name = _("未能生成的定期采购")
        verbose_name_plural = _("未能生成的定期采购")
        ordering = ["delivery_date"]
        constraints = [
            models.UniqueConstraint(fields=["standing_order", "delivery_date"], name="one_miss_per_date")
        ]

    def __str__(self):
        return f"{self.standing_order} · {self.delivery_date}"


class HolidayOverride(models.Model):
    """An operator's correction or addition to the public-holiday calendar: a date that is a
    holiday or a make-up working day (调休), e.g. for a year the holiday package has no data for."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"), help_text=_("勾选：调休上班；不勾选：放假。"))
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"


# --- Quote requests -----------------------------------------------------------------------------


class QuoteRequest(FSMModelMixin, models.Model):
    """询价: a buyer asks cooperatives for a price for a quantity above the tiers or an unlisted product."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="quote_requests"
    )
    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("商品"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("需求描述"), max_length=500, blank=True)
    quantity = models.PositiveIntegerField(_("数量"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("单位"), max_length=10, blank=True)
    delivery_address = models.ForeignKey(
        DeliveryAddress, verbose_name=_("收货地址"), on_delete=models.PROTECT, related_name="quote_requests"
    )
    delivery_date = models.DateField(_("要求到货日期"))
    deadline = models.DateTimeField(_("报价截止时间"))
    partners = models.ManyToManyField(
        "partner.Partner", verbose_name=_("询价合作社"), related_name="quote_requests"
    )
    state = FSMField(
        _("状态"),
        max_length=10,
        choices=QuoteRequestState.choices,
        default=QuoteRequestState.OPEN,
        protected=True,
        db_index=True,
    )
    created_by = _actor(_("询价人"))
    created_at = models.DateTimeField(_("询价时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("询价单")
        verbose_name_plural = _("询价单")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.description or self.product_id}"

    @transition(state, source=QuoteRequestState.OPEN, target=QuoteRequestState.ACCEPTED)
    def accept(self):
        """The buyer accepted one answer, which became purchase-order lines."""

    @transition(state, source=QuoteRequestState.OPEN, target=QuoteRequestState.CANCELLED)
    def cancel(self):
        """The buyer withdrew the request."""


class QuoteAnswer(models.Model):
    """A cooperative's answer to a quote request: a price for one of its own products."""

    request = models.ForeignKey(
        QuoteRequest, verbose_name=_("询价单"), on_delete=models.CASCADE, related_name="answers"
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("合作社"), on_delete=models.PROTECT, related_name="+"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord", verbose_name=_("供货商品"), on_delete=models.PROTECT, related_name="+"
    )
    unit_price = models.DecimalField(_("报价单价"), validators=[MinValueValidator(0)], **MONEY)
    quantity = models.PositiveIntegerField(_("可供数量"), validators=[MinValueValidator(1)])
    valid_until = models.DateField(_("报价有效期至"))
    note = models.CharField(_("说明"), max_length=500, blank=True)
    answered_by = _actor(_("报价人"))
    answered_at = models.DateTimeField(_("报价时间"), auto_now_add=True)
    is_accepted = models.BooleanField(_("已采纳"), default=False)

    class Meta:
        verbose_name = _("报价")
        verbose_name_plural = _("报价")
        ordering = ["unit_price", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "partner"], name="one_answer_per_cooperative")
        ]

    def __str__(self):
        return f"{self.partner} ¥{self.unit_price}"


# --- Excel imports ------------------------------------------------------------------------------


class ImportJob(models.Model):
    """One uploaded purchase-order workbook and what became of it: the drafts it created or every
    reason it was refused. Large files are read by a Celery task, which updates the progress.

    ``state`` is a plain field rather than a django-fsm one: only the import service moves it,
    forward once, and nobody acts on a job but the task that runs it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("采购单位"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    user = _actor(_("上传人"), null=False)
    file = models.FileField(
        _("文件"), upload_to=RandomName("procurement-imports"), storage=private_storage, max_length=200
    )
    file_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=ImportJobState.choices, default=ImportJobState.PENDING
    )
    total_rows = models.PositiveIntegerField(_("总行数"), default=0)
    processed_rows = models.PositiveIntegerField(_("已处理行数"), default=0)
    #: Ids of the draft purchase orders created, in the order of the file.
    purchase_order_ids = models.JSONField(_("生成的采购单"), default=list, blank=True)
    #: ``{"message": str, "rows": [[row number, reason], …]}`` when refused or failed.
    errors = models.JSONField(_("错误"), default=dict, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("Excel 导入")
        verbose_name_plural = _("Excel 导入")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.file_name or self.pk}"

    @property
    def is_finished(self):
        return self.state not in (ImportJobState.PENDING, ImportJobState.RUNNING)

    @property
    def percent(self):
        if self.is_finished:
            return 100
        return min(99, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0
