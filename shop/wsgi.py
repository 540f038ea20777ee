import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
application = get_wsgi_application()

from shop.web import secret_key_require  # noqa: E402 (needs the settings configured above)

secret_key_require()
