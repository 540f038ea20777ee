import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
application = get_asgi_application()

from shop.web import secret_key_require  # noqa: E402 (needs the settings configured above)

secret_key_require()
