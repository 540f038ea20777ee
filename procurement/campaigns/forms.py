"""Forms of the union's welfare pages; the rules themselves are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.imports.forms import ImportUploadForm

from .models import Campaign, UnionMember


class MemberForm(forms.ModelForm):
    class Meta:
        model = UnionMember
        fields = ["name", "mobile", "department", "staff_number"]


class RosterUploadForm(ImportUploadForm):
    """The purchase-order import's upload (an .xlsx of at most 5 MB), for the roster."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("会员名册（.xlsx）")
        self.fields["file"].help_text = _("第一行依次为 姓名、手机号、部门、工号；不超过 5,000 行、5 MB。")


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "holiday", "starts_on", "ends_on", "member_amount", "budget"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "member_amount": _("每位会员一张电子券的面额，不超过本工会的上限。"),
            "budget": _("发放前检查：在册会员人数 × 每人金额不能超过预算。"),
        }
