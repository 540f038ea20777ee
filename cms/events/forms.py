import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import WenfuPageForm
from shop.users.validators import validate_mainland_mobile

from .constants import REGISTRATION_MAX_PEOPLE


class EventPageForm(WenfuPageForm):
    """The festival editor's form: an event needs at least one date of some kind, or it could
    appear on no list, calendar or feed. Each kind's own rules are the model's (``EventPage.clean``)."""

    def clean(self):
        cleaned_data = super().clean()
        dates = self.formsets["dates"]
        has_dates = any(
            form.cleaned_data and not form.cleaned_data.get("DELETE")
            for form in dates.forms
            if form.is_valid()
        )
        has_rule = cleaned_data.get("recurrence_rule") or cleaned_data.get("recurrence_start")
        has_lunar = cleaned_data.get("lunar_month") or cleaned_data.get("lunar_day")
        if not (has_dates or has_rule or has_lunar) and not dates.errors:
            raise forms.ValidationError(_("请至少填写一种活动时间：指定日期、重复规则或农历日期。"))
        return cleaned_data


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名。")})
    mobile = forms.CharField(
        label=_("手机号"),
        max_length=11,
        validators=[validate_mainland_mobile],
        error_messages={"required": _("请填写手机号，主办单位会用它联系您。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    people = forms.IntegerField(
        label=_("人数"),
        min_value=1,
        max_value=REGISTRATION_MAX_PEOPLE,
        initial=1,
        error_messages={
            "max_value": _("每次最多报名 %(limit_value)s 人，更多人请联系主办单位。"),
            "min_value": _("人数至少为 1。"),
        },
    )

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_mobile(self):
        return self.cleaned_data["mobile"].strip()


MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value):
    """``2027-05`` as the first day of that month, or ``None`` when it is not a month."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


class EventFilterForm(forms.Form):
    """The index's filters. A filter that does not read (a crafted month, an unknown town) is
    reported and ignored, and the list shows what it would without it."""

    WHEN_CHOICES = [("upcoming", _("即将举办")), ("past", _("往期回顾"))]

    when = forms.ChoiceField(choices=WHEN_CHOICES, required=False)
    month = forms.CharField(label=_("月份"), required=False)
    town = forms.ChoiceField(label=_("镇/场/景区"), required=False)

    def __init__(self, *args, towns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].choices = [("", _("全部"))] + [(town, town) for town in towns]
        self.fields["town"].error_messages["invalid_choice"] = _("没有在“%(value)s”举办的活动。")

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        month = parse_month(value)
        if month is None:
            raise forms.ValidationError(_("月份请写成 2027-05 这样的格式。"))
        return month

    def clean_when(self):
        return self.cleaned_data["when"] or "upcoming"

    def filters(self):
        """The valid filters as keyword arguments of ``selectors.event_list`` (an invalid field
        is left out of ``cleaned_data`` and so ignored)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "when": data.get("when") or "upcoming",
            "month": data.get("month"),
            "town": data.get("town") or "",
        }
