"""Forms of invoices and settlement: they parse input; every rule is in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.validators import validate_document_upload

from ..constants import InvoiceKind, SettlementMethod


class InvoiceRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("发票类型"), choices=InvoiceKind.choices, initial=InvoiceKind.ORDINARY)


class IdsField(forms.TypedMultipleChoiceField):
    """Ids of the choices offered, or any other id: the service refuses another organisation's
    or a not yet invoiced one with a message that says which, rather than "not a valid choice"."""

    def valid_value(self, value):
        return str(value).isdigit()


class SettlementCreateForm(forms.Form):
    supplier_orders = IdsField(
        label=_("供货单"),
        coerce=int,
        error_messages={"required": _("请至少选择一张已开票的供货单。")},
    )
    method = forms.ChoiceField(label=_("结算方式"), choices=SettlementMethod.choices)

    def __init__(self, *args, supplier_orders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier_orders"].choices = [(so.pk, so.order.number) for so in supplier_orders]


class TransferRecordForm(forms.Form):
    bank_reference = forms.CharField(
        label=_("银行转账流水号"),
        max_length=64,
        error_messages={"required": _("请填写银行转账流水号。")},
    )


class InvoiceIssueForm(forms.Form):
    number = forms.CharField(label=_("发票号码"), max_length=40)
    issued_on = forms.DateField(label=_("开票日期"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(
        label=_("发票金额（元）"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages={"max_decimal_places": _("金额最多两位小数（到分）。")},
    )
    pdf = forms.FileField(
        label=_("发票 PDF"),
        validators=[validate_document_upload],
        help_text=_("上传税务发票的 PDF 文件（不超过 10 MB）。"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
