"""Oscar shipping methods priced parcel by parcel (see :mod:`shop.shipping.quotes`).

A method is built by the repository for one basket and one address, from a quote of that basket;
``calculate`` returns the quote's total, tax included (shipping carries no separate tax here, and
Oscar's order total needs a charge whose tax is known).
"""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base, Free
from oscar.core import prices

from .constants import MethodCode
from .quotes import format_kg


class ParcelMethod(Base):
    """A method whose charge is the sum of its parcels' charges."""

    def __init__(self, quote):
        self.quote = quote

    @property
    def parcels(self):
        """The :class:`~shop.shipping.quotes.ParcelCharge` of each parcel, for the checkout page."""
        return self.quote.parcels

    @property
    def description(self):
        """「2 个包裹：A 合作社 1.2kg（冷链）、B 合作社 0.6kg」; HTML-safe, as Oscar's templates
        print it unescaped."""
        rows = format_html_join(
            "、",
            "{} {}kg{}",
            (
                (charge.parcel.sender, format_kg(charge.weight_kg), _("（冷链）") if charge.is_cold else "")
                for charge in self.parcels
            ),
        )
        return format_html(_("{count} 个包裹：{parcels}"), count=len(self.parcels), parcels=rows)

    def calculate(self, basket):
        return prices.Price(currency=basket.currency, excl_tax=self.quote.total, tax=Decimal("0.00"))


class StandardExpress(ParcelMethod):
    code = MethodCode.STANDARD.value
    name = MethodCode.STANDARD.label


class ColdChainDelivery(ParcelMethod):
    code = MethodCode.COLD_CHAIN.value
    name = MethodCode.COLD_CHAIN.label


class CooperativePickup(ParcelMethod):
    code = MethodCode.PICKUP.value
    name = MethodCode.PICKUP.label

    @property
    def description(self):
        """「2 处自提：A 合作社（地址）、B 合作社（地址）」"""
        rows = format_html_join(
            "、",
            "{}（{}）",
            (
                (charge.parcel.sender, charge.parcel.pickup_address or _("地址请联系合作社"))
                for charge in self.parcels
            ),
        )
        return format_html(_("{count} 处自提，免运费：{parcels}"), count=len(self.parcels), parcels=rows)


class NoDeliveryAvailable(Free):
    """Stands in on the basket page when nothing can ship the basket anywhere, so the page still
    renders; the checkout never offers it."""

    code = "undeliverable"
    name = _("暂无可用配送方式")


METHOD_CLASSES = {
    MethodCode.STANDARD: StandardExpress,
    MethodCode.COLD_CHAIN: ColdChainDelivery,
    MethodCode.PICKUP: CooperativePickup,
}


def method_for_quote(quote):
    """The Oscar method that charges ``quote``."""
    return METHOD_CLASSES[MethodCode(quote.code)](quote)
