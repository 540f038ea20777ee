"""Forms of the buyer's order pages. They check what a person typed (a whole number, a date in
range, a product chosen once); whether the lines can be ordered is the services' rule
(``procurement.services.lines_check``), whose problems the views put back on each row."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import MAX_DELIVERY_DAYS_AHEAD
from ..pricing import quantity_problem
from ..services import delivery_date_problem

#: Blank rows a new order form starts with, and how many rows a form may have.
BLANK_ROWS = 3
MAX_ROWS = 200


class QuantityField(forms.CharField):
    """A quantity as typed: ``0``, ``-1``, ``1.5`` and ``十`` get a clear message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("数量"))
        kwargs.setdefault("max_length", 9)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "class": "form-control", "size": 6})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        problem = quantity_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return int(value)


class PurchaseOrderForm(forms.Form):
    """Address, requested date and note of a purchase order."""

    delivery_address = forms.ModelChoiceField(
        label=_("收货地址"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-control"}),
    )
    delivery_date = forms.DateField(
        label=_("要求到货日期"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请输入正确的日期，如 2026-03-01")},
    )
    note = forms.CharField(
        label=_("备注"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, addresses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_address"].queryset = addresses
        today = timezone.localdate()
        self.fields["delivery_date"].widget.attrs.update(
            {
                "min": (today + datetime.timedelta(days=1)).isoformat(),
                "max": (today + datetime.timedelta(days=MAX_DELIVERY_DAYS_AHEAD)).isoformat(),
            }
        )

    def clean_delivery_date(self):
        delivery_date = self.cleaned_data["delivery_date"]
        problem = delivery_date_problem(delivery_date)
        if problem:
            raise forms.ValidationError(problem)
        return delivery_date


class LineForm(forms.Form):
    """One row: a product (stock record) and its quantity. A blank row is ignored."""

    stockrecord = forms.TypedChoiceField(
        label=_("商品"), coerce=int, required=False, widget=forms.Select(attrs={"class": "form-control"})
    )
    quantity = QuantityField(required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].choices = [("", _("— 选择商品 —")), *choices]
        self.fields["stockrecord"].error_messages["invalid_choice"] = _("该商品已不能采购，请删除这一行")

    def clean(self):
        cleaned = super().clean()
        stockrecord, quantity = cleaned.get("stockrecord"), cleaned.get("quantity")
        if stockrecord and quantity is None and "quantity" not in self.errors:
            self.add_error("quantity", _("请填写数量"))
        if quantity is not None and not stockrecord and "stockrecord" not in self.errors:
            self.add_error("stockrecord", _("请选择商品"))
        return cleaned


class BaseLineFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            stockrecord = form.cleaned_data.get("stockrecord")
            if not stockrecord:
                continue
            if stockrecord in seen:
                form.add_error("stockrecord", _("同一商品出现了两次，请合并为一行"))
            seen.add(stockrecord)
        if not seen and not any(form.errors for form in self.forms):
            raise forms.ValidationError(_("采购单至少要有一种商品。"))

    def lines(self):
        """``[(stock record id, quantity)]`` of the rows kept, in their order."""
        return [
            (form.cleaned_data["stockrecord"], form.cleaned_data["quantity"])
            for form in self.forms
            if form.cleaned_data.get("stockrecord")
            and not (self.can_delete and self._should_delete_form(form))
        ]


LineFormSet = forms.formset_factory(
    LineForm,
    formset=BaseLineFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)
