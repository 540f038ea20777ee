"""The 验收 form: one group of fields per delivered line (accepted quantity, rejection reason,
quality note, photos); ``receiving/receive.html`` lays them out for a phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.validators import validate_image_upload

from .services import MAX_PHOTOS_PER_LINE


class MultiplePhotoInput(forms.ClearableFileInput):
    """A file input that takes several files at once (the template offers a phone's camera or album)."""

    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several images, each checked to be a real JPEG, PNG or WebP (Django's documented way to
    take multiple files in one field)."""

    widget = MultiplePhotoInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data]
        uploads = [upload for upload in uploads if upload]
        if len(uploads) > MAX_PHOTOS_PER_LINE:
            raise forms.ValidationError(
                _("每种商品最多上传 %(count)s 张照片。") % {"count": MAX_PHOTOS_PER_LINE}
            )
        cleaned = [super(MultiplePhotoField, self).clean(upload, initial) for upload in uploads]
        for upload in cleaned:
            validate_image_upload(upload)
        return cleaned


class ReceiptLine:
    """One supplier line as the form shows it: what was ordered and delivered, and its fields."""

    def __init__(self, form, supplier_line, delivered):
        self.supplier_line = supplier_line
        self.line = supplier_line.line
        self.delivered = delivered
        self.accepted = form[f"accepted_{supplier_line.pk}"]
        self.reason = form[f"reason_{supplier_line.pk}"]
        self.note = form[f"note_{supplier_line.pk}"]
        self.photos = form[f"photos_{supplier_line.pk}"]


class ReceiptForm(forms.Form):
    """验收 of ``lines`` (``[(supplier line, delivered quantity)]``): the accepted quantity of
    each (0 … delivered, delivered by default) and, when less, the reason it was refused."""

    comment = forms.CharField(
        label=_("验收说明"),
        required=False,
        max_length=500,
        widget=forms.Textarea(
            attrs={"rows": 2, "class": "form-control", "placeholder": _("可选：整体情况，如到货时间、温度等")}
        ),
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines_delivered = lines
        for supplier_line, delivered in lines:
            pk = supplier_line.pk
            self.fields[f"accepted_{pk}"] = forms.IntegerField(
                label=_("合格数量"),
                initial=delivered,
                min_value=0,
                error_messages={
                    "required": _("请填写合格数量。"),
                    "invalid": _("合格数量请填写整数。"),
                    "min_value": _("合格数量不能小于 0。"),
                },
            )
            self.fields[f"reason_{pk}"] = forms.CharField(label=_("拒收原因"), required=False, max_length=200)
            self.fields[f"note_{pk}"] = forms.CharField(label=_("质量说明"), required=False, max_length=500)
            self.fields[f"photos_{pk}"] = MultiplePhotoField(label=_("照片"))

    @property
    def receipt_lines(self):
        return [
            ReceiptLine(self, supplier_line, delivered) for supplier_line, delivered in self.lines_delivered
        ]

    def clean(self):
        cleaned = super().clean()
        for supplier_line, delivered in self.lines_delivered:
            pk = supplier_line.pk
            accepted = cleaned.get(f"accepted_{pk}")
            if accepted is None:
                continue
            if accepted > delivered:
                self.add_error(
                    f"accepted_{pk}",
                    _("合格数量不能超过送达数量 %(delivered)s。") % {"delivered": delivered},
                )
            elif accepted < delivered and not cleaned.get(f"reason_{pk}", "").strip():
                self.add_error(
                    f"reason_{pk}",
                    _("少收 %(count)s，请填写拒收原因。") % {"count": delivered - accepted},
                )
        return cleaned

    def receipts(self):
        """``{supplier line id: (accepted, reason, note)}`` for the service."""
        return {
            supplier_line.pk: (
                self.cleaned_data[f"accepted_{supplier_line.pk}"],
                self.cleaned_data[f"reason_{supplier_line.pk}"],
                self.cleaned_data[f"note_{supplier_line.pk}"],
            )
            for supplier_line, _delivered in self.lines_delivered
        }

    def photos(self):
        """``{supplier line id: [uploads]}`` of the lines with photos."""
        return {
            supplier_line.pk: self.cleaned_data[f"photos_{supplier_line.pk}"]
            for supplier_line, _delivered in self.lines_delivered
            if self.cleaned_data.get(f"photos_{supplier_line.pk}")
        }
