"""The upload form of the Excel import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .workbook import MAX_BYTES


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("采购明细表（.xlsx）"),
        help_text=_("请使用下载的模板填写；不超过 5,000 行、5 MB。"),
        error_messages={"empty": _("文件是空的。"), "required": _("请选择要上传的文件。")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read: the content checks come after, in the service.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB，请分成几个文件上传。"))
        return upload
