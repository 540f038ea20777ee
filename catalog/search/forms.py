from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.constants import CertificationKind, Storage
from catalog.selectors import ProductFilters


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    """The shopper's query, filters and sort order; shared by search, browse and category pages.

    Each field is read on its own: a bad ``sort_by`` or ``storage`` does not discard a good ``q``.
    """

    RELEVANCY = "relevancy"
    NEWEST = "newest"
    PRICE_LOW_TO_HIGH = "price-asc"
    PRICE_HIGH_TO_LOW = "price-desc"
    BEST_SELLING = "best-selling"
    SORT_BY_CHOICES = [
        (RELEVANCY, _("综合")),
        (NEWEST, _("最新上架")),
        (BEST_SELLING, _("销量最高")),
        (PRICE_LOW_TO_HIGH, _("价格从低到高")),
        (PRICE_HIGH_TO_LOW, _("价格从高到低")),
    ]
    #: The query parameters of the filters, kept on sort, page and facet links.
    FILTER_PARAMS = ("area", "town", "coop", "cert", "storage")

    q = forms.CharField(
        required=False,
        max_length=100,
        label=_("搜索"),
        widget=SearchInput({"placeholder": _("搜索香菇、木耳、蜂蜜…"), "class": "form-control"}),
    )
    sort_by = forms.ChoiceField(label=_("排序"), choices=SORT_BY_CHOICES, required=False)
    area = forms.SlugField(label=_("安置区"), required=False, max_length=100)
    town = forms.CharField(label=_("乡镇"), required=False, max_length=50)
    coop = forms.CharField(label=_("合作社"), required=False, max_length=128)
    cert = forms.MultipleChoiceField(label=_("认证"), choices=CertificationKind.choices, required=False)
    storage = forms.ChoiceField(label=_("储存方式"), choices=Storage.choices, required=False)

    def _cleaned(self, name):
        if not self.is_bound:
            return ""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return self.cleaned_data.get(name) or ""

    def cleaned_query(self):
        return self._cleaned("q").strip()

    def cleaned_sort(self):
        return self._cleaned("sort_by")

    def cleaned_filters(self):
        """The valid filters as a :class:`catalog.selectors.ProductFilters`."""
        return ProductFilters(
            area=self._cleaned("area"),
            town=self._cleaned("town").strip(),
            coop=self._cleaned("coop").strip(),
            certs=tuple(self._cleaned("cert")),
            storage=self._cleaned("storage"),
        )
