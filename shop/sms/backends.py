"""SMS backends: one class with ``send(mobile, text)``, named by the ``SMS_BACKEND`` setting.

Only the outbox is provided: no SMS provider's account is configured for Wenfu. A provider
(Aliyun, Tencent Cloud …) plugs in as a subclass of ``BaseSmsBackend`` whose ``send`` calls its
API and raises ``SmsNotSent`` when the provider refuses."""

from .models import OutboxMessage


class BaseSmsBackend:
    """The interface every backend implements."""

    def send(self, mobile, text):
        """Hands ``text`` for ``mobile`` to the provider; raises ``SmsNotSent`` when it cannot."""
        raise NotImplementedError


class OutboxBackend(BaseSmsBackend):
    """Keeps each message in the database (``OutboxMessage``) instead of sending it; operators
    read it in Django's admin under 短信发件箱."""

    def send(self, mobile, text):
        OutboxMessage.objects.create(mobile=mobile, text=text)
