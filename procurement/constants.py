"""Kinds, roles and states of institutional procurement. Imports no models."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("党政机关食堂")
    SCHOOL = "school", _("学校食堂")
    HOSPITAL = "hospital", _("医院食堂")
    STATE_ENTERPRISE = "state_enterprise", _("国有企业食堂")
    ENTERPRISE = "enterprise", _("其他企业食堂")
    UNION = "union", _("工会")
    SUPERMARKET = "supermarket", _("商超")
    WHOLESALE = "wholesale", _("批发市场")
    OTHER = "other", _("其他")


#: The first two characters of a unified social credit code (registration authority and kind,
#: GB 32100-2015 table 1) that fit each kind of organisation: 11 机关, 12 事业单位, 13 中央编办
#: 直接管理机构编制的群众团体, 51 社会团体, 52 民办非企业单位, 81 基层工会, 91 企业, 92 个体工商户,
#: 93 农民专业合作社.
CREDIT_CODE_PREFIXES = {
    OrganisationKind.GOVERNMENT: ("11", "12", "13"),
    OrganisationKind.SCHOOL: ("12", "52", "91"),
    OrganisationKind.HOSPITAL: ("12", "52", "91"),
    OrganisationKind.STATE_ENTERPRISE: ("91",),
    OrganisationKind.ENTERPRISE: ("91", "92"),
    OrganisationKind.UNION: ("81",),
    OrganisationKind.SUPERMARKET: ("91", "92"),
    OrganisationKind.WHOLESALE: ("91", "92"),
    OrganisationKind.OTHER: ("11", "12", "13", "19", "51", "52", "53", "59", "81", "91", "92", "93"),
}

#: The share of a declared annual food budget that is the yearly target when no amount is set.
DEFAULT_TARGET_SHARE = Decimal("0.10")


class OrganisationStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    VERIFIED = "verified", _("已认证")
    REJECTED = "rejected", _("未通过")
    SUSPENDED = "suspended", _("已暂停")


class Role(models.TextChoices):
    """What a member may do in an organisation; a member may hold several."""

    ADMIN = "admin", _("管理员")
    BUYER = "buyer", _("采购员")
    APPROVER = "approver", _("审批人")
    RECEIVER = "receiver", _("验收员")
    FINANCE = "finance", _("财务")


#: How long an invitation link stays valid.
INVITATION_DAYS = 7


class PurchaseOrderState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    REJECTED = "rejected", _("已驳回")
    #: Approved and split into one supplier order per cooperative.
    APPROVED = "approved", _("已审批")
    CANCELLED = "cancelled", _("已取消")
    #: Every supplier order is closed or cancelled.
    CLOSED = "closed", _("已完成")


class PurchaseOrderSource(models.TextChoices):
    FORM = "form", _("在线填写")
    EXCEL = "excel", _("Excel 导入")
    STANDING = "standing", _("定期采购")
    QUOTE = "quote", _("询价")
    #: A union's welfare gift packs, as its members chose them.
    GIFT_PACK = "gift_pack", _("福利礼包")


class SupplierOrderState(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting", _("待合作社确认")
    #: The cooperative can supply less than ordered; the buyer accepts the smaller quantity or cancels.
    SHORT_CONFIRMED = "short", _("待采购方确认数量")
    CONFIRMED = "confirmed", _("已确认")
    SHIPPED = "shipped", _("已发货")
    DELIVERED = "delivered", _("已送达")
    ACCEPTED = "accepted", _("已验收")
    INVOICED = "invoiced", _("已开票")
    SETTLED = "settled", _("已结算")
    CLOSED = "closed", _("已关闭")
    CANCELLED = "cancelled", _("已取消")


#: Supplier-order states whose stock is still held for the buyer (given back on cancelling).
SUPPLIER_ORDER_OPEN_STATES = frozenset(
    {
        SupplierOrderState.AWAITING_CONFIRMATION,
        SupplierOrderState.SHORT_CONFIRMED,
        SupplierOrderState.CONFIRMED,
    }
)


class DeliveryMethod(models.TextChoices):
    #: The cooperative's own delivery within 随县, free or at its per-delivery fee.
    OWN_DELIVERY = "own", _("合作社送货上门")
    #: Outside the county: a courier, at the cooperative's per-delivery courier fee.
    COURIER = "courier", _("快递物流")


#: 随县's GB/T 2260 code: a delivery address in it is served by the cooperatives' own delivery.
COUNTY_DIVISION_CODE = "421321"

#: A delivery date is at least tomorrow and at most this many days ahead.
MAX_DELIVERY_DAYS_AHEAD = 90


class InvoiceKind(models.TextChoices):
    ORDINARY = "ordinary", _("增值税普通发票")
    SPECIAL = "special", _("增值税专用发票")


class InvoiceState(models.TextChoices):
    REQUESTED = "requested", _("待开票")
    ISSUED = "issued", _("已开票")


class SettlementMethod(models.TextChoices):
    TRANSFER = "transfer", _("对公转账")
    ALIPAY = "alipay", _("支付宝")


class SettlementState(models.TextChoices):
    OPEN = "open", _("待付款")
    #: The buyer's 财务 recorded a transfer (or Alipay confirmed the payment).
    PAID = "paid", _("已付款")
    #: The cooperative confirmed the money arrived.
    CONFIRMED = "confirmed", _("已确认收款")


class QuoteRequestState(models.TextChoices):
    OPEN = "open", _("询价中")
    ACCEPTED = "accepted", _("已采纳")
    CANCELLED = "cancelled", _("已取消")


class ImportJobState(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("导入中")
    #: The file was clean and its drafts were created.
    DONE = "done", _("已完成")
    #: Nothing was saved: the file or some of its rows were refused (``errors`` says why).
    REFUSED = "refused", _("未通过检查")
    #: Something other than the file went wrong (the error is logged); nothing was saved.
    FAILED = "failed", _("导入出错")
