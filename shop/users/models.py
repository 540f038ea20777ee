from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser

from .validators import validate_mainland_mobile


class User(AbstractUser):
    """A Wenfu account. Logs in with its e-mail address or its 11-digit mobile number; either may
    be missing, not both (a shopper who signed up by mobile has no e-mail)."""

    # Oscar's e-mail, optional. Missing is NULL, never "": the unique constraint allows any
    # number of NULLs, and Oscar's alert hand-over on save matches alerts by this e-mail.
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    mobile = models.CharField(
        _("手机号"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_mainland_mobile],
        help_text=_("11 位中国大陆手机号，可用于登录。"),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.email or self.mobile or ""

    def clean(self):
        super().clean()
        # Empty must be NULL, not "", or each unique constraint would allow only one.
        self.email = self.email or None
        self.mobile = self.mobile or None
        if not (self.email or self.mobile):
            raise ValidationError(_("邮箱和手机号至少填写一项，账号要用它登录。"))

    def get_full_name(self):
        # Chinese names read family name first, with no space.
        return f"{self.last_name}{self.first_name}".strip() or self.email or self.mobile or ""


class MobileVerification(models.Model):
    """A one-time code texted to a mobile number to prove the person holds it. Only a hash is
    kept; the newest code of a number and purpose is the only one that counts."""

    class Purpose(models.TextChoices):
        REGISTER = "register", _("注册")
        PASSWORD_RESET = "password_reset", _("找回密码")

    mobile = models.CharField(_("手机号"), max_length=11)
    purpose = models.CharField(_("用途"), max_length=20, choices=Purpose.choices)
    code_hash = models.CharField(_("验证码摘要"), max_length=64)
    client_ip = models.GenericIPAddressField(_("请求地址"), null=True, blank=True)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("失效时间"))
    attempts = models.PositiveSmallIntegerField(_("输错次数"), default=0)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信验证码")
        verbose_name_plural = _("短信验证码")
        indexes = [
            models.Index(fields=["mobile", "purpose", "-created_at"], name="users_verification_latest")
        ]

    def __str__(self):
        return f"{self.mobile} · {self.get_purpose_display()}"
