from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlipayEmulatorConfig(AppConfig):
    name = "shop.payments.emulator"
    label = "alipay_emulator"
    verbose_name = _("支付宝网关模拟器")
    default_auto_field = "django.db.models.AutoField"
