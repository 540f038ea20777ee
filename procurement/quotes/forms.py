"""Forms of the buyer's quote pages; the rules themselves are in ``procurement.quotes.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from ..pricing import orderable_stockrecords
from ..selectors import delivery_addresses_for
from .selectors import quote_partners_askable

Product = get_model("catalogue", "Product")

WHOLE_NUMBER = {
    "required": _("请填写数量。"),
    "invalid": _("数量必须是正整数。"),
    "min_value": _("数量必须大于 0。"),
}


class QuoteRequestForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("商品"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("（未上架的商品：在下方描述）"),
        error_messages={"invalid_choice": _("该商品未上架，请改为填写需求描述。")},
    )
    description = forms.CharField(
        label=_("需求描述"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("未选择商品时填写：品名、规格、质量要求等。"),
    )
    unit = forms.CharField(label=_("单位"), max_length=10, required=False, help_text=_("如：公斤、箱、袋。"))
    quantity = forms.IntegerField(label=_("数量"), min_value=1, error_messages=WHOLE_NUMBER)
    delivery_address = forms.ModelChoiceField(
        label=_("收货地址"),
        queryset=None,
        error_messages={"invalid_choice": _("收货地址不属于本单位。")},
    )
    delivery_date = forms.DateField(
        label=_("要求到货日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("日期格式应为 年-月-日。")},
    )
    deadline = forms.DateTimeField(
        label=_("报价截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("时间格式应为 年-月-日 时:分。")},
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("询价合作社"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("请至少选择一家合作社。"),
            "invalid_choice": _("所选合作社暂不能询价。"),
            "invalid_pk_value": _("所选合作社暂不能询价。"),
        },
    )

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        listed = orderable_stockrecords().values("product_id")
        self.fields["product"].queryset = Product.objects.filter(pk__in=listed).order_by("title")
        self.fields["delivery_address"].queryset = delivery_addresses_for(user, organisation)
        self.fields["partners"].queryset = quote_partners_askable()
        for name, field in self.fields.items():
            if name != "partners":
                field.widget.attrs["class"] = "form-control"

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "product": data["product"],
            "description": data["description"],
            "unit": data["unit"],
            "quantity": data["quantity"],
            "delivery_address": data["delivery_address"],
            "delivery_date": data["delivery_date"],
            "deadline": data["deadline"],
            "partners": data["partners"],
        }
