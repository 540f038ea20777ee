"""Forms of the standing-order pages: the template, its lines and a blocked date. They parse
input only; the rules (roles, address, lines, dates) are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.pricing import orderable_stockrecords
from procurement.selectors import delivery_addresses_for

from .calendar import WEEKDAY_NAMES
from .services import MAX_LEAD_DAYS


class StockRecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.product.get_title()} · {obj.partner.name}（{obj.partner_sku}）"


class StandingOrderForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("例如：每周一、四蔬菜"))
    delivery_address = forms.ModelChoiceField(label=_("收货地址"), queryset=None, empty_label=None)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("每周送货日"),
        choices=list(WEEKDAY_NAMES.items()),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个每周送货日。")},
    )
    include_makeup_workdays = forms.BooleanField(
        label=_("调休上班日也送货"),
        required=False,
        help_text=_("法定节假日不送货；周末调休上班时食堂照常开伙，勾选后那天也送一次货。"),
    )
    lead_days = forms.IntegerField(
        label=_("提前生成天数"),
        min_value=1,
        max_value=MAX_LEAD_DAYS,
        initial=3,
        help_text=_("送货日前几天自动生成并提交采购单，留出审批和合作社备货的时间。"),
        error_messages={"invalid": _("请输入整数天数。")},
    )

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_address"].queryset = delivery_addresses_for(user, organisation)


class StandingOrderLineForm(forms.Form):
    stockrecord = StockRecordChoiceField(
        label=_("商品"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("该商品不存在或已下架。")},
    )
    quantity = forms.IntegerField(
        label=_("数量"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("数量应为正整数。"), "min_value": _("数量应为正整数。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = orderable_stockrecords().order_by(
            "partner__name", "product__title"
        )

    def clean(self):
        cleaned = super().clean()
        stockrecord, quantity = cleaned.get("stockrecord"), cleaned.get("quantity")
        if stockrecord and not quantity and "quantity" not in self.errors:
            self.add_error("quantity", _("请填写数量。"))
        if quantity and not stockrecord and "stockrecord" not in self.errors:
            self.add_error("stockrecord", _("请选择商品。"))
        return cleaned


class BaseLineFormSet(forms.BaseFormSet):
    def lines(self):
        """``[(stockrecord_id, quantity)]`` of the filled, not deleted rows."""
        return [
            (form.cleaned_data["stockrecord"].pk, form.cleaned_data["quantity"])
            for form in self.forms
            if form.cleaned_data.get("stockrecord") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        if not self.lines():
            raise forms.ValidationError(_("定期采购至少要有一种商品。"))


StandingOrderLineFormSet = forms.formset_factory(
    StandingOrderLineForm, formset=BaseLineFormSet, extra=3, can_delete=True
)


class SkipForm(forms.Form):
    date = forms.DateField(
        label=_("不送货日期"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请输入正确的日期，例如 2026-10-08。"), "required": _("请选择日期。")},
    )
