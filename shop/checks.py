"""Deployment checks (``manage.py check --deploy``): a production configuration that would
quietly run on development fallbacks is an error, not a first incident.

Registered by shop.users (the project's first app of its own); they look only at settings.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

#: E-mail backends that deliver nothing to anyone.
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
ALIPAY_KEY_SETTINGS = ("ALIPAY_APP_ID", "ALIPAY_SELLER_ID", "ALIPAY_APP_PRIVATE_KEY", "ALIPAY_PUBLIC_KEY")


@register(Tags.security, deploy=True)
def production_services_configured(app_configs, **kwargs):
    """With DEBUG off: Redis, a server database, real e-mail, Alipay keys, an https SITE_URL and a
    secret key."""
    if settings.DEBUG:
        return []
    errors = []
    if not settings.REDIS_URL:
        errors.append(
            Error(
                _("生产环境必须配置 REDIS_URL。"),
                hint=_("没有 Redis 时缓存只在单个进程内，后台任务在网页请求里同步执行，定时任务不会运行。"),
                id="wenfu.E001",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        errors.append(
            Error(
                _("生产环境不能使用 SQLite 数据库。"),
                hint=_("请把 DATABASE_URL 设为 PostgreSQL，例如 postgres://wenfu:密码@数据库主机:5432/wenfu。"),
                id="wenfu.E002",
            )
        )
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        errors.append(
            Error(
                _("生产环境的邮件后端不会真正发信：%(backend)s。") % {"backend": settings.EMAIL_BACKEND},
                hint=_("请设置 EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend 及 EMAIL_HOST 等。"),
                id="wenfu.E003",
            )
        )
    missing = [name for name in ALIPAY_KEY_SETTINGS if not getattr(settings, name, "")]
    if missing:
        errors.append(
            Error(
                _("生产环境缺少支付宝配置：%(names)s。") % {"names": "、".join(missing)},
                hint=_("没有这些配置，顾客无法付款。密钥从环境变量读取，不要写进代码库。"),
                id="wenfu.E004",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            Error(
                _("生产环境的 SITE_URL 必须以 https:// 开头：%(url)s。") % {"url": settings.SITE_URL},
                hint=_("邮件、支付宝回调和溯源二维码里的链接都来自 SITE_URL。"),
                id="wenfu.E005",
            )
        )
    if not _secret_key():
        errors.append(
            Error(
                _("生产环境必须设置 SECRET_KEY。"),
                hint=_("会话、CSRF 令牌和密码重置链接都用它签名；没有它网页应用不会启动。"),
                id="wenfu.E006",
            )
        )
    return errors


def _secret_key():
    """The key, or "" where it is empty: Django raises on reading an empty one."""
    try:
        return settings.SECRET_KEY
    except ImproperlyConfigured:
        return ""
