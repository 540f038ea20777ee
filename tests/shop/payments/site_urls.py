"""The whole site with the Alipay emulator mounted, as ``runserver`` serves it in development.

``shop.urls`` mounts the emulator only with DEBUG on, and pytest-django turns DEBUG off before
any URL is resolved; tests that send a shopper through the emulator's cashier use this instead.
"""

from django.urls import include, path

from shop.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("payments/emulator/", include("shop.payments.emulator.urls")),
    *(pattern for pattern in site_urlpatterns if getattr(pattern, "namespace", None) != "alipay-emulator"),
]
