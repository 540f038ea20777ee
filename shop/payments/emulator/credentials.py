"""The emulator's development credentials: an app key pair and its own "Alipay" key pair.

Both pairs are made on first use and kept in ``ALIPAY_EMULATOR_KEY_DIR`` (``var/alipay-emulator``),
so payment URLs signed before a restart still verify after it. The file is written once, by
whichever process gets there first: the others read that one, so every process signs alike.
"""

import functools
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from Crypto.PublicKey import RSA
from django.conf import settings

APP_ID = "2021000000000001"
SELLER_ID = "2088000000000001"
KEY_BITS = 2048
CREDENTIALS_FILE = "credentials.json"


@dataclass(frozen=True)
class DevCredentials:
    app_id: str
    seller_id: str
    app_private_key: str  # PKCS#1 PEM, as Alipay's key tool gives "非Java" apps
    app_public_key: str  # SubjectPublicKeyInfo PEM, what the app uploads to Alipay
    alipay_private_key: str
    alipay_public_key: str


def dev_credentials():
    """The emulator's credentials, made and stored on first use."""
    return _credentials_in(str(Path(settings.ALIPAY_EMULATOR_KEY_DIR).resolve()))


@functools.lru_cache(maxsize=8)
def _credentials_in(key_dir):
    path = Path(key_dir) / CREDENTIALS_FILE
    if not path.exists():
        _write_once(path, _new_credentials())
    return DevCredentials(**json.loads(path.read_text(encoding="utf-8")))


def _new_credentials():
    app_key, alipay_key = RSA.generate(KEY_BITS), RSA.generate(KEY_BITS)
    return DevCredentials(
        app_id=APP_ID,
        seller_id=SELLER_ID,
        app_private_key=app_key.export_key("PEM", pkcs=1).decode(),
        app_public_key=app_key.publickey().export_key("PEM").decode(),
        alipay_private_key=alipay_key.export_key("PEM", pkcs=1).decode(),
        alipay_public_key=alipay_key.publickey().export_key("PEM").decode(),
    )


def _write_once(path, credentials):
    """Publishes the file atomically; when another process published first, its keys win."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = tempfile.NamedTemporaryFile(
        "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
    )
    with temporary as tmp:
        json.dump(asdict(credentials), tmp, indent=2)
    try:
        os.chmod(tmp.name, 0o600)
        os.link(tmp.name, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp.name)
