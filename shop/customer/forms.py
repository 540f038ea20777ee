from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import *  # noqa: F403
from oscar.apps.customer.forms import EmailAuthenticationForm as OscarEmailAuthenticationForm
from oscar.apps.customer.forms import EmailUserCreationForm as OscarEmailUserCreationForm

from shop.users.validators import validate_mainland_mobile

User = get_user_model()


class EmailAuthenticationForm(OscarEmailAuthenticationForm):
    """Oscar's login form, taking an e-mail address or an 11-digit mobile number."""

    username = forms.CharField(label=_("邮箱或手机号"), max_length=254)

    error_messages = {
        **OscarEmailAuthenticationForm.error_messages,
        "invalid_login": _("账号或密码不正确。请检查后重试（密码区分大小写）。"),
    }


class EmailUserCreationForm(OscarEmailUserCreationForm):
    """Oscar's registration form, with an optional mobile number to log in with later."""

    mobile = forms.CharField(
        label=_("手机号（选填）"),
        max_length=11,
        required=False,
        validators=[validate_mainland_mobile],
        help_text=_("填写后可用手机号登录。"),
    )

    class Meta(OscarEmailUserCreationForm.Meta):
        fields = ("email", "mobile")

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"] or None
        if mobile and User._default_manager.filter(mobile=mobile).exists():
            raise forms.ValidationError(_("该手机号已被注册。"))
        return mobile
