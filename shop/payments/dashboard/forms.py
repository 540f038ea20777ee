"""Forms of the operator's payment pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.payments.selectors import LatePaymentStatus


class LatePaymentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[*LatePaymentStatus.choices, ("", _("全部"))],
        error_messages={"invalid_choice": _("没有“%(value)s”这个状态，已显示待退款的付款。")},
    )
