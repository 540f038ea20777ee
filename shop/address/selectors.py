"""Reads of the division data: the choices the address forms offer and the place an address names."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .constants import CHINA_CODE
from .exceptions import DivisionChoiceError

Country = get_model("address", "Country")
Division = get_model("address", "Division")

INVALID_DIVISION = _("请选择有效的省、市、区县。")
MISMATCHED_DIVISION = _("所选省、市、区县不相符，请重新选择。")


def division_children(*, parent_code=None):
    """The divisions directly under ``parent_code``, by code, each with ``has_children``.

    Without a parent: the provinces that have cities. Hong Kong, Macao and Taiwan have none in
    the data, and a mainland address (省/市/区县, 11-digit mobile) cannot name a place there.
    """
    divisions = (
        Division.objects.filter(parent_id=parent_code)
        .annotate(has_children=Exists(Division.objects.filter(parent_id=OuterRef("pk"))))
        .order_by("code")
    )
    if parent_code is None:
        divisions = divisions.filter(has_children=True)
    return divisions


def division_path(code):
    """The divisions from the province down to ``code`` (one query); empty for an unknown code."""
    division = Division.objects.select_related("parent__parent").filter(pk=code).first()
    path = []
    while division is not None:
        path.insert(0, division)
        division = division.parent
    return path


def division_leaf_resolve(*, province_code, city_code, district_code=""):
    """The division a province, city and (where the city has any) district code choose together.

    That is the district, or the city where it has no districts (直筒子市 such as 东莞, and the
    county-level cities governed by their province such as 仙桃). Raises ``DivisionChoiceError``
    naming the field to correct when a code is missing, unknown, or not under the one before it.
    """
    province_code, city_code, district_code = (
        (code or "").strip() for code in (province_code, city_code, district_code)
    )
    if not province_code:
        raise DivisionChoiceError("province", _("请选择省份。"))
    if not city_code:
        raise DivisionChoiceError("city", _("请选择城市。"))
    chosen = {"province": province_code, "city": city_code}
    if district_code:
        chosen["district"] = district_code
    leaf_field = "district" if district_code else "city"

    path = division_path(chosen[leaf_field])
    if [division.code for division in path] != list(chosen.values()):
        known = set(Division.objects.filter(pk__in=chosen.values()).values_list("pk", flat=True))
        for field, code in chosen.items():
            if code not in known:
                raise DivisionChoiceError(field, INVALID_DIVISION)
        raise DivisionChoiceError(leaf_field, MISMATCHED_DIVISION)
    leaf = path[-1]
    if Division.objects.filter(parent=leaf).exists():
        raise DivisionChoiceError("district", _("请选择区县。"))
    return leaf


def shipping_province(address):
    """The province an address ships to, for shipping methods that serve only some provinces.

    Works on saved and unsaved addresses alike (the checkout keeps a new address in the session
    until the order is placed); ``None`` for an address saved before divisions existed.
    GB/T 2260 codes start with their province's two digits, so this is one query.
    """
    if not address.district_id:
        return None
    return Division.objects.filter(pk=f"{address.district_id[:2]}0000").first()


def country_china():
    return Country._default_manager.get(pk=CHINA_CODE)
