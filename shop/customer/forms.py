from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import *  # noqa: F403
from oscar.apps.customer.forms import EmailAuthenticationForm as OscarEmailAuthenticationForm
from oscar.apps.customer.forms import EmailUserCreationForm as OscarEmailUserCreationForm
from oscar.apps.customer.forms import UserForm as OscarUserForm

from shop.users.exceptions import VerificationRefused
from shop.users.models import MobileVerification
from shop.users.services import CODE_DIGITS, mobile_verification_check
from shop.users.validators import validate_mainland_mobile

User = get_user_model()
REGISTER = MobileVerification.Purpose.REGISTER
PASSWORD_RESET = MobileVerification.Purpose.PASSWORD_RESET


class EmailAuthenticationForm(OscarEmailAuthenticationForm):
    """Oscar's login form, taking an e-mail address or an 11-digit mobile number."""

    username = forms.CharField(label=_("邮箱或手机号"), max_length=254)

    error_messages = {
        **OscarEmailAuthenticationForm.error_messages,
        "invalid_login": _("账号或密码不正确。请检查后重试（密码区分大小写）。"),
    }


class MobileCodeForm(forms.Form):
    """The number a sign-up (or password reset) code is to be texted to."""

    mobile = forms.CharField(
        label=_("手机号"),
        max_length=11,
        validators=[validate_mainland_mobile],
        error_messages={"required": _("请填写手机号。")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "tel", "placeholder": "13800000000"}
        ),
    )


def _code_field():
    return forms.CharField(
        label=_("短信验证码"),
        max_length=CODE_DIGITS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class EmailUserCreationForm(OscarEmailUserCreationForm):
    """Oscar's registration form, for either way of signing up:

    - by mobile (``mobile`` given: the number this visitor had a code texted to): the code, an
      optional e-mail, the password; the account logs in with the mobile;
    - by e-mail (no ``mobile``): Oscar's form as it is.

    The code is checked, and spent, only once every other field is valid, so a mistyped password
    does not cost the shopper a new text."""

    code = _code_field()

    field_order = ["code", "email", "password1", "password2"]

    def __init__(self, *args, mobile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.mobile = mobile
        if mobile:
            self.fields["email"].required = False
            self.fields["email"].label = _("邮箱（选填）")
            self.fields["email"].help_text = _("填写后也可用邮箱登录、接收订单邮件。")
        else:
            del self.fields["code"]

    def clean_email(self):
        if not self.cleaned_data.get("email"):
            return None
        return super().clean_email()

    def _post_clean(self):
        self.instance.mobile = self.mobile
        super()._post_clean()
        if not self.mobile or self.errors:
            return
        if User._default_manager.filter(mobile=self.mobile).exists():
            self.add_error(None, _("该手机号已注册，请直接登录。"))
            return
        try:
            mobile_verification_check(
                mobile=self.mobile,
                purpose=MobileVerification.Purpose.REGISTER,
                code=self.cleaned_data["code"],
            )
        except VerificationRefused as error:
            self.add_error("code", error.message)



class MobileSetPasswordForm(SetPasswordForm):
    """A new password for the account of ``mobile``, given the code texted to it. The code is
    checked, and spent, only once the passwords are valid."""

    code = _code_field()

    field_order = ["code", "new_password1", "new_password2"]

    def __init__(self, *args, mobile, **kwargs):
        self.mobile = mobile
        super().__init__(User._default_manager.filter(mobile=mobile).first(), *args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        try:
            mobile_verification_check(mobile=self.mobile, purpose=PASSWORD_RESET, code=cleaned_data["code"])
        except VerificationRefused as error:
            self.add_error("code", error.message)
        else:
            if self.user is None:
                # A number without an account was texted nothing: no code can be right for it.
                self.add_error("code", _("验证码不正确。"))
        return cleaned_data


class UserForm(OscarUserForm):
    """Oscar's profile form; the e-mail is required only of an account without a mobile, which
    would otherwise be left with nothing to log in with. The mobile is not edited here: a number
    becomes an account's only through a texted code."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["email"].required = not user.mobile

    def clean_email(self):
        if not self.cleaned_data.get("email"):
            return None
        return super().clean_email()


ProfileForm = UserForm
