"""The test run's settings: the project's one settings module as development runs it.

``DEBUG`` defaults to off, and must be on before shop.settings is read (it decides the secret
key, the Alipay emulator and the HTTPS redirect at import), which is earlier than any conftest.
"""

import os
from urllib.parse import urlsplit

os.environ.setdefault("DEBUG", "1")

from shop.settings import *  # noqa: E402, F403

# Tests create many users: a fast hasher keeps them from dominating the run (passwords are still checked).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process has its own database (pytest-xdist), and in CI all share one Redis: cached
# rows of one database (Wagtail's site root paths, say) must not be read by another process, and a
# test's ``cache.clear()`` (Redis FLUSHDB) must not empty another process's cache in the middle of
# its test. So each process uses a Redis database of its own: 1 without xdist, 2 + n for worker gwn.
if REDIS_URL:  # noqa: F405
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    _database = 2 + int(_worker.removeprefix("gw")) if _worker else 1
    CACHES["default"]["LOCATION"] = urlsplit(REDIS_URL)._replace(path=f"/{_database}").geturl()  # noqa: F405
