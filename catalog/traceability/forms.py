"""Dashboard forms of traceability. They parse and check input; the rules that span rows (the
product belongs to the cooperative, batch numbers are unique per cooperative) are enforced by
:mod:`.services`, whose errors the views put back on these forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.constants import NetUnit
from catalog.models import ProductionBatch

from .selectors import partners_for_user, products_for_batches

#: Labels of one sheet: 3 columns × 8 rows on A4.
LABELS_PER_SHEET = 24
MAX_LABEL_SHEETS = 10


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.upc}）" if obj.upc else obj.title


class ProductionBatchForm(forms.Form):
    """Records (``batch=None``) or corrects a batch. Only products of the user's own cooperatives
    can be chosen; the cooperative is chosen only by a user who manages several."""

    partner = forms.ModelChoiceField(label=_("合作社"), queryset=None, empty_label=_("请选择合作社"))
    product = ProductChoiceField(label=_("商品"), queryset=None, empty_label=_("请选择商品"))
    batch_number = forms.CharField(
        label=_("批次号"),
        max_length=50,
        help_text=_("本合作社内唯一，例如 XG-2026-1101。"),
    )
    produced_on = forms.DateField(
        label=_("采收/生产日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    quantity = forms.DecimalField(label=_("数量"), max_digits=12, decimal_places=2)
    unit = forms.ChoiceField(label=_("单位"), choices=NetUnit.choices)
    inspection_report = forms.FileField(
        label=_("检测报告"),
        required=False,
        # The model field's validators (a PDF, or a real image within the size limits) only run
        # in Model.full_clean, which this form never calls: run them here.
        validators=ProductionBatch._meta.get_field("inspection_report").validators,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        help_text=_("PDF 或 JPEG/PNG/WebP 图片，不超过 10 MB。扫码的消费者可以查看。"),
    )

    def __init__(self, *args, user, batch=None, **kwargs):
        if batch is not None:
            # FormView always passes ``initial`` (its ``get_initial()``, empty here), so the
            # batch's values are merged under it rather than set only when it is missing.
            kwargs["initial"] = {
                "product": batch.product_id,
                "batch_number": batch.batch_number,
                "produced_on": batch.produced_on,
                "quantity": batch.quantity,
                "unit": batch.unit,
                "inspection_report": batch.inspection_report,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        self.user = user
        self.batch = batch
        partners = partners_for_user(user)
        if batch is not None:
            del self.fields["partner"]
            self.fields["product"].queryset = products_for_batches(user, partner=batch.partner)
            self.fixed_partner = batch.partner
        else:
            own = list(partners[:2])
            self.fields["partner"].queryset = partners
            self.fixed_partner = own[0] if len(own) == 1 else None
            if self.fixed_partner is not None:
                del self.fields["partner"]
            self.fields["product"].queryset = products_for_batches(user)

    def clean_batch_number(self):
        return self.cleaned_data["batch_number"].strip()

    def clean_produced_on(self):
        produced_on = self.cleaned_data["produced_on"]
        if produced_on > timezone.localdate():
            raise forms.ValidationError(_("采收/生产日期不能晚于今天。"), code="future")
        return produced_on

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity <= 0:
            raise forms.ValidationError(_("数量必须大于 0。"), code="not_positive")
        return quantity

    @property
    def chosen_partner(self):
        return self.fixed_partner or self.cleaned_data.get("partner")

    def service_kwargs(self):
        """The cleaned input as keyword arguments of the create/update services."""
        data = self.cleaned_data
        kwargs = {
            "user": self.user,
            "product": data["product"],
            "batch_number": data["batch_number"],
            "produced_on": data["produced_on"],
            "quantity": data["quantity"],
            "unit": data["unit"],
            # ClearableFileInput: a new file, False when "clear" was ticked, None for no change.
            "inspection_report": data.get("inspection_report") or None,
        }
        if self.batch is None:
            kwargs["partner"] = self.chosen_partner
        else:
            kwargs["clear_inspection_report"] = data.get("inspection_report") is False
        return kwargs


class LabelSheetForm(forms.Form):
    """How many labels to print: one A4 sheet holds 24."""

    copies = forms.IntegerField(
        label=_("份数"),
        min_value=1,
        max_value=LABELS_PER_SHEET * MAX_LABEL_SHEETS,
        initial=LABELS_PER_SHEET,
        help_text=_("每张 A4 纸 24 枚（3 列 × 8 行）；PNG 只含第一张。"),
    )
