"""Forms of onboarding. They check input and give Chinese messages; services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.constants import ApplicationStatus
from catalog.models import CooperativeApplication, QualificationDocument, ResettlementArea
from catalog.validators import validate_document_upload

from . import selectors

DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp"


def _clean_document(upload):
    """A PDF or a real JPEG/PNG/WebP image, with one message naming what is accepted."""
    if upload is None or not hasattr(upload, "content_type"):
        return upload  # no new upload: the stored file stays
    try:
        validate_document_upload(upload)
    except ValidationError as error:
        if error.code in {"not_an_image", "image_format"}:
            raise ValidationError(
                _("请上传 PDF 文件或 JPEG、PNG、WebP 格式的图片（扫描件或照片）。"), code="document_format"
            ) from error
        raise
    return upload


def _clean_expiry(value, message):
    if value and value < timezone.localdate():
        raise ValidationError(message, code="expired")
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ApplicationForm(forms.ModelForm):
    """The public application (申请入驻); refuses a used credit code and an expired licence."""

    areas = forms.ModelMultipleChoiceField(
        label=_("带动安置区"),
        queryset=ResettlementArea.objects.order_by("town", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个带动的安置区。")},
    )

    class Meta:
        model = CooperativeApplication
        fields = [
            "shop_name",
            "legal_name",
            "credit_code",
            "legal_representative",
            "contact_mobile",
            "address",
            "areas",
            "households_linked",
            "people_employed",
            "benefit_mechanism",
            "business_license",
            "business_license_expires_on",
        ]
        widgets = {
            "business_license_expires_on": DateInput(),
            "benefit_mechanism": forms.Textarea(attrs={"rows": 4}),
            # Not ClearableFileInput: it links to the stored file, and a private file has no
            # URL; the licence already uploaded stays unless a new one is chosen.
            "business_license": forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {
            "shop_name": _("在商城中显示的名称，例如“随县三里岗香菇合作社”。"),
            "credit_code": _("营业执照上的 18 位代码，农民专业合作社以 93 开头。"),
            "contact_mobile": _("11 位手机号，审核人员会与您联系。"),
            "benefit_mechanism": _("如何带动搬迁群众增收：务工、入股分红、订单收购等。"),
            "business_license": _("营业执照扫描件或照片：PDF、JPEG、PNG 或 WebP，不超过 10 MB。"),
            "business_license_expires_on": _("长期有效请留空。"),
        }
        error_messages = {
            field: {"required": _("请填写此项。")}
            for field in [
                "shop_name",
                "legal_name",
                "credit_code",
                "legal_representative",
                "contact_mobile",
                "address",
                "benefit_mechanism",
            ]
        } | {
            "business_license": {"required": _("请上传营业执照。")},
            "contact_mobile": {
                "required": _("请填写此项。"),
                "max_length": _("请输入 11 位中国大陆手机号码，例如 13800000000。"),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.business_license:
            self.fields["business_license"].help_text = _(
                "已上传营业执照；如需更换，请重新选择文件（PDF、JPEG、PNG 或 WebP，不超过 10 MB）。"
            )

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        exclude = self.instance.pk if self.instance.pk else None
        if selectors.credit_code_in_use(credit_code=code, exclude_application_id=exclude):
            raise ValidationError(
                _("该统一社会信用代码已入驻稳富，或已有待处理的入驻申请。"), code="credit_code_taken"
            )
        return code

    def clean_contact_mobile(self):
        return self.cleaned_data["contact_mobile"].strip()

    def clean_business_license(self):
        return _clean_document(self.cleaned_data.get("business_license"))

    def clean_business_license_expires_on(self):
        return _clean_expiry(
            self.cleaned_data.get("business_license_expires_on"),
            _("营业执照已过有效期，请上传有效期内的营业执照。"),
        )


class ReasonForm(forms.Form):
    """The operator's reason (rejecting, asking for changes, suspending)."""

    reason = forms.CharField(
        label=_("原因"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("请填写原因或说明。")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("请填写原因或说明。"), code="required")
        return reason


class RejectForm(ReasonForm):
    prefix = "reject"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("驳回原因")


class RequestChangesForm(ReasonForm):
    prefix = "changes"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("需要补充或修改的内容")


class SuspendForm(ReasonForm):
    reason = forms.CharField(
        label=_("暂停原因"),
        max_length=200,
        error_messages={"required": _("暂停合作社须填写原因。")},
    )


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + list(ApplicationStatus.choices)
    )


class QualificationDocumentForm(forms.ModelForm):
    """Upload of a qualification document to one of the cooperatives the user may manage."""

    class Meta:
        model = QualificationDocument
        fields = ["cooperative", "kind", "number", "expires_on", "file"]
        widgets = {
            "expires_on": DateInput(),
            "file": forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        }
        help_texts = {"file": _("PDF、JPEG、PNG 或 WebP，不超过 10 MB。")}
        error_messages = {
            "file": {"required": _("请选择要上传的文件。")},
            "kind": {"required": _("请选择证件类型。")},
            "cooperative": {"invalid_choice": _("只能为自己的合作社上传资质文件。")},
        }

    def __init__(self, *args, cooperatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperative"].queryset = cooperatives
        self.fields["cooperative"].empty_label = None
        if len(cooperatives) == 1:
            self.fields["cooperative"].initial = cooperatives[0].pk
            self.fields["cooperative"].widget = forms.HiddenInput()

    def clean_file(self):
        return _clean_document(self.cleaned_data.get("file"))

    def clean_expires_on(self):
        return _clean_expiry(
            self.cleaned_data.get("expires_on"), _("该证件已过有效期，不能上传过期的资质文件。")
        )
