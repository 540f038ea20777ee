"""The emulator accepts any payment its own keys sign: it must never run with DEBUG off."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.translation import gettext_lazy as _


# Not deploy-only: a production process must refuse it on every ``check``, ``migrate`` or ``runserver``.
@register(Tags.security)
def emulator_refused_without_debug(app_configs, **kwargs):
    if getattr(settings, "ALIPAY_EMULATOR", False) and not settings.DEBUG:
        return [
            Error(
                _("支付宝网关模拟器只能在开发环境（DEBUG 开启）中使用。"),
                hint=_(
                    "生产环境请设置 ALIPAY_EMULATOR=0，并配置 ALIPAY_APP_ID、ALIPAY_SELLER_ID、"
                    "ALIPAY_APP_PRIVATE_KEY 与 ALIPAY_PUBLIC_KEY。"
                ),
                id="payments.E001",
            )
        ]
    return []
