"""Wenfu settings: one module, configured from environment variables (see ``.env.example``).

Development defaults need no server: SQLite under ``var/``, local-memory cache and Celery tasks
run in-process. Production sets ``DEBUG=0``, ``SECRET_KEY``, ``DATABASE_URL`` and ``REDIS_URL``.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.log import DEFAULT_LOGGING
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

# The order state machine; the module imports no models either.
from shop.order.constants import OrderStatus, order_status_pipeline

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Reads ``1/true/yes/on`` (any case) as True; anything else set is False."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: `make run` and the test settings (tests/settings.py) turn it on.
DEBUG = env_bool("DEBUG", False)

# With DEBUG off there is no fallback key. Management commands that sign nothing (check,
# makemigrations) still run without one; Django refuses to start the web application, and
# ``check --deploy`` reports it (wenfu.E006).
SECRET_KEY = os.environ.get("SECRET_KEY", "") or ("django-insecure-wenfu-development-only" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Oscar's apps come before Wagtail's: both ship an ``update_index`` command and the first wins.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "shop.apps.ShopConfig",
    "shop.users.apps.UsersConfig",
    "shop.sms.apps.SmsConfig",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "shop.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.customer.apps.CustomerConfig",
    "catalog.search.apps.SearchConfig",
    "shop.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "catalog.onboarding.apps.OnboardingDashboardConfig",
    "catalog.traceability.apps.TraceabilityDashboardConfig",
    "catalog.review.apps.ListingReviewDashboardConfig",
    "shop.payments.dashboard.apps.PaymentsDashboardConfig",
    "shop.payments.apps.PaymentsConfig",
    "shop.payments.emulator.apps.AlipayEmulatorConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "phonenumber_field",
    "procurement.apps.ProcurementConfig",
    "procurement.dashboard.apps.ProcurementDashboardConfig",
    "procurement.ledger.apps.LedgerConfig",
    "procurement.campaigns.apps.CampaignsConfig",
    "auditlog",
    "shop.audit.apps.AuditDashboardConfig",
    "cms.apps.CmsConfig",
    "cms.tourism.apps.TourismConfig",
    "cms.events.apps.EventsConfig",
    "cms.live.apps.LiveConfig",
    "cms.news.apps.NewsConfig",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "shop.users.wagtail_apps.WenfuWagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shop.csp.WenfuCSPMiddleware",
    "shop.middleware.NulByteRefusedMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names who made each change the audit trail records (the signed-in user).
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it turns a lockout raised anywhere in a login view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "catalog.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# The development server starts a thread per request, and persistent connections would stay
# open with each thread (one held 86 of PostgreSQL's 100): it closes them after each request.
DATABASE_CONN_MAX_AGE = int(
    os.environ.get("DATABASE_CONN_MAX_AGE", "0" if sys.argv[1:2] == ["runserver"] else "60")
)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        # A kept connection the database dropped meanwhile is replaced, not handed to a request.
        conn_health_checks=DATABASE_CONN_MAX_AGE > 0,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`'s Celery worker writes beside the server: pages read while it writes (WAL), and
    # a write waits for the other's to finish instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, init_command="PRAGMA journal_mode=WAL;")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The storefront's queries are short; PostgreSQL's JIT (on by default) compiled the larger
    # ones' plans on every request (≈ 40 ms of a 45 ms product count) and never paid that back.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

AUTH_USER_MODEL = "users.User"
# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "shop.users.backends.EmailOrMobileBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/shop/accounts/"

# --- Login throttling (django-axes), the same for the shop, /cms/ and /django-admin/ ---------
# Counted per account *and* client IP: locking per account alone would let anyone lock a
# shopper out by typing wrong passwords for their mobile number. The e-mail and the mobile of
# one account count as one login (shop.users.throttling.axes_username).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Every login form here authenticates with ``username`` (axes would assume the model's "email").
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "shop.users.throttling.axes_username"
AXES_LOCKOUT_CALLABLE = "shop.users.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# How many proxies in front of Django append to X-Forwarded-For (0: none, REMOTE_ADDR is the
# client). Behind one, REMOTE_ADDR would be the proxy's and every shopper would share one address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "shop.users.throttling.axes_client_ip"

# --- Language and region -------------------------------------------------------------------
# zh-hans, not zh-cn: Oscar's zh_CN catalogue is nearly empty, its zh_Hans one is complete.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "CN"
# Phones are stored as E.164 (+8613912345678) but shown as written on the mainland (139 1234
# 5678): every page, Oscar's included, and every form's initial value. Addresses and logins take
# mainland mobiles only, so no country code is lost.
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# --- Cache, Celery ---------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Product listings as anonymous shoppers see them are cached this long at most (catalog/listing_cache.py);
# any change they show replaces them at once.
CATALOG_LISTING_CACHE_SECONDS = int(os.environ.get("CATALOG_LISTING_CACHE_SECONDS", "60"))

# `make run` sets CELERY_BROKER_URL=filesystem:// and starts a worker with the beat scheduler:
# messages are files under CELERY_BROKER_FOLDER, so the scheduled jobs run on a first run with no
# broker server, by the same worker and beat as production's.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "memory://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_folder = Path(os.environ.get("CELERY_BROKER_FOLDER") or BASE_DIR / "var" / "celery")
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_folder / "messages"),
        "data_folder_out": str(_broker_folder / "messages"),
        "control_folder": str(_broker_folder / "control"),
    }
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker there is no worker: tasks run in-process (tests, manage.py outside `make run`).
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Task modules outside an app's own ``tasks.py``, which autodiscovery alone would miss.
CELERY_IMPORTS = ["catalog.onboarding.tasks", "cms.moderation"]
CELERY_BEAT_SCHEDULE = {
    "qualification-documents-warn-expiring": {
        "task": "catalog.onboarding.tasks.qualification_documents_warn_expiring_task",
        "schedule": crontab(hour=8, minute=0),
    },
    "unpaid-orders-close": {
        "task": "shop.payments.tasks.unpaid_orders_close_task",
        "schedule": crontab(minute="*/5"),
    },
    "refunds-pending-resend": {
        "task": "shop.payments.tasks.refunds_pending_resend_task",
        "schedule": crontab(minute="*/5"),
    },
    "orders-auto-complete": {
        "task": "shop.order.tasks.orders_auto_complete_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "product-alerts-send": {
        "task": "shop.customer.tasks.product_alerts_send_task",
        "schedule": crontab(minute="*/10"),
    },
    # Early, so the orders are made before the buyers' and cooperatives' working day.
    "standing-orders-run": {
        "task": "procurement.tasks.standing_orders_run_task",
        "schedule": crontab(hour=6, minute=0),
    },
    # Before the working day: members hear of a voucher about to expire in the morning.
    "campaign-reminders-send": {
        "task": "procurement.campaigns.tasks.campaign_reminders_send_task",
        "schedule": crontab(hour=9, minute=0),
    },
    # Just after midnight (Beijing): the campaigns whose last day has passed are ended.
    "campaigns-end": {
        "task": "procurement.campaigns.tasks.campaigns_end_task",
        "schedule": crontab(hour=0, minute=10),
    },
    # Festivals on a lunar date get the Gregorian dates of their coming years.
    "lunar-event-occurrences-refresh": {
        "task": "cms.events.tasks.lunar_event_occurrences_refresh_task",
        "schedule": crontab(day_of_month=1, hour=4, minute=0),
    },
    # Go-live and expiry times of pages are kept to the minute.
    "scheduled-pages-publish": {
        "task": "cms.moderation.scheduled_pages_publish_task",
        "schedule": crontab(minute="*"),
    },
}

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Business licences and qualification documents: outside MEDIA_ROOT and never served by a web
# server; only access-checked views read them (catalog.uploads.private_storage).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# Production runs ``collectstatic`` and serves hashed, compressed files through WhiteNoise.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Django serves uploaded media itself only where no web server or object storage is in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "稳富 <noreply@wenfu.example.cn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10

# The ledger's Excel export is made within the request up to this many entries, a larger one by a
# Celery task with a progress bar. It reads the monthly roll-up, so even 1,000,000 entries export
# in under 0.1 s on PostgreSQL (bench/ledger.py); the task is for the very largest databases.
LEDGER_EXPORT_SYNC_ENTRIES = 200_000

# --- Audit trail (审计日志) ----------------------------------------------------------------------
# Every change of these fields — the states and amounts that move money or rights — is recorded
# with who (the signed-in user; none for a scheduled task), when, and from → to; operators read
# it at /shop/dashboard/audit/ and on each object's dashboard page. Creations and deletions of
# the models are recorded too (a voucher used on an order, a member's role given or taken).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "users.User", "include_fields": ["is_active", "is_staff", "is_superuser"]},
    {"model": "catalogue.CooperativeApplication", "include_fields": ["status"]},
    {"model": "catalogue.CooperativeProfile", "include_fields": ["status"]},
    {"model": "catalogue.ListingReview", "include_fields": ["status", "reason"]},
    {"model": "order.Order", "include_fields": ["status"]},
    {"model": "order.Parcel", "include_fields": ["status", "carrier", "tracking_number"]},
    {"model": "payments.AlipayRefund", "include_fields": ["status", "amount"]},
    {"model": "voucher.VoucherApplication", "include_fields": ["voucher", "order", "user"]},
    {
        "model": "procurement.Organisation",
        "include_fields": ["status", "annual_target", "auto_approve_below"],
    },
    {"model": "procurement.Membership", "include_fields": ["organisation", "user", "roles"]},
    {"model": "procurement.PurchaseOrder", "include_fields": ["state"]},
    {"model": "procurement.SupplierOrder", "include_fields": ["state"]},
    {"model": "procurement.Invoice", "include_fields": ["state", "number", "amount"]},
    {"model": "procurement.Settlement", "include_fields": ["state", "amount", "bank_reference"]},
    {
        "model": "campaigns.Campaign",
        "include_fields": [
            "status",
            "starts_on",
            "ends_on",
            "member_amount",
            "budget",
            "mode",
            "pack_delivery",
            "delivery_address",
        ],
    },
    {"model": "campaigns.UnionWelfarePolicy", "include_fields": ["organisation", "member_cap"]},
    # What a gift pack holds is what the union pays for; a member's choice, what it orders.
    {"model": "campaigns.GiftPack", "include_fields": ["name"]},
    {"model": "campaigns.GiftPackItem", "include_fields": ["stockrecord", "quantity"]},
    {"model": "campaigns.PackChoice", "include_fields": ["pack", "purchase_order"]},
)
AUDITLOG_STORE_JSON_CHANGES = True

# --- Text messages (SMS) ----------------------------------------------------------------------
# No SMS provider is configured. In development the outbox keeps every message in the database
# (Django admin → 短信发件箱); in production, until a provider is plugged in (a subclass of
# shop.sms.backends.BaseSmsBackend), there is no backend and sign-up by mobile is switched off.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "shop.sms.backends.OutboxBackend" if DEBUG else "")
SMS_SIGNATURE = os.environ.get("SMS_SIGNATURE", "【稳富】")

# --- Security (what ``check --deploy`` asks for when DEBUG is off) ---------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer probes plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
# Opt-in: both bind every subdomain of the domain to HTTPS, preload for good (browsers ship the
# list), which only the domain's owner can decide. Their deploy-check warnings are silenced below.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's editor previews a page in a same-origin iframe, so frames stay allowed for our own
# origin only; the check that asks for DENY is silenced for that reason.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W005", "security.W021"]
SITE_ID = 1

# Content security policy: scripts only from the site itself or inline with the page's nonce
# (``nonce="{{ request.csp_nonce }}"``), no third-party origins anywhere. Styles allow inline
# ``style`` attributes, which Oscar's templates and widgets use throughout. Oscar's dashboard
# and Wagtail's admin get the looser CSP_ADMIN_DIRECTIVES (shop.csp).
OSCAR_INLINE_HANDLER_HASHES = [
    "'sha256-NqaPugiVKFsqU2P8L2sjJSLsiSKaQB+C9S5V0ZiRxfc='",  # window.history.go(-1);return false
    "'sha256-gZHW0ZTdDBnW8n/Qf9lGuwm2LvPkTQwflpfLAabDyMQ='",  # history.go(-1);return false
    "'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='",  # window.print()
    "'sha256-jT+D+kdRwqBci9k8jWtVNp+HR3GntLaboGVzqI/tkXY='",  # javascript:history.go(-1);
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Plus the few inline handlers of Oscar's own templates (the "or cancel" back links
        # of its account forms, 打印 on the thank-you page), allowed by their exact hashes.
        "script-src": [SELF, NONCE, UNSAFE_HASHES, *OSCAR_INLINE_HANDLER_HASHES],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        # Alipay's gateway is added in the Alipay section below.
        "form-action": [SELF],
    }
}
# Wagtail's admin and Oscar's dashboard write inline scripts and event handlers of their own;
# they keep 'unsafe-inline' for scripts, still no other origin, no plugins, no framing elsewhere.
CSP_ADMIN_PATH_PREFIXES = ("/cms/", "/shop/dashboard/")
CSP_ADMIN_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}

# --- Oscar -----------------------------------------------------------------------------------
OSCAR_SHOP_NAME = _("稳富")
OSCAR_SHOP_TAGLINE = _("随县安置区特产商城")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "CNY"
OSCAR_CURRENCY_FORMAT = {"CNY": {"format": "¤#,##0.00", "currency_digits": False}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_SLUG_FUNCTION = "catalog.slugs.pinyin_slugify"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "country")
OSCAR_ALLOW_ANON_CHECKOUT = False
# Reviews need an account and an operator's approval (Oscar's dashboard 评论 queue) before
# anyone else sees them.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
# Orders are placed unpaid and paid on Alipay afterwards (shop.order.constants).
OSCAR_INITIAL_ORDER_STATUS = OrderStatus.PENDING_PAYMENT.value
OSCAR_ORDER_STATUS_PIPELINE = order_status_pipeline()
# Oscar would check for 到货提醒 on every stock record save, allocations at checkout included
# (three queries per order line); a beat task sends them every ten minutes instead.
OSCAR_EAGER_ALERTS = False
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_DASHBOARD_NAVIGATION = [
    *OSCAR_DASHBOARD_NAVIGATION,  # noqa: F405 — Oscar's defaults, star-imported above
    {
        "label": _("合作社"),
        "icon": "fas fa-users",
        "children": [
            {
                "label": _("入驻申请"),
                "url_name": "dashboard:onboarding-application-list",
            },
            {
                "label": _("商品审核"),
                "url_name": "dashboard:listing-review-list",
            },
            {
                "label": _("合作社管理"),
                "url_name": "dashboard:onboarding-cooperative-list",
            },
            {
                "label": _("资质文件"),
                "url_name": "dashboard:onboarding-document-list",
            },
            {
                "label": _("生产批次与溯源码"),
                "url_name": "dashboard:traceability-batch-list",
            },
        ],
    },
    {
        "label": _("机构采购"),
        "icon": "fas fa-building",
        "children": [
            {
                "label": _("采购单位审核"),
                "url_name": "dashboard:procurement-organisation-list",
            },
            {
                "label": _("机构订单"),
                "url_name": "dashboard:procurement-supplier-order-list",
            },
            {
                "label": _("询价"),
                "url_name": "dashboard:procurement-quote-list",
            },
            {
                "label": _("配送条款"),
                "url_name": "dashboard:procurement-delivery-terms",
            },
            {
                "label": _("发票与结算"),
                "url_name": "dashboard:procurement-invoice-list",
            },
            {
                "label": _("消费帮扶台账"),
                "url_name": "dashboard:procurement-ledger",
            },
        ],
    },
    {
        "label": _("审计日志"),
        "icon": "fas fa-history",
        "url_name": "dashboard:audit-log",
    },
    {
        "label": _("支付宝"),
        "icon": "fas fa-yen-sign",
        "children": [
            {
                "label": _("迟到付款待退款"),
                "url_name": "dashboard:payments-late-payment-list",
            },
        ],
    },
]
# Search runs on the database (catalog/search). Oscar's class loader still imports its own
# haystack-based modules next to our forks, and haystack refuses to import unconfigured.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
# A CJK TrueType/OpenType font for PNG label sheets; found in the usual Debian paths when unset.
TRACE_LABEL_FONT = os.environ.get("TRACE_LABEL_FONT", "")
THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "稳富 · 随县安置区消费帮扶平台"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
# Slugs in ASCII: the admin's script leaves a Chinese title's slug empty and
# cms.forms.WenfuPageForm fills it with the title's pinyin, instead of percent-encoded hanzi.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.AdminLoginForm"
# No third-party origins, in the admin either: avatars are Wagtail's own default, not Gravatar's.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin's dashboard ask releases.wagtail.org for a newer version from the browser.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Alipay (used from the payments work; keys never live in the repository) -----------------
ALIPAY_APP_ID = os.environ.get("ALIPAY_APP_ID", "")
# The merchant's PID (2088…): notifies must name it as their seller_id.
ALIPAY_SELLER_ID = os.environ.get("ALIPAY_SELLER_ID", "")
ALIPAY_APP_PRIVATE_KEY = os.environ.get("ALIPAY_APP_PRIVATE_KEY", "")
ALIPAY_PUBLIC_KEY = os.environ.get("ALIPAY_PUBLIC_KEY", "")
ALIPAY_SERVER_URL = os.environ.get("ALIPAY_SERVER_URL", "https://openapi.alipay.com/gateway.do")
# Placing an order is a form post answered with a redirect to Alipay's cashier, and form-action
# governs that redirect too (the admin policy shares the list).
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append("/".join(ALIPAY_SERVER_URL.split("/")[:3]))
# The local Alipay gateway emulator (/payments/emulator/): used while the keys above are empty.
# It accepts any payment its own keys sign, so no process may start with it and DEBUG off (a
# system check would not do: gunicorn never runs one).
ALIPAY_EMULATOR = env_bool("ALIPAY_EMULATOR", DEBUG)
if ALIPAY_EMULATOR and not DEBUG:
    raise ImproperlyConfigured(
        "支付宝网关模拟器只能在开发环境（DEBUG 开启）中使用：生产环境请设置 ALIPAY_EMULATOR=0，"
        "并配置 ALIPAY_APP_ID、ALIPAY_SELLER_ID、ALIPAY_APP_PRIVATE_KEY 与 ALIPAY_PUBLIC_KEY。"
    )
# Where the emulator keeps its development key pairs; tests point it at a temporary folder.
ALIPAY_EMULATOR_KEY_DIR = Path(
    os.environ.get("ALIPAY_EMULATOR_KEY_DIR") or BASE_DIR / "var" / "alipay-emulator"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's default configuration gives its "django" logger a console handler of its own, so
    # under DEBUG every line ("Not Found: …") was printed by it and again by the root's handler.
    # Configuring "django" resets its children, so runserver's request log is declared again as
    # Django declares it. No ADMINS are configured: its mail_admins handler had nothing to send.
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
}
