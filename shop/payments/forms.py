"""The operator's refund form on the dashboard's order page."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("退款金额（元）"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": _("请填写退款金额。"),
            "invalid": _("请填写正确的金额。"),
            "min_value": _("退款金额必须大于零。"),
        },
    )
    reason = forms.CharField(label=_("退款原因"), max_length=255, required=False)

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line in order.lines.all() if order is not None else []:
            name = f"line_{line.pk}"
            self.fields[name] = forms.IntegerField(
                label=line.title, min_value=0, max_value=line.quantity, required=False
            )
            self.line_fields.append((name, line))

    @property
    def line_quantities(self):
        """``{line id: quantity}`` of the lines the refund is for (empty: the order as a whole)."""
        return {
            line.pk: self.cleaned_data[name] for name, line in self.line_fields if self.cleaned_data.get(name)
        }
