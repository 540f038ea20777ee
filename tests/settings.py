"""The test run's settings: the project's one settings module as development runs it.

``DEBUG`` defaults to off, and must be on before shop.settings is read (it decides the secret
key, the Alipay emulator and the HTTPS redirect at import), which is earlier than any conftest.
"""

import os

os.environ.setdefault("DEBUG", "1")

from shop.settings import *  # noqa: E402, F403

# Tests create many users: a fast hasher keeps them from dominating the run (passwords are still checked).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process has its own database (pytest-xdist), and in CI all share one Redis: cached
# rows of one database (Wagtail's site root paths, say) must not be read by another process.
CACHES["default"]["KEY_PREFIX"] = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"  # noqa: F405
