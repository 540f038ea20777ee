"""The test run's settings: the project's one settings module as development runs it.

``DEBUG`` defaults to off, and must be on before shop.settings is read (it decides the secret
key, the Alipay emulator and the HTTPS redirect at import), which is earlier than any conftest.
"""

import os

os.environ.setdefault("DEBUG", "1")

from shop.settings import *  # noqa: E402, F403
