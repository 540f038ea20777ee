"""Forms of the operator's listing review pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.constants import ListingReviewStatus


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), *ListingReviewStatus.choices],
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("驳回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("请填写驳回理由，合作社会看到它。")},
    )
