"""What a union sees of its campaigns, live: counted from the vouchers' applications and the
ledger's voucher entries (the same rows its settlement and the 台账 add up)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from oscar.core.loading import get_model

from procurement.constants import SupplierOrderState
from procurement.ledger.models import LedgerEntry
from procurement.models import SupplierOrder
from procurement.selectors import organisations_for

from .models import Campaign, CampaignGrant, CampaignMode, PackChoice, UnionMember

Order = get_model("order", "Order")

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _cents(value):
    """A sum to the cent (SQLite adds decimals as floats)."""
    return (value or ZERO).quantize(CENT)


def roster_for(user, organisation):
    """The roster of ``organisation`` if ``user`` may open it (its members, operators)."""
    return UnionMember.objects.filter(organisation__in=organisations_for(user), organisation=organisation)


def roster_search(members, query):
    """``members`` whose name, mobile, department or 工号 contains ``query``."""
    query = query.strip()[:50]
    if not query:
        return members
    return members.filter(
        Q(name__contains=query)
        | Q(mobile__contains=query)
        | Q(department__contains=query)
        | Q(staff_number__contains=query)
    )


def campaigns_for(user, organisation):
    """The campaigns of ``organisation`` if ``user`` may open it."""
    return Campaign.objects.filter(organisation__in=organisations_for(user), organisation=organisation)


@dataclass(frozen=True)
class CampaignFigures:
    members: int
    sent: int
    unsent: int
    redeemed: int
    redeemed_amount: Decimal
    awaiting_payment: int
    issued_amount: Decimal

    @property
    def unused_amount(self):
        return self.issued_amount - self.redeemed_amount


def campaign_figures(campaign):
    """The campaign page's figures: members granted, codes sent, vouchers redeemed in paid
    orders (and their value, from the ledger, less what refunded units took back), in orders not
    paid yet, and what is unused."""
    grants = campaign.grants.aggregate(
        members=Count("pk", distinct=True),
        sent=Count("pk", filter=Q(sent_at__isnull=False), distinct=True),
        used=Count("pk", filter=Q(voucher__applications__isnull=False), distinct=True),
    )
    welfare = LedgerEntry.objects.filter(campaign=campaign).aggregate(
        orders=Count("line__order", distinct=True), amount=Sum("amount")
    )
    return CampaignFigures(
        members=grants["members"],
        sent=grants["sent"],
        unsent=grants["members"] - grants["sent"],
        redeemed=welfare["orders"],
        redeemed_amount=_cents(welfare["amount"]),
        awaiting_payment=max(grants["used"] - welfare["orders"], 0),
        issued_amount=campaign.member_amount * grants["members"],
    )


@dataclass(frozen=True)
class SettlementRow:
    partner_id: int
    cooperative: str
    orders: int
    amount: Decimal


def campaign_settlement(campaign):
    """结算: per cooperative, what the campaign's vouchers paid of its lines in paid orders, less
    the part of units refunded — what the union owes it, and nothing for vouchers left unused."""
    rows = (
        LedgerEntry.objects.filter(campaign=campaign)
        .values("partner_id", "partner__name")
        .annotate(orders=Count("line__order", distinct=True), amount=Sum("amount"))
        .order_by("partner__name", "partner_id")
    )
    return [
        SettlementRow(row["partner_id"], row["partner__name"], row["orders"], _cents(row["amount"]))
        for row in rows
    ]


def campaign_grants(campaign):
    """The campaign's members with their vouchers and the orders they used them on."""
    return (
        CampaignGrant.objects.filter(campaign=campaign)
        .select_related("member", "voucher")
        .prefetch_related("voucher__applications")
        .order_by("member__department", "member__name", "pk")
    )


def member_vouchers(user):
    """The welfare vouchers held by ``user``'s mobile, newest campaign first (我的福利券)."""
    if not (user.is_authenticated and user.mobile):
        return CampaignGrant.objects.none()
    return (
        CampaignGrant.objects.filter(voucher__holder_mobile=user.mobile)
        .select_related("campaign__organisation", "voucher")
        .prefetch_related("voucher__applications")
        .order_by("-campaign__starts_on", "-pk")
    )


#: Supplier-order states before the union's 验收: the pack is not delivered yet.
UNDELIVERED_STATES = (
    SupplierOrderState.AWAITING_CONFIRMATION,
    SupplierOrderState.SHORT_CONFIRMED,
    SupplierOrderState.CONFIRMED,
    SupplierOrderState.SHIPPED,
    SupplierOrderState.DELIVERED,
)


@dataclass(frozen=True)
class PackFigures:
    members: int
    sent: int
    unsent: int
    chosen: int
    ordered: int
    delivered: int
    #: What the union's 验收 of the packs filed in the ledger (net of rejected units).
    delivered_amount: Decimal
    #: The per-member amount of the members who have not chosen.
    unchosen_amount: Decimal


def _supplier_orders(**states):
    return SupplierOrder.objects.filter(purchase_order=OuterRef("purchase_order"), **states)


def pack_figures(campaign):
    """A gift-pack campaign's figures: members, links sent, packs chosen, ordered and delivered
    (every supplier order of its purchase order accepted), the value accepted (the ledger's, as
    the settlement) and the amount of the members who have not chosen."""
    choices = campaign.pack_choices.annotate(
        pending=Exists(_supplier_orders(state__in=UNDELIVERED_STATES)),
        cancelled=~Exists(
            _supplier_orders(state__in=set(SupplierOrderState) - {SupplierOrderState.CANCELLED})
        ),
    ).aggregate(
        members=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        chosen=Count("pk", filter=Q(pack__isnull=False)),
        ordered=Count("pk", filter=Q(purchase_order__isnull=False)),
        delivered=Count("pk", filter=Q(purchase_order__isnull=False, pending=False, cancelled=False)),
    )
    accepted = LedgerEntry.objects.filter(campaign=campaign).aggregate(amount=Sum("amount"))
    return PackFigures(
        members=choices["members"],
        sent=choices["sent"],
        unsent=choices["members"] - choices["sent"],
        chosen=choices["chosen"],
        ordered=choices["ordered"],
        delivered=choices["delivered"],
        delivered_amount=_cents(accepted["amount"]),
        unchosen_amount=campaign.member_amount * (choices["members"] - choices["chosen"]),
    )


def pack_choices(campaign):
    """The campaign's members with the pack each chose, where it goes and its purchase order."""
    return (
        PackChoice.objects.filter(campaign=campaign)
        .select_related("member", "pack", "address", "purchase_order")
        .order_by("member__department", "member__name", "pk")
    )


def pack_choice_by_token(token):
    """The choice behind a member's personal link, or None."""
    return (
        PackChoice.objects.filter(token=token)
        .select_related("campaign__organisation", "member", "pack", "address", "purchase_order")
        .prefetch_related("purchase_order__supplier_orders__partner")
        .first()
    )


def figures_of(campaign):
    """The figures of ``campaign``'s kind: its vouchers' or its gift packs'."""
    if campaign.mode == CampaignMode.GIFT_PACKS:
        return pack_figures(campaign)
    return campaign_figures(campaign)
