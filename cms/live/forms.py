from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import TABS, LiveStatus
from .selectors import live_sale_hosts


class LiveSaleFilterForm(forms.Form):
    """The index's tab and cooperative, from the query string. A value that does not exist is
    reported and ignored: the visitor sees every sale rather than an empty page."""

    tab = forms.ChoiceField(
        label=_("栏目"),
        choices=[(status.value, label) for status, label in TABS.items()],
        required=False,
        error_messages={"invalid_choice": _("没有“%(value)s”这个栏目。")},
    )
    coop = forms.ModelChoiceField(
        label=_("合作社"),
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("全部合作社"),
        error_messages={"invalid_choice": _("没有找到这个合作社的直播，已显示全部直播。")},
        widget=forms.Select(attrs={"class": "custom-select custom-select-sm"}),
    )

    def __init__(self, data=None, *, index):
        super().__init__(data)
        self.fields["coop"].queryset = live_sale_hosts(index)

    def cleaned_filters(self):
        """``tab`` (a ``LiveStatus`` or None) and ``coop`` (a partner or None), the valid ones."""
        self.is_valid()
        tab = self.cleaned_data.get("tab")
        return {"tab": LiveStatus(tab) if tab else None, "coop": self.cleaned_data.get("coop")}
