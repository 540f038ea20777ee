from django import forms
from django.utils.translation import gettext_lazy as _


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    """The shopper's query and sort order; shared by search, browse and category pages.

    Each field is read on its own: a bad ``sort_by`` does not discard a good ``q``.
    """

    RELEVANCY = "relevancy"
    NEWEST = "newest"
    PRICE_LOW_TO_HIGH = "price-asc"
    PRICE_HIGH_TO_LOW = "price-desc"
    TITLE_A_TO_Z = "title-asc"
    SORT_BY_CHOICES = [
        (RELEVANCY, _("综合")),
        (NEWEST, _("最新上架")),
        (PRICE_LOW_TO_HIGH, _("价格从低到高")),
        (PRICE_HIGH_TO_LOW, _("价格从高到低")),
        (TITLE_A_TO_Z, _("名称")),
    ]

    q = forms.CharField(
        required=False,
        max_length=100,
        label=_("搜索"),
        widget=SearchInput({"placeholder": _("搜索香菇、木耳、蜂蜜…"), "class": "form-control"}),
    )
    sort_by = forms.ChoiceField(label=_("排序"), choices=SORT_BY_CHOICES, required=False)

    def _cleaned(self, name):
        if not self.is_bound:
            return ""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return self.cleaned_data.get(name) or ""

    def cleaned_query(self):
        return self._cleaned("q").strip()

    def cleaned_sort(self):
        return self._cleaned("sort_by")
