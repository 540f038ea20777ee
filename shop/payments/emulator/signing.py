"""RSA2 (SHA256withRSA) as Alipay computes it, written apart from the SDK so each checks the other."""

import base64
import binascii

from Crypto.Hash import SHA256
from Crypto.PublicKey import RSA
from Crypto.Signature import pkcs1_15


def request_sign_content(params):
    """What an app signs: every non-empty parameter but ``sign``, sorted, as ``k=v&k=v``."""
    items = {key: value for key, value in params.items() if key != "sign" and value not in ("", None)}
    return _join(items)


def notify_sign_content(params):
    """What Alipay signs in a notify or return: every parameter but ``sign`` and ``sign_type``."""
    return _join({key: value for key, value in params.items() if key not in {"sign", "sign_type"}})


def rsa2_sign(private_key_pem, content):
    digest = SHA256.new(content.encode("utf-8"))
    return base64.b64encode(pkcs1_15.new(RSA.import_key(private_key_pem)).sign(digest)).decode("ascii")


def rsa2_verify(public_key_pem, content, signature):
    """True when ``signature`` (base64) is the RSA2 signature of ``content``; never raises."""
    try:
        raw = base64.b64decode(signature, validate=True)
        pkcs1_15.new(RSA.import_key(public_key_pem)).verify(SHA256.new(content.encode("utf-8")), raw)
    except (ValueError, TypeError, binascii.Error):
        return False
    return True


def _join(params):
    return "&".join(f"{key}={params[key]}" for key in sorted(params))
