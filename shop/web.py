"""What the web entry points (shop/wsgi.py, shop/asgi.py) check before serving anything."""

from django.conf import settings


def secret_key_require():
    """Refuses to start a web process without a secret key (with DEBUG off there is no fallback).

    Django raises ImproperlyConfigured ("The SECRET_KEY setting must not be empty") only when the
    key is first read, which would be a shopper's first request; read it at start instead."""
    settings.SECRET_KEY  # noqa: B018 (the read is the check)
