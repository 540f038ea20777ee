from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.abstract_models import AbstractUser

from .validators import validate_mainland_mobile


class User(AbstractUser):
    """A Wenfu account. Logs in with its e-mail address or its 11-digit mobile number."""

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

    def clean(self):
        super().clean()
        # An empty mobile must be NULL, not "", or the unique constraint would allow only one.
        self.mobile = self.mobile or None

    def get_full_name(self):
        # Chinese names read family name first, with no space.
        return f"{self.last_name}{self.first_name}".strip() or self.email
