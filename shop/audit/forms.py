from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import AuditFilters, audited_content_types, content_type_label


def _kinds():
    return [("", _("全部"))] + [(str(kind.pk), content_type_label(kind)) for kind in audited_content_types()]


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("对象类型"), choices=_kinds, required=False)
    actor = forms.CharField(
        label=_("操作人"),
        max_length=50,
        required=False,
        help_text=_("邮箱、手机号或姓名；“系统”为定时任务。"),
    )
    object = forms.CharField(label=_("对象"), max_length=50, required=False, help_text=_("编号或名称"))
    date_from = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self):
        """The filters asked for; none where the form is not valid (its errors say why)."""
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            content_type_id=int(data["kind"]) if data["kind"] else None,
            actor=data["actor"].strip(),
            object_pk=data["object"].strip(),
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
