"""Address forms for mainland China, used by every address form Oscar builds.

Oscar's checkout, payment and dashboard forms all derive from ``address.forms.AbstractAddressForm``
(loaded with ``get_class``), so this one base gives the checkout shipping address page, the address
book and the dashboard the same fields: 收货人, 手机号码, 省 / 市 / 区县, 乡镇/街道, 详细地址.

The three division selects post GB/T 2260 codes. ``static/js/divisions.js`` fills the city and
district choices from ``address:divisions`` as the shopper picks; without JavaScript the form is
still checked on the server, and after a post it offers the cities of the chosen province.
"""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import AbstractAddressForm as OscarAbstractAddressForm
from oscar.core.loading import get_model
from phonenumber_field.phonenumber import PhoneNumber

from shop.users.validators import validate_mainland_mobile

from .constants import CHINA_CODE
from .exceptions import DivisionChoiceError
from .selectors import country_china, division_children, division_leaf_resolve, division_path

UserAddress = get_model("address", "useraddress")

#: The fields a mainland address shows, in this order; Oscar's others are dropped or derived.
ADDRESS_FIELDS = ("first_name", "phone_number", "province", "city", "district", "street", "line1")
#: Oscar's fields with no place in a mainland address, or filled from the district on save.
DROPPED_FIELDS = ("title", "last_name", "line2", "line3", "line4", "state", "postcode", "notes")

PLACEHOLDERS = {
    "province": _("请选择省份"),
    "city": _("请选择城市"),
    "district": _("请选择区县"),
}


def mobile_digits(value):
    """``13800000000`` from what people type (spaces, dashes, a +86 prefix) or a stored number."""
    if isinstance(value, PhoneNumber):
        return str(value.national_number) if value.country_code == 86 else value.as_e164
    digits = re.sub(r"[\s-]", "", str(value or ""))
    return re.sub(r"^(\+|00)86", "", digits)


class DivisionSelect(forms.Select):
    """A select of one division level, which ``static/js/divisions.js`` refills from the JSON view."""

    def __init__(self, level):
        super().__init__(
            attrs={
                "data-division-level": level,
                "data-divisions-url": reverse_lazy("address:divisions"),
                "data-placeholder": PLACEHOLDERS[level],
            }
        )


def division_field(level, label):
    # A plain field: the division rules, not the choices on the page, decide what is valid.
    return forms.CharField(label=label, required=False, widget=DivisionSelect(level))


class AbstractAddressForm(OscarAbstractAddressForm):
    """Oscar's address form base, for a mainland address. See the module docstring."""

    first_name = forms.CharField(
        label=_("收货人"),
        max_length=255,
        error_messages={"required": _("请填写收货人姓名。")},
    )
    phone_number = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        error_messages={"required": _("请填写收货人的手机号码。")},
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel-national"}),
    )
    province = division_field("province", _("省份"))
    city = division_field("city", _("城市"))
    district = division_field("district", _("区/县"))
    street = forms.CharField(
        label=_("乡镇/街道"),
        max_length=64,
        error_messages={"required": _("请填写乡镇或街道。")},
    )
    line1 = forms.CharField(
        label=_("详细地址"),
        max_length=255,
        error_messages={"required": _("请填写详细地址。")},
        widget=forms.TextInput(attrs={"placeholder": _("村、小区、门牌号等")}),
    )

    field_order = ADDRESS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Oscar's PhoneNumberMixin, next in the MRO of every address form, reads this after we
        # return: with it empty, the mainland mobile field above stays and Oscar's international
        # phone handling is skipped.
        self.phone_number_fields = {}
        for name in DROPPED_FIELDS:
            self.fields.pop(name, None)
        if "country" in self.fields:
            # Oscar's checkout drops the country when only one is for shipping; where it is still
            # here (the dashboard), it is fixed to China like every address.
            self.fields["country"].widget = forms.HiddenInput()
            self.fields["country"].required = False
        self._set_initial_from_instance()
        self._set_division_choices()

    def _set_initial_from_instance(self):
        """Shows a saved (or, at checkout, session-kept) address in the fields it is edited with."""
        district_code = self.initial.get("district_id") or self.instance.district_id
        if district_code and not self.initial.get("province"):
            codes = [division.code for division in division_path(district_code)]
            for name, code in zip(("province", "city", "district"), codes, strict=False):
                self.initial[name] = code
        if not self.initial.get("street") and self.instance.street:
            self.initial["street"] = self.instance.street
        phone = self.initial.get("phone_number") or self.instance.phone_number
        if phone:
            self.initial["phone_number"] = mobile_digits(phone)

    def _chosen_code(self, name):
        if self.is_bound:
            return (self.data.get(self.add_prefix(name)) or "").strip()
        return self.initial.get(name) or ""

    def _set_division_choices(self):
        """Offers the provinces, and the cities and districts under the ones already chosen."""
        parents = {
            "province": None,
            "city": self._chosen_code("province"),
            "district": self._chosen_code("city"),
        }
        for name, parent_code in parents.items():
            choices = [("", PLACEHOLDERS[name])]
            if name == "province" or parent_code:
                choices += [
                    (division.code, division.name) for division in division_children(parent_code=parent_code)
                ]
            self.fields[name].widget.choices = choices

    @property
    def other_fields(self):
        """Bound fields beyond a mainland address's own, for templates that lay those out by hand."""
        return [self[name] for name in self.fields if name not in ADDRESS_FIELDS]

    def clean_phone_number(self):
        # Checked once spaces and a +86 prefix are gone, so people may type the number as they say it.
        digits = mobile_digits(self.cleaned_data["phone_number"])
        validate_mainland_mobile(digits)
        return PhoneNumber.from_string(digits, region=CHINA_CODE)

    def clean(self):
        cleaned_data = super().clean()
        try:
            self.instance.district = division_leaf_resolve(
                province_code=cleaned_data.get("province"),
                city_code=cleaned_data.get("city"),
                district_code=cleaned_data.get("district"),
            )
        except DivisionChoiceError as error:
            self.add_error(error.field, error.message)
        self.instance.street = cleaned_data.get("street", "")
        self.instance.country = country_china()
        if "country" in self.fields:
            cleaned_data["country"] = self.instance.country
        return cleaned_data


class UserAddressForm(AbstractAddressForm):
    """An address book entry; Oscar's address book and checkout views build it with the user."""

    class Meta:
        model = UserAddress
        fields = ["first_name", "phone_number", "line1"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
