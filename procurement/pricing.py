"""What an institution pays and may order: tier prices, the minimum order quantity, which stock
records the portal lists, the checks every ordered line passes (the form, the Excel import, a
standing order and approval all use :func:`line_problems`), and the delivery fee per cooperative.

Reads run in a fixed number of queries whatever the number of lines.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.constants import CooperativeStatus
from catalog.models import TierPrice
from catalog.selectors import products_visible_to_shoppers

from .constants import COUNTY_DIVISION_CODE, DeliveryMethod

StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class LinePrice:
    unit_price: Decimal
    retail_price: Decimal
    #: The lowest tier's quantity (1 when the product has no tiers).
    min_quantity: int


def orderable_stockrecords():
    """Stock records institutions may order from: products shoppers may see (approved, public)
    of active cooperatives, with product, partner and tier prices loaded."""
    return (
        StockRecord.objects.filter(
            product__in=products_visible_to_shoppers().filter(is_public=True),
            partner__cooperative__status=CooperativeStatus.ACTIVE,
        )
        .select_related("product", "partner__cooperative")
        .prefetch_related(Prefetch("tier_prices", queryset=TierPrice.objects.order_by("min_quantity")))
    )


def line_price(stockrecord, quantity):
    """The tier price of ``quantity`` units of ``stockrecord`` (its retail price below every
    tier), with the retail price and the minimum order quantity. Uses prefetched tiers."""
    tiers = sorted(stockrecord.tier_prices.all(), key=lambda tier: tier.min_quantity)
    unit = stockrecord.price
    for tier in tiers:
        if quantity >= tier.min_quantity:
            unit = tier.price
    return LinePrice(
        unit_price=unit,
        retail_price=stockrecord.price,
        min_quantity=tiers[0].min_quantity if tiers else 1,
    )


def quantity_problem(quantity):
    """Why ``quantity`` (as typed: a string, a number) is not a whole number of units above 0,
    or None. ``0``, ``-1``, ``1.5`` and ``十`` are all refused."""
    if isinstance(quantity, bool):
        return _("数量必须是正整数")
    if isinstance(quantity, int):
        value = quantity
    elif isinstance(quantity, float | Decimal):
        if quantity != int(quantity):
            return _("数量必须是正整数")
        value = int(quantity)
    else:
        text = str(quantity or "").strip()
        if not text.isascii() or not text.isdigit():
            return _("数量必须是正整数")
        value = int(text)
    return None if value > 0 else _("数量必须大于 0")


def line_problems(stockrecord, quantity, *, orderable_ids, held=0, quoted=False):
    """Why ``quantity`` units of ``stockrecord`` cannot be ordered, or None.

    ``orderable_ids`` is the set of :func:`orderable_stockrecords` ids (read once for many
    lines); ``held`` is what the same order already takes of this stock record elsewhere.
    A ``quoted`` line (an accepted 询价 answer) has no minimum order quantity: the cooperative
    named the quantity and price itself.
    """
    if stockrecord.pk not in orderable_ids:
        profile = getattr(stockrecord.partner, "cooperative", None)
        if profile is not None and profile.status == CooperativeStatus.SUSPENDED:
            return _("该合作社已暂停销售")
        if stockrecord.product.approved_at is None:
            return _("商品审核中，暂不可采购")
        return _("商品未上架")
    price = line_price(stockrecord, quantity)
    if not quoted and quantity < price.min_quantity:
        return _("低于起订量 %(min)s") % {"min": price.min_quantity}
    available = stockrecord.net_stock_level
    if quantity + held > available:
        return _("库存不足：需要 %(need)s，可用 %(available)s") % {
            "need": quantity + held,
            "available": available,
        }
    return None


def address_in_county(address):
    """Whether a delivery address lies in 随县 (served by the cooperatives' own delivery)."""
    return address.district_id == COUNTY_DIVISION_CODE


def delivery_for(partner, address):
    """(method, fee) of ``partner`` delivering one order to ``address``: its own 送货上门 in the
    county, a courier outside it, each at the per-delivery fee the cooperative set (0 if none)."""
    terms = getattr(partner, "delivery_terms", None)
    if address_in_county(address):
        return DeliveryMethod.OWN_DELIVERY, terms.own_delivery_fee if terms else Decimal("0.00")
    return DeliveryMethod.COURIER, terms.courier_fee if terms else Decimal("0.00")
