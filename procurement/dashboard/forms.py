"""Forms of the cooperative's procurement pages in the dashboard. They parse what was typed;
the rules (quantities within the order, a reason when short, who may act) are the services'."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from ..models import CooperativeDeliveryTerms

FEE_ERRORS = {
    "required": _("请填写金额（免费填 0）。"),
    "invalid": _("请填写金额，如 20 或 20.50。"),
    "max_decimal_places": _("金额最多两位小数。"),
    "max_digits": _("金额过大。"),
    "min_value": _("金额不能小于 0。"),
}


class SupplierOrderConfirmForm(forms.Form):
    """确认供货: one quantity per line (prefilled with what was ordered) and a reason when less."""

    reason = forms.CharField(label=_("少供原因"), max_length=200, required=False)

    def __init__(self, *args, supplier_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.supplier_lines = supplier_lines
        for supplier_line in supplier_lines:
            self.fields[f"line-{supplier_line.pk}"] = forms.IntegerField(
                label=supplier_line.line.title,
                min_value=0,
                initial=supplier_line.line.quantity,
                error_messages={
                    "required": _("请填写“%(title)s”的确认数量。") % {"title": supplier_line.line.title},
                    "invalid": _("“%(title)s”的确认数量必须是整数。") % {"title": supplier_line.line.title},
                    "min_value": _("“%(title)s”的确认数量不能小于 0。") % {"title": supplier_line.line.title},
                },
            )

    def line_fields(self):
        return [(supplier_line, self[f"line-{supplier_line.pk}"]) for supplier_line in self.supplier_lines]

    def quantities(self):
        return {
            supplier_line.pk: self.cleaned_data[f"line-{supplier_line.pk}"]
            for supplier_line in self.supplier_lines
        }


class SupplierOrderCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("取消原因"),
        max_length=200,
        error_messages={"required": _("取消供货单时请填写原因，采购方会看到。")},
    )


class DeliveryTermsForm(forms.ModelForm):
    class Meta:
        model = CooperativeDeliveryTerms
        fields = ["own_delivery_fee", "courier_fee"]
        help_texts = {
            "own_delivery_fee": _("随县境内由合作社自行送货上门，每次送货收取的费用；免费填 0。"),
            "courier_fee": _("随县以外通过快递物流发货，每次发货收取的费用。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.update(FEE_ERRORS)
            field.validators.append(MinValueValidator(0))


class QuoteAnswerForm(forms.Form):
    stockrecord = forms.ModelChoiceField(
        label=_("供货商品"),
        queryset=None,
        error_messages={
            "required": _("请选择用于报价的本社商品。"),
            "invalid_choice": _("只能用本合作社已上架的商品报价。"),
        },
    )
    unit_price = forms.DecimalField(
        label=_("报价单价（元）"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("请填写报价单价。"),
            "invalid": _("请填写金额，如 118 或 118.50。"),
            "max_decimal_places": _("金额最多两位小数。"),
            "max_digits": _("金额过大。"),
        },
    )
    quantity = forms.IntegerField(
        label=_("可供数量"),
        error_messages={"required": _("请填写可供数量。"), "invalid": _("可供数量必须是整数。")},
    )
    valid_until = forms.DateField(
        label=_("报价有效期至"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("请填写报价有效期。"), "invalid": _("日期格式应为 年-月-日。")},
    )
    note = forms.CharField(
        label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stockrecords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = stockrecords
        self.fields["stockrecord"].label_from_instance = lambda record: (
            f"{record.product.get_title()}（{record.partner.name} · {record.partner_sku}）"
        )
