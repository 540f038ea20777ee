"""Oscar's product dashboard forms, narrowed for cooperatives, plus the tier price form.

Oscar's ``dashboard.catalogue.formsets`` loads ``StockRecordForm`` and ``ProductImageForm`` with
``get_classes("dashboard.catalogue.forms", …)``, so the classes here replace Oscar's inside
Oscar's own formsets too.
"""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403

from catalog.models import ProductCertification
from catalog.richtext import description_clean
from catalog.validators import validate_image_upload
from shop.users.roles import cooperative_partners_of, is_operator

from .exceptions import TierPriceError
from .services import Tier, tier_prices_check

#: Provenance fields of the product form (all of them are reviewed when a cooperative changes a
#: listed product: ``catalog.constants.REVIEWED_PRODUCT_FIELDS``).
PROVENANCE_FIELDS = ["origin_area", "harvest_season", "shelf_life_days", "storage", "net_content", "net_unit"]


class ProductForm(oscar_forms.ProductForm):
    """Oscar's product form plus the provenance shoppers filter on and the product page shows."""

    class Meta(oscar_forms.ProductForm.Meta):
        fields = [*oscar_forms.ProductForm.Meta.fields, *PROVENANCE_FIELDS]

    def clean_description(self):
        # Cleaned here, so a listing review holds (and the product saves) only what may render.
        return description_clean(self.cleaned_data.get("description"))


class StockRecordForm(oscar_forms.StockRecordForm):
    """A stock record row: a cooperative can only pick one of its own partners, and cannot
    change the currency (re-pricing ¥88 as 88 of another currency would pass listing review,
    which compares amounts)."""

    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        if not is_operator(user):
            partner_field = self.fields["partner"]
            partner_field.queryset = cooperative_partners_of(user)
            partner_field.error_messages["invalid_choice"] = _("只能选择你所在的合作社。")
            self.fields["price_currency"].disabled = True


class ProductCertificationForm(forms.ModelForm):
    class Meta:
        model = ProductCertification
        fields = ["kind", "number", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CheckedImageField(forms.ImageField):
    """An image upload checked by :func:`catalog.validators.validate_image_upload` (format,
    size, pixel count) before Django's own decoding, so every refusal has our Chinese message."""

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            validate_image_upload(data)
        return super().to_python(data)


class ProductImageForm(oscar_forms.ProductImageForm):
    class Meta(oscar_forms.ProductImageForm.Meta):
        field_classes = {"original": CheckedImageField}


class TierPriceForm(forms.Form):
    """One row of the tier price table; rules across rows are checked by the formset."""

    min_quantity = forms.IntegerField(label=_("起订数量"), required=False)
    price = forms.DecimalField(label=_("单价（元）"), max_digits=12, decimal_places=2, required=False)

    def clean(self):
        cleaned = super().clean()
        quantity, price = cleaned.get("min_quantity"), cleaned.get("price")
        if (quantity is None) != (price is None) and not self.errors:
            raise forms.ValidationError(_("起订数量和单价要一起填写。"))
        return cleaned

    @property
    def tier(self):
        """The row as a :class:`~shop.dashboard.catalogue.services.Tier`, or ``None`` when
        the row is blank or marked for removal."""
        data = getattr(self, "cleaned_data", None) or {}
        if data.get("DELETE") or data.get("min_quantity") is None or data.get("price") is None:
            return None
        return Tier(min_quantity=data["min_quantity"], price=data["price"])


class BaseTierPriceFormSet(forms.BaseFormSet):
    """All tier prices of one stock record; valid when they pass
    :func:`~shop.dashboard.catalogue.services.tier_prices_check`."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        try:
            tier_prices_check(tiers=self.tiers)
        except TierPriceError as error:
            raise forms.ValidationError(error.messages) from error

    @property
    def tiers(self):
        return [form.tier for form in self.forms if form.tier is not None]


TierPriceFormSet = forms.formset_factory(
    TierPriceForm, formset=BaseTierPriceFormSet, extra=3, can_delete=True
)


class ProductLookupForm(forms.Form):
    """The product picker's query string, as its select2 widget sends it."""

    initial = forms.RegexField(
        label=_("已选商品"),
        regex=r"^\d+(,\d+)*$",
        required=False,
        error_messages={"invalid": _("应为以逗号分隔的商品编号。")},
    )
    q = forms.CharField(label=_("关键词"), required=False)
    page = forms.IntegerField(label=_("页码"), min_value=1, required=False)
    page_limit = forms.IntegerField(label=_("每页条数"), min_value=1, max_value=100, required=False)

    def error_text(self):
        """Every error in one Chinese sentence per field, for the picker's JSON answer."""
        return " ".join(
            f"{self.fields[name].label}：{' '.join(errors)}" for name, errors in self.errors.items()
        )
