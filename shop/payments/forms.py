"""The operator's refund form on the dashboard's order page."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import refundable_line_quantities


class RefundForm(forms.Form):
    """A refund of an amount, or of some units of the order's lines (their amount is then what
    those units were paid, unless a smaller amount is given)."""

    amount = forms.DecimalField(
        label=_("退款金额（元）"),
        help_text=_("按商品行退款时可留空，按所选商品的实付金额退款。"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "invalid": _("请填写正确的金额。"),
            "min_value": _("退款金额必须大于零。"),
        },
    )
    reason = forms.CharField(label=_("退款原因"), max_length=255, required=False)

    def __init__(self, *args, order=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        if order is None:
            return
        left = refundable_line_quantities(order)
        for line in order.lines.all():
            name = f"line_{line.pk}"
            # Django fills in %(limit_value)s afterwards, so a % in the title must be escaped.
            title = line.title.replace("%", "%%")
            too_many = _("“%(title)s”最多还能退 %%(limit_value)s 件。") % {"title": title}
            self.fields[name] = forms.IntegerField(
                label=line.title,
                min_value=0,
                max_value=left[line.pk],
                required=False,
                error_messages={
                    "invalid": _("退款件数须为整数。"),
                    "min_value": _("退款件数不能为负数。"),
                    "max_value": too_many,
                },
            )
            line.refundable_quantity = left[line.pk]
            self.line_fields.append((name, line))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") is None and not self.line_quantities and not self.errors:
            raise forms.ValidationError(_("请填写退款金额，或选择要退款的商品件数。"))
        return cleaned

    @property
    def line_quantities(self):
        """``{line id: quantity}`` of the lines the refund is for (empty: the order as a whole)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {line.pk: cleaned[name] for name, line in self.line_fields if cleaned.get(name)}
