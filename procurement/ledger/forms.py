"""The ledger's filters, read from the query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.constants import OrganisationKind

from .models import LedgerChannel
from .selectors import LedgerFilters, ledger_towns, ledger_years, this_year


def months():
    """The months, named in the request's language (a callable: choices are read per form)."""
    return [(month, _("%(month)s月") % {"month": month}) for month in range(1, 13)]


class LedgerFilterForm(forms.Form):
    """年份, 月份 from–to, 乡镇, 单位类型, 渠道. ``filters()`` is what a valid form asks for,
    or this year's whole ledger when nothing (or nothing valid) was asked."""

    year = forms.TypedChoiceField(label=_("年份"), coerce=int, required=False)
    month_from = forms.TypedChoiceField(label=_("起始月份"), choices=months, coerce=int, required=False)
    month_to = forms.TypedChoiceField(label=_("结束月份"), choices=months, coerce=int, required=False)
    town = forms.ChoiceField(label=_("乡镇"), required=False)
    organisation_kind = forms.ChoiceField(
        label=_("单位类型"), choices=[("", _("全部"))] + OrganisationKind.choices, required=False
    )
    channel = forms.ChoiceField(
        label=_("渠道"), choices=[("", _("全部"))] + LedgerChannel.choices, required=False
    )

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (year, _("%(year)s年") % {"year": year}) for year in ledger_years(months)
        ]
        self.fields["town"].choices = [("", _("全部"))] + [(town, town) for town in ledger_towns()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("month_from") or 1, cleaned.get("month_to") or 12
        if start > end:
            raise forms.ValidationError(_("起始月份不能晚于结束月份。"))
        return cleaned

    def fields_with_values(self, filters):
        """``[(bound field, the value the report uses)]``: what each select shows as chosen."""
        return [(self[name], getattr(filters, name)) for name in self.fields]

    def filters(self):
        if not self.is_valid():
            return LedgerFilters(year=this_year())
        data = self.cleaned_data
        return LedgerFilters(
            year=data.get("year") or this_year(),
            month_from=data.get("month_from") or 1,
            month_to=data.get("month_to") or 12,
            town=data.get("town") or "",
            organisation_kind=data.get("organisation_kind") or "",
            channel=data.get("channel") or "",
        )
