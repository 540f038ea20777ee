from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Audience, PageKind, Season
from .towns import TOWN_NAMES


def _with_all(choices):
    return [("", _("全部")), *choices]


class TourismFilterForm(forms.Form):
    """The tourism index's filters (GET). An unknown value is reported and ignored, never an error page."""

    town = forms.ChoiceField(
        label=_("镇/场/景区"), required=False, choices=_with_all((t, t) for t in TOWN_NAMES)
    )
    season = forms.ChoiceField(label=_("季节"), required=False, choices=_with_all(Season.choices))
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=_with_all(PageKind.choices))
    audience = forms.ChoiceField(label=_("适合人群"), required=False, choices=_with_all(Audience.choices))

    def filters(self):
        """The valid filters, by name; an invalid one is left out (its error says why)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
