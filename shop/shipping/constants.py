"""Shipping methods, destination zones and the weight estimates parcels are charged by."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.constants import NetUnit


class MethodCode(models.TextChoices):
    """The methods offered at checkout; the code is what Oscar keeps in the session and the order."""

    STANDARD = "standard", _("普通快递")
    COLD_CHAIN = "cold-chain", _("冷链配送")
    PICKUP = "pickup", _("到合作社自提")


#: Methods a carrier delivers, and so have rates; pickup is always free.
DELIVERED_METHODS = (MethodCode.STANDARD, MethodCode.COLD_CHAIN)


class Zone(models.TextChoices):
    """Rate zones by destination province, seen from Sui County in Hubei."""

    LOCAL = "local", _("湖北省内")
    NEIGHBOUR = "neighbour", _("相邻省份")
    OTHER = "other", _("其他省份")
    REMOTE = "remote", _("偏远地区")


#: Provinces by zone, as the short names an address's province (``state``) starts with:
#: "湖北省", "重庆市" and "新疆维吾尔自治区" all match. Every other province is ``Zone.OTHER``.
ZONE_PROVINCES = {
    Zone.LOCAL: ("湖北",),
    Zone.NEIGHBOUR: ("河南", "安徽", "江西", "湖南", "重庆", "陕西"),
    Zone.REMOTE: ("新疆", "西藏", "青海", "内蒙古", "宁夏", "甘肃", "海南"),
}

# --- Weight estimates (kilograms) -------------------------------------------------------------
# A product's Oscar attribute ``weight`` (kg, as Oscar's weight-based shipping reads it) wins;
# otherwise the weight is estimated from its net content.

#: Mass units convert exactly; volumes are weighed as water.
KG_PER_UNIT = {
    NetUnit.GRAM: Decimal("0.001"),
    NetUnit.KILOGRAM: Decimal("1"),
    NetUnit.JIN: Decimal("0.5"),
    NetUnit.MILLILITRE: Decimal("0.001"),
    NetUnit.LITRE: Decimal("1"),
}

#: Count units say nothing about mass: these are estimates of a typical unit of what
#: cooperatives here sell (a gift box of dried mushrooms, a case of fresh produce, a jar of
#: honey, a bag of rice noodles). A product that is much heavier should set ``weight``.
ESTIMATED_KG_PER_COUNT_UNIT = {
    NetUnit.BOX: Decimal("0.5"),
    NetUnit.CASE: Decimal("5"),
    NetUnit.BOTTLE: Decimal("0.6"),
    NetUnit.BAG: Decimal("0.5"),
}

#: A product with neither a ``weight`` attribute nor a net content.
DEFAULT_ITEM_KG = Decimal("0.5")

#: Wrapping and padding added to every item.
ITEM_PACKAGING_KG = Decimal("0.1")

#: The foam box and ice packs of a parcel that travels cold.
COLD_BOX_KG = Decimal("0.5")
