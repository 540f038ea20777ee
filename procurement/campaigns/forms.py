"""Forms of the union's welfare pages; the rules themselves are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.imports.forms import ImportUploadForm
from procurement.models import DeliveryAddress
from shop.address.forms import AbstractAddressForm

from .models import Campaign, CampaignMode, PackDelivery, UnionMember
from .packs import MAX_PACK_ITEMS, pack_stockrecords


class MemberForm(forms.ModelForm):
    class Meta:
        model = UnionMember
        fields = ["name", "mobile", "department", "staff_number"]


class RosterUploadForm(ImportUploadForm):
    """The purchase-order import's upload (an .xlsx of at most 5 MB), for the roster."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("会员名册（.xlsx）")
        self.fields["file"].help_text = _("第一行依次为 姓名、手机号、部门、工号；不超过 5,000 行、5 MB。")


class CampaignForm(forms.ModelForm):
    """A campaign's details; ``addresses`` are the union's delivery addresses it may send packs to."""

    def __init__(self, *args, addresses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_address"].queryset = addresses
        self.fields["delivery_address"].empty_label = _("（寄到会员填写的地址时不用选）")
        # Left out, a campaign is one of e-vouchers, as before gift packs existed.
        self.fields["mode"].required = self.fields["pack_delivery"].required = False

    def clean_mode(self):
        return self.cleaned_data["mode"] or CampaignMode.VOUCHERS

    def clean_pack_delivery(self):
        return self.cleaned_data["pack_delivery"] or PackDelivery.MEMBER

    class Meta:
        model = Campaign
        fields = [
            "name",
            "holiday",
            "starts_on",
            "ends_on",
            "member_amount",
            "budget",
            "mode",
            "pack_delivery",
            "delivery_address",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "member_amount": _("每位会员一张电子券的面额（或一个礼包的最高价格），不超过本工会的上限。"),
            "mode": _("电子券：会员在商城自选商品；福利礼包：会员从工会组合的礼包中选一个。"),
            "budget": _("发放前检查：在册会员人数 × 每人金额不能超过预算。"),
        }


class GiftPackForm(forms.Form):
    """A pack: its name, a line of description and up to ``MAX_PACK_ITEMS`` products with
    their quantities (blank rows are ignored)."""

    name = forms.CharField(label=_("礼包名称"), max_length=50)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        records = pack_stockrecords().prefetch_related(None).select_related("product__parent", "partner")
        choices = [("", _("（不选）"))] + [
            (record.pk, f"{record.product.get_title()} · {record.partner.name} · ¥{record.price}")
            for record in records.order_by("product__title", "partner__name", "pk")
        ]
        for row in range(MAX_PACK_ITEMS):
            self.fields[f"item_{row}"] = forms.TypedChoiceField(
                label=_("商品"), choices=choices, coerce=int, required=False, empty_value=None
            )
            self.fields[f"quantity_{row}"] = forms.IntegerField(label=_("数量"), required=False, min_value=1)

    def rows(self):
        """The item rows as ``[(product field, quantity field)]``, for the template."""
        return [(self[f"item_{row}"], self[f"quantity_{row}"]) for row in range(MAX_PACK_ITEMS)]

    def items(self):
        """``[(stockrecord id, quantity)]`` of the filled rows; a product without a quantity is one."""
        items = []
        for row in range(MAX_PACK_ITEMS):
            stockrecord_id = self.cleaned_data.get(f"item_{row}")
            if stockrecord_id is not None:
                items.append((stockrecord_id, self.cleaned_data.get(f"quantity_{row}") or 1))
        return items

    @classmethod
    def initial_of(cls, pack):
        initial = {"name": pack.name, "description": pack.description}
        for row, item in enumerate(pack.items.all()):
            initial[f"item_{row}"], initial[f"quantity_{row}"] = item.stockrecord_id, item.quantity
        return initial


class PackAddressForm(AbstractAddressForm):
    """Where a member's pack goes: the shop's mainland address fields."""

    class Meta:
        model = DeliveryAddress
        fields = ["first_name", "phone_number", "line1"]


class PackChoiceForm(forms.Form):
    pack = forms.TypedChoiceField(
        label=_("选择礼包"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择一个礼包。")},
    )

    def __init__(self, *args, packs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [(pack.pk, pack.name) for pack in packs]


class PackOrderForm(forms.Form):
    delivery_date = forms.DateField(
        label=_("要求到货日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
