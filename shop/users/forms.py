from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .validators import validate_mainland_mobile


class MobileFieldMixin(forms.Form):
    """Adds the optional login mobile number to Wagtail's user forms."""

    mobile = forms.CharField(
        label=_("手机号"), max_length=11, required=False, validators=[validate_mainland_mobile]
    )

    def clean_mobile(self):
        return self.cleaned_data["mobile"] or None


class WenfuUserCreationForm(MobileFieldMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"mobile"}


class WenfuUserEditForm(MobileFieldMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"mobile"}
