"""Proving that a person holds a mobile number: a one-time code texted to it (短信验证码).

A code lives ``CODE_LIFETIME``, allows ``MAX_ATTEMPTS`` wrong entries and is spent on its first
right one; sending a new code retires the number's earlier ones. Sending is throttled per number
(``RESEND_INTERVAL``, ``MAX_CODES_PER_MOBILE_PER_DAY``) and per client address
(``MAX_CODES_PER_ADDRESS_PER_HOUR``), since every text costs money and can harass its receiver."""

import hashlib
import hmac
import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.sms.exceptions import SmsNotSent
from shop.sms.services import sms_available, sms_send

from .exceptions import VerificationRefused
from .models import MobileVerification
from .validators import validate_mainland_mobile

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
RESEND_INTERVAL = timedelta(seconds=60)
MAX_ATTEMPTS = 5
MAX_CODES_PER_MOBILE_PER_DAY = 10
MAX_CODES_PER_ADDRESS_PER_HOUR = 20

Purpose = MobileVerification.Purpose


def _texts():
    return {
        Purpose.REGISTER: _(
            "您的注册验证码是 %(code)s，%(minutes)d 分钟内有效。如非本人操作，请忽略本短信。"
        ),
        Purpose.PASSWORD_RESET: _(
            "您正在找回稳富账号的密码，验证码 %(code)s，%(minutes)d 分钟内有效，请勿告诉他人。"
        ),
    }


def _digest(*, mobile, purpose, code):
    """The keyed hash kept instead of the code: a leaked table yields no usable codes."""
    message = f"{purpose}:{mobile}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _latest(mobile, purpose):
    return MobileVerification.objects.filter(mobile=mobile, purpose=purpose).order_by("-created_at", "-pk")


def mobile_verification_wait(*, mobile, purpose, now=None):
    """Seconds before another code may be sent to ``mobile`` for ``purpose``; 0 when it may now."""
    now = now or timezone.now()
    last = _latest(mobile, purpose).values_list("created_at", flat=True).first()
    if last is None:
        return 0
    return max(0, math.ceil((last + RESEND_INTERVAL - now).total_seconds()))


def _serialise_sends(*keys):
    """Holds, until the transaction ends, a lock per key (the number, the client's address), so
    parallel requests cannot all pass the throttles before any of them is recorded. SQLite
    (development) runs one writing transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"wenfu-sms:{key}"])


def _refuse_if_throttled(*, mobile, purpose, client_ip, now):
    wait = mobile_verification_wait(mobile=mobile, purpose=purpose, now=now)
    if wait:
        raise VerificationRefused(_("验证码已发送，请 %(seconds)d 秒后再重新获取。") % {"seconds": wait})
    sent_today = MobileVerification.objects.filter(mobile=mobile, created_at__gt=now - timedelta(days=1))
    if sent_today.count() >= MAX_CODES_PER_MOBILE_PER_DAY:
        raise VerificationRefused(_("该手机号今天获取验证码的次数已达上限，请明天再试。"))
    if client_ip:
        sent_here = MobileVerification.objects.filter(
            client_ip=client_ip, created_at__gt=now - timedelta(hours=1)
        )
        if sent_here.count() >= MAX_CODES_PER_ADDRESS_PER_HOUR:
            raise VerificationRefused(_("获取验证码过于频繁，请一小时后再试。"))


def mobile_verification_send(*, mobile, purpose, client_ip=None):
    """Texts a new code to ``mobile`` for ``purpose`` and records its hash; earlier codes of the
    number and purpose stop counting.

    For sign-up, a number that already has an account is refused (the form would refuse it
    anyway). For a password reset, a number without an account is recorded and throttled exactly
    like one with, but nothing is texted: the answer does not tell which numbers have accounts.

    Raises ``VerificationRefused``: malformed number, no SMS service, already registered,
    throttled, or the SMS backend failed (then nothing is recorded)."""
    try:
        validate_mainland_mobile(mobile)
    except ValidationError as error:
        raise VerificationRefused(error.messages[0]) from error
    if not sms_available():
        raise VerificationRefused(_("本站暂未开通短信服务，请用邮箱注册或找回密码。"))
    registered = get_user_model()._default_manager.filter(mobile=mobile).exists()
    if purpose == Purpose.REGISTER and registered:
        raise VerificationRefused(_("该手机号已注册，请直接登录；忘记密码可用手机号找回。"))
    try:
        with transaction.atomic():
            _serialise_sends(mobile, client_ip or "")
            now = timezone.now()
            _refuse_if_throttled(mobile=mobile, purpose=purpose, client_ip=client_ip, now=now)
            code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
            MobileVerification.objects.create(
                mobile=mobile,
                purpose=purpose,
                code_hash=_digest(mobile=mobile, purpose=purpose, code=code),
                client_ip=client_ip or None,
                created_at=now,
                expires_at=now + CODE_LIFETIME,
            )
            if purpose != Purpose.PASSWORD_RESET or registered:
                minutes = int(CODE_LIFETIME.total_seconds() // 60)
                sms_send(mobile=mobile, text=_texts()[purpose] % {"code": code, "minutes": minutes})
    except SmsNotSent as error:
        raise VerificationRefused(error.message) from error


def mobile_verification_check(*, mobile, purpose, code):
    """Spends the newest code of ``mobile`` for ``purpose`` if ``code`` is it; a wrong code counts
    as an attempt (kept even though the caller's form fails).

    Raises ``VerificationRefused``: no code sent, expired or already used, too many wrong
    attempts, or wrong."""
    code = (code or "").strip()
    with transaction.atomic():
        verification = _latest(mobile, purpose).select_for_update().first()
        refusal = _refusal(verification, mobile=mobile, purpose=purpose, code=code)
        if refusal is None:
            verification.used_at = timezone.now()
            verification.save(update_fields=["used_at"])
    if refusal is not None:
        raise VerificationRefused(refusal)


def _refusal(verification, *, mobile, purpose, code):
    """Why ``code`` does not prove ``mobile`` (counting a wrong guess), or None when it does."""
    if verification is None:
        return _("请先获取短信验证码。")
    if verification.used_at is not None or verification.expires_at <= timezone.now():
        return _("验证码已失效，请重新获取。")
    if verification.attempts >= MAX_ATTEMPTS:
        return _("验证码输错次数过多，请重新获取。")
    expected = verification.code_hash
    if hmac.compare_digest(expected, _digest(mobile=mobile, purpose=purpose, code=code)):
        return None
    verification.attempts += 1
    verification.save(update_fields=["attempts"])
    left = MAX_ATTEMPTS - verification.attempts
    if left == 0:
        return _("验证码不正确，且已输错 %(count)d 次，请重新获取。") % {"count": MAX_ATTEMPTS}
    return _("验证码不正确，还可以再试 %(count)d 次。") % {"count": left}
