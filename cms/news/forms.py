from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import news_tags


class NewsFilterForm(forms.Form):
    """The index's tag, from the query string. A tag no news carries is reported and ignored."""

    tag = forms.ChoiceField(
        label=_("标签"),
        required=False,
        error_messages={"invalid_choice": _("没有带“%(value)s”标签的新闻，已显示全部新闻。")},
    )

    def __init__(self, data=None, *, index):
        super().__init__(data)
        self.tags = news_tags(index)
        self.fields["tag"].choices = [("", _("全部")), *((tag.name, tag.name) for tag in self.tags)]

    def cleaned_tag(self):
        """The chosen tag's name, or "" for none (or an unknown one)."""
        self.is_valid()
        return self.cleaned_data.get("tag", "")
