from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from catalog.sitemaps import ProductSitemap
from cms.site_search import site_search
from shop.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Our own storefront pages come before Oscar's, under the same prefix.
    path("shop/join/", include("catalog.onboarding.urls")),
    path("shop/trace/", include("catalog.traceability.urls")),
    path("shop/address/", include("shop.address.urls")),
    path("shop/", include("catalog.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("procurement/", include("procurement.urls")),
    path("impact/", include("procurement.ledger.public_urls")),
    path("payments/", include("shop.payments.urls")),
    # The local Alipay gateway emulator: development only, never mounted with DEBUG off.
    *(
        [path("payments/emulator/", include("shop.payments.emulator.urls"))]
        if settings.ALIPAY_EMULATOR and settings.DEBUG
        else []
    ),
    # The site search (pages and products); a top-level page cannot take this slug (cms.forms).
    path("search/", site_search, name="site-search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap, "products": ProductSitemap}}),
    path("", include("cms.events.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every path not matched above, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))
