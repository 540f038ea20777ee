"""What each shipping method costs a basket, parcel by parcel.

Every cooperative ships its own lines, so a basket with lines from three cooperatives is three
parcels, each charged on its own: the first kilogram, then each further kilogram begun, at the
rate of the destination province's zone (:class:`~shop.shipping.models.ShippingRate`).

- 普通快递 is offered when nothing in the basket needs to stay cold.
- 冷链配送 replaces it as soon as one line is chilled or frozen; a parcel with nothing cold in it
  still goes by ordinary express under this method, at that rate, so a cold line from one
  cooperative does not make another cooperative's dried mushrooms dearer.
- 到合作社自提 is free, and offered only when every line comes from a cooperative: the shopper
  collects each parcel at its cooperative.

Free shipping over a threshold is an Oscar offer (see :mod:`shop.shipping.services`), which
Oscar's repository applies to the total these methods charge.
"""

import math
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from catalog.constants import Storage

from . import selectors
from .constants import (
    COLD_BOX_KG,
    DEFAULT_ITEM_KG,
    ESTIMATED_KG_PER_COUNT_UNIT,
    ITEM_PACKAGING_KG,
    KG_PER_UNIT,
    ZONE_PROVINCES,
    MethodCode,
    Zone,
)

COLD_STORAGES = {Storage.CHILLED, Storage.FROZEN}

#: The attribute of a basket that keeps its parcels for the rest of the request: the checkout
#: prices the same basket several times per page.
_CACHE_ATTRIBUTE = "_shipping_parcels_cache"


@dataclass(frozen=True)
class Parcel:
    """What one sender (a cooperative, or a partner that is not one) ships of a basket."""

    partner_id: int | None
    sender: str
    is_cooperative: bool
    pickup_address: str
    #: The contents with their wrapping; a cold box, when one is needed, comes on top.
    weight_kg: Decimal
    needs_cold_chain: bool


@dataclass(frozen=True)
class ParcelCharge:
    """A parcel as one method carries it: by which carriage (``None`` for pickup), what it weighs
    then and what it costs."""

    parcel: Parcel
    carriage: MethodCode | None
    weight_kg: Decimal
    charge: Decimal

    @property
    def is_cold(self):
        return self.carriage == MethodCode.COLD_CHAIN


@dataclass(frozen=True)
class MethodQuote:
    code: MethodCode
    parcels: tuple[ParcelCharge, ...]
    #: The province the quote ships to; empty when none is known yet.
    province: str = ""
    #: True when no province is known yet: the charge is that of the cheapest zone, "¥x 起".
    is_lower_bound: bool = False

    @property
    def total(self):
        return sum((parcel.charge for parcel in self.parcels), Decimal("0.00"))


@dataclass(frozen=True)
class Unavailable:
    """A method the basket cannot use, and why, in words for the shopper."""

    code: MethodCode
    reason: str

    @property
    def name(self):
        return MethodCode(self.code).label


@dataclass(frozen=True)
class ShippingOptions:
    """Everything the checkout shows about shipping a basket to one address."""

    #: The province as the address gives it; empty when there is no address yet.
    province: str
    zone: Zone
    #: True when there is no province yet: ``zone`` is the cheapest one and every charge is the
    #: least the basket can cost to ship ("起").
    is_estimate: bool
    quotes: tuple[MethodQuote, ...]
    unavailable: tuple[Unavailable, ...]
    notices: tuple[str, ...]


# --- Destination ------------------------------------------------------------------------------


def province_zone(province):
    """The rate zone of ``province`` as an address's ``state`` holds it ("湖北省", "重庆市",
    "新疆维吾尔自治区" …): any province not listed in a zone is ``Zone.OTHER``; ``None`` when
    there is no province yet."""
    province = (province or "").strip()
    if not province:
        return None
    for zone, prefixes in ZONE_PROVINCES.items():
        if province.startswith(prefixes):
            return zone
    return Zone.OTHER


# --- Weight -----------------------------------------------------------------------------------


def product_unit_weight_kg(*, product, parent=None, weight_attribute=None):
    """What one item of ``product`` weighs in kg, without packaging.

    The ``weight`` attribute wins; then the net content (``parent``'s when a child product has
    none of its own): mass units exactly, volumes as water, count units (盒/箱/瓶/袋) by the
    estimates of :data:`~shop.shipping.constants.ESTIMATED_KG_PER_COUNT_UNIT`; otherwise
    :data:`~shop.shipping.constants.DEFAULT_ITEM_KG`.
    """
    if weight_attribute is not None:
        return weight_attribute
    content, unit = product.net_content, product.net_unit
    if not unit and parent is not None:
        content, unit = parent.net_content, parent.net_unit
    if unit in KG_PER_UNIT and content:
        return content * KG_PER_UNIT[unit]
    if unit in ESTIMATED_KG_PER_COUNT_UNIT:
        return (content or 1) * ESTIMATED_KG_PER_COUNT_UNIT[unit]
    return DEFAULT_ITEM_KG


def product_needs_cold_chain(*, product, parent=None):
    """Chilled or frozen, on the product or (for a child product) on its parent."""
    return product.storage in COLD_STORAGES or (parent is not None and parent.storage in COLD_STORAGES)


# --- Parcels ----------------------------------------------------------------------------------


def basket_parcels(basket):
    """The basket's parcels, one per sender in the order their first line was added.

    Reads the lines Oscar already caches on the basket, then a fixed number of queries (weights,
    parents of child products, partners with their cooperative profiles); the result is kept on
    the basket for as long as its lines do not change.
    """
    lines = list(basket.all_lines()) if basket.id is not None else []
    signature = tuple((line.pk, line.product_id, line.stockrecord_id, line.quantity) for line in lines)
    cached = getattr(basket, _CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] == signature:
        return cached[1]
    parcels = _parcels_for_lines(lines)
    setattr(basket, _CACHE_ATTRIBUTE, (signature, parcels))
    return parcels


def _parcels_for_lines(lines):
    if not lines:
        return ()
    products = [line.product for line in lines]
    parent_ids = {product.parent_id for product in products if product.parent_id}
    parents = selectors.products_for_shipping(product_ids=parent_ids) if parent_ids else {}
    weights = selectors.product_weights_kg(product_ids={product.pk for product in products} | parent_ids)
    partner_ids = {line.stockrecord.partner_id for line in lines if line.stockrecord_id}
    partners = selectors.partners_with_cooperatives(partner_ids=partner_ids)

    contents = {}
    for line in lines:
        product = line.product
        parent = parents.get(product.parent_id)
        weight = weights.get(product.pk, weights.get(product.parent_id))
        unit_kg = product_unit_weight_kg(product=product, parent=parent, weight_attribute=weight)
        partner_id = line.stockrecord.partner_id if line.stockrecord_id else None
        weight_kg, cold = contents.get(partner_id, (Decimal("0"), False))
        contents[partner_id] = (
            weight_kg + line.quantity * (unit_kg + ITEM_PACKAGING_KG),
            cold or product_needs_cold_chain(product=product, parent=parent),
        )
    return tuple(
        _parcel(partners.get(partner_id), partner_id, weight_kg, cold)
        for partner_id, (weight_kg, cold) in contents.items()
    )


def _parcel(partner, partner_id, weight_kg, needs_cold_chain):
    cooperative = _cooperative(partner)
    return Parcel(
        partner_id=partner_id,
        sender=partner.display_name if partner is not None else _("稳富平台"),
        is_cooperative=cooperative is not None,
        pickup_address=cooperative.address if cooperative is not None else "",
        weight_kg=weight_kg,
        needs_cold_chain=needs_cold_chain,
    )


def _cooperative(partner):
    if partner is None:
        return None
    try:
        return partner.cooperative
    except ObjectDoesNotExist:
        return None


# --- Charges ----------------------------------------------------------------------------------


def billable_kg(weight_kg):
    """Kilograms a carrier charges: every kilogram begun, at least one."""
    return max(1, math.ceil(weight_kg))


def parcel_charge(*, weight_kg, rate):
    """首重 + 续重: the first kilogram at ``rate.first_kg_price``, each further one begun at
    ``rate.additional_kg_price``."""
    return rate.first_kg_price + (billable_kg(weight_kg) - 1) * rate.additional_kg_price


def format_kg(weight_kg):
    """ "1.2" for 1.23 kg: one decimal, as parcels are described to shoppers."""
    return str(weight_kg.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _delivery_quote(*, code, parcels, zone, destination, rates):
    """The quote of a delivered method, or why it cannot deliver to ``zone``."""
    charges = []
    for parcel in parcels:
        cold = code == MethodCode.COLD_CHAIN and parcel.needs_cold_chain
        carriage = MethodCode.COLD_CHAIN if cold else MethodCode.STANDARD
        rate = rates.get((carriage.value, zone.value))
        if rate is None:
            return Unavailable(code=code, reason=_undeliverable_reason(carriage, destination))
        weight_kg = parcel.weight_kg + (COLD_BOX_KG if cold else 0)
        charges.append(
            ParcelCharge(
                parcel=parcel,
                carriage=carriage,
                weight_kg=weight_kg,
                charge=parcel_charge(weight_kg=weight_kg, rate=rate),
            )
        )
    return MethodQuote(code=code, parcels=tuple(charges))


def _undeliverable_reason(carriage, destination):
    if carriage == MethodCode.COLD_CHAIN:
        return _("冷链不送达：冷链配送暂不覆盖%(destination)s，途中无法保证冷藏/冷冻商品全程低温。") % {
            "destination": destination
        }
    return _("普通快递暂不送达%(destination)s。") % {"destination": destination}


def _pickup_quote(parcels):
    if not all(parcel.is_cooperative for parcel in parcels):
        return Unavailable(code=MethodCode.PICKUP, reason=_("部分商品不是由合作社发货，不能到合作社自提。"))
    charges = tuple(
        ParcelCharge(parcel=parcel, carriage=None, weight_kg=parcel.weight_kg, charge=Decimal("0.00"))
        for parcel in parcels
    )
    return MethodQuote(code=MethodCode.PICKUP, parcels=charges)


def shipping_options(*, basket, shipping_addr=None):
    """The methods ``basket`` can be shipped by to ``shipping_addr`` (delivered ones first, then
    pickup), those it cannot and why, and notices for the shopper.

    Without a province (the basket page of a shopper who has given no address yet), the options
    are those of the zone where delivery costs least, marked ``is_estimate``: the basket says
    "运费 ¥x 起", and the checkout can only charge that or more.
    """
    parcels = basket_parcels(basket)
    rates = selectors.shipping_rates_active()
    province = (getattr(shipping_addr, "state", "") or "").strip()
    zone = province_zone(province)
    if zone is not None:
        return _options_for_zone(parcels=parcels, province=province, zone=zone, rates=rates)
    options = [_options_for_zone(parcels=parcels, province="", zone=zone, rates=rates) for zone in Zone]
    return _as_lower_bound(min(options, key=_delivered_total))


def _options_for_zone(*, parcels, province, zone, rates):
    destination = f"{province}（{zone.label}）" if province else str(zone.label)
    notices = []
    results = []
    if any(parcel.needs_cold_chain for parcel in parcels):
        notices.append(_("购物车中有冷藏/冷冻商品，需使用冷链配送"))
        results.append(Unavailable(code=MethodCode.STANDARD, reason=notices[0]))
        delivered = MethodCode.COLD_CHAIN
    else:
        delivered = MethodCode.STANDARD
    results.append(
        _delivery_quote(code=delivered, parcels=parcels, zone=zone, destination=destination, rates=rates)
    )
    results.append(_pickup_quote(parcels))

    return ShippingOptions(
        province=province,
        zone=zone,
        is_estimate=False,
        quotes=tuple(
            replace(result, province=province) for result in results if isinstance(result, MethodQuote)
        ),
        unavailable=tuple(result for result in results if isinstance(result, Unavailable)),
        notices=tuple(notices),
    )


def _delivered_total(options):
    """What delivery (not pickup) costs under ``options``; zones that cannot deliver come last."""
    delivered = [quote.total for quote in options.quotes if quote.code != MethodCode.PICKUP]
    return (not delivered, delivered[0] if delivered else Decimal("0"))


def _as_lower_bound(options):
    return replace(
        options,
        is_estimate=True,
        quotes=tuple(
            replace(quote, is_lower_bound=quote.code != MethodCode.PICKUP) for quote in options.quotes
        ),
    )
