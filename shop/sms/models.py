from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A text message the outbox backend kept instead of sending: what would have reached the
    phone, for developers, tests and operators where no SMS provider is configured."""

    mobile = models.CharField(_("手机号"), max_length=11, db_index=True)
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("短信发件箱")
        verbose_name_plural = _("短信发件箱")

    def __str__(self):
        return f"{self.mobile} · {self.created_at:%Y-%m-%d %H:%M}"
