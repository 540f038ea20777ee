"""Forms of registration, settings, members and delivery addresses. They check what was typed;
the rules (which prefix fits which kind, who may do what, the last 管理员) are the services'."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from shop.address.forms import AbstractAddressForm, mobile_digits
from shop.users.validators import validate_mainland_mobile

from ..constants import DEFAULT_TARGET_SHARE, OrganisationStatus, Role
from ..models import DeliveryAddress, Organisation
from .services import credit_code_problem

TARGET_AMOUNT = "amount"
TARGET_BUDGET = "budget"
ROLE_CHOICES = Role.choices


class TargetFieldsMixin(forms.Form):
    """The yearly purchase target: an amount, or the declared annual food budget × a share
    (in per cent here, stored as a fraction)."""

    target_mode = forms.ChoiceField(
        label=_("年度采购目标"),
        choices=[(TARGET_AMOUNT, _("直接填写目标金额")), (TARGET_BUDGET, _("按年度食材预算 × 比例计算"))],
        initial=TARGET_AMOUNT,
        widget=forms.RadioSelect,
    )
    target_percent = forms.DecimalField(
        label=_("比例（%）"),
        required=False,
        max_digits=4,
        decimal_places=1,
        initial=DEFAULT_TARGET_SHARE * 100,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(100)],
        help_text=_("预算中用于采购安置区产品的比例，默认 10%。"),
    )

    def _target_initial(self):
        organisation = self.instance
        if organisation.pk and organisation.annual_target is None and organisation.annual_food_budget:
            self.initial["target_mode"] = TARGET_BUDGET
        self.initial["target_percent"] = (organisation.target_share * 100).quantize(Decimal("0.1"))

    def _target_clean(self, cleaned_data):
        mode = cleaned_data.get("target_mode")
        if mode == TARGET_AMOUNT:
            if not cleaned_data.get("annual_target"):
                self.add_error("annual_target", _("请填写年度采购目标金额。"))
        elif mode == TARGET_BUDGET:
            if not cleaned_data.get("annual_food_budget"):
                self.add_error("annual_food_budget", _("请填写年度食材预算。"))
            percent = cleaned_data.get("target_percent")
            if percent is None:
                self.add_error("target_percent", _("请填写比例。"))
            else:
                cleaned_data["target_share"] = (percent / 100).quantize(Decimal("0.001"))
            cleaned_data["annual_target"] = None
        for name in ("annual_target", "annual_food_budget"):
            value = cleaned_data.get(name)
            if value is not None and value <= 0:
                self.add_error(name, _("金额必须大于 0。"))
        return cleaned_data

    def _post_clean(self):
        # The amounts are model fields the ModelForm copies; the share is typed in per cent.
        super()._post_clean()
        if "target_share" in self.cleaned_data:
            self.instance.target_share = self.cleaned_data["target_share"]


class OrganisationForm(TargetFieldsMixin, forms.ModelForm):
    """Registration (and, after a rejection, correction) of an organisation's details."""

    field_order = [
        "name",
        "kind",
        "credit_code",
        "invoice_title",
        "registered_address",
        "contact_name",
        "contact_mobile",
        "contact_email",
        "bank_name",
        "bank_account",
        "target_mode",
        "annual_target",
        "annual_food_budget",
        "target_percent",
    ]

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "credit_code",
            "invoice_title",
            "registered_address",
            "contact_name",
            "contact_mobile",
            "contact_email",
            "bank_name",
            "bank_account",
            "annual_target",
            "annual_food_budget",
        ]
        help_texts = {
            "credit_code": _("18 位，见营业执照或事业单位法人证书；同时作为发票的纳税人识别号。"),
            "invoice_title": _("开具发票时的单位名称，一般与单位名称相同。"),
            "bank_name": _("开具增值税专用发票时需要，可以以后在设置中填写。"),
            "bank_account": _("开具增值税专用发票时需要，可以以后在设置中填写。"),
            "annual_target": _("本年度计划采购安置区产品的金额（元）。"),
        }
        error_messages = {
            "name": {"required": _("请填写单位名称。")},
            "kind": {"required": _("请选择单位类型。")},
            "credit_code": {
                "required": _("请填写统一社会信用代码。"),
                "unique": _("该统一社会信用代码已经注册。"),
            },
            "invoice_title": {"required": _("请填写发票抬头。")},
            "registered_address": {"required": _("请填写注册地址。")},
            "contact_name": {"required": _("请填写联系人。")},
            "contact_mobile": {"required": _("请填写联系人手机号。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_mobile"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel-national"}
        )
        self.fields["credit_code"].widget.attrs.update(
            {"autocapitalize": "characters", "spellcheck": "false"}
        )
        self._target_initial()

    def clean_credit_code(self):
        return self.cleaned_data["credit_code"].strip().upper()

    def validate_unique(self):
        # The credit code's uniqueness is told in the services' own words (clean, below).
        exclude = self._get_validation_exclusions() | {"credit_code"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

    def clean(self):
        cleaned_data = self._target_clean(super().clean())
        kind, code = cleaned_data.get("kind"), cleaned_data.get("credit_code")
        if kind and code:
            problem = credit_code_problem(kind=kind, credit_code=code, organisation=self.instance)
            if problem:
                self.add_error("credit_code", problem)
        return cleaned_data


class OrganisationSettingsForm(TargetFieldsMixin, forms.ModelForm):
    """What the 管理员 changes at any time: contact, bank details, target, auto-approval."""

    field_order = [
        "contact_name",
        "contact_mobile",
        "contact_email",
        "bank_name",
        "bank_account",
        "target_mode",
        "annual_target",
        "annual_food_budget",
        "target_percent",
        "auto_approve_below",
        "publish_amounts",
    ]

    class Meta:
        model = Organisation
        fields = [
            "contact_name",
            "contact_mobile",
            "contact_email",
            "bank_name",
            "bank_account",
            "annual_target",
            "annual_food_budget",
            "auto_approve_below",
            "publish_amounts",
        ]
        help_texts = {
            "auto_approve_below": _("金额低于此数的采购单提交后自动审批通过；填 0 表示每张采购单都要审批。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._target_initial()
        self.fields["auto_approve_below"].validators.append(MinValueValidator(0))

    def clean(self):
        return self._target_clean(super().clean())

    def settings_values(self):
        """The values to hand to ``organisation_settings_save``."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        if "target_share" in self.cleaned_data:
            values["target_share"] = self.cleaned_data["target_share"]
        return values


class DeliveryAddressForm(AbstractAddressForm):
    """A canteen kitchen: its label, the receiving contact and the mainland address fields of
    the shop's address book (GB/T 2260 province / city / district, street, detail)."""

    class Meta:
        model = DeliveryAddress
        fields = ["label", "first_name", "phone_number", "line1"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = _("收货联系人")
        self.fields["first_name"].error_messages["required"] = _("请填写收货联系人姓名。")
        self.fields["label"].error_messages["required"] = _("请填写地址名称，如：一号食堂后厨。")

    @property
    def other_fields(self):
        # The label is laid out above the address, not after it.
        return [field for field in super().other_fields if field.name != "label"]


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            label=_("角色"),
            choices=ROLE_CHOICES,
            error_messages={"required": _("请至少选择一个角色。")},
            **kwargs,
        )


class InvitationForm(forms.Form):
    mobile = forms.CharField(
        label=_("手机号"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("邮箱"), required=False, help_text=_("填写邮箱时，邀请链接会发送到该邮箱。")
    )
    roles = RolesField()

    def clean_mobile(self):
        mobile = mobile_digits(self.cleaned_data["mobile"])
        if mobile:
            validate_mainland_mobile(mobile)
        return mobile

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("mobile") or cleaned_data.get("email")) and not self.has_error("mobile"):
            raise forms.ValidationError(_("请填写被邀请人的手机号或邮箱（至少一项）。"))
        return cleaned_data


class MemberRolesForm(forms.Form):
    roles = RolesField()


class ReasonForm(forms.Form):
    """A reason the operator must give (reject, suspend)."""

    reason = forms.CharField(
        label=_("原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写原因。")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("请填写原因。"))
        return reason


class OrganisationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False)
    q = forms.CharField(label=_("单位名称或信用代码"), required=False, max_length=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("全部")), *OrganisationStatus.choices]
