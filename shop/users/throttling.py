"""Login throttling (django-axes): which account a login names, and the page a locked-out
visitor sees. Settings: ``AXES_*`` in shop/settings.py."""

from axes.helpers import get_cool_off
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from .backends import EmailOrMobileBackend


def axes_username(request, credentials):
    """The key axes counts failures under: ``user:<pk>`` for an existing account, whichever of
    its e-mail or mobile was typed, so the two share one counter; the typed login, lower-cased,
    for an unknown one (so guessing at it is throttled too).

    The shop's form, Wagtail's and Django admin's all authenticate with ``username``."""
    identifier = (credentials or {}).get("username") or (request.POST.get("username") if request else "")
    identifier = (identifier or "").strip()
    if not identifier:
        return ""
    user = EmailOrMobileBackend.user_for_identifier(identifier)
    return f"user:{user.pk}" if user is not None else identifier.lower()


def axes_client_ip(request):
    """The client's address as the nearest of ``TRUSTED_PROXY_COUNT`` proxies saw it: the entry
    that many places from the right of X-Forwarded-For. Entries further left are whatever the
    client sent, so an attacker cannot rotate them to escape the lockout."""
    count = settings.TRUSTED_PROXY_COUNT
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [hop.strip() for hop in header.split(",") if hop.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def login_unlock(*, login):
    """Lifts the lockout of the account ``login`` (its e-mail or mobile) from every network, as
    an operator does for a shopper who phoned in. Returns how many locked records were removed."""
    return reset(username=axes_username(None, {"username": login}))


def lockout_response(request, original_response, credentials):
    """The 429 page shown instead of a login form while the account is locked on this network.

    Every further attempt while locked starts the cool-off again (axes' default), so the time
    to retry counts from now."""
    cool_off = get_cool_off(request)
    retry_at = timezone.localtime(timezone.now() + cool_off)
    message = _(
        "登录失败次数过多，该账户已在当前网络暂时锁定。请在 %(minutes)d 分钟后（%(time)s 之后）再试，"
        "或用“忘记密码”重设密码。"
    ) % {"minutes": max(1, round(cool_off.total_seconds() / 60)), "time": time_format(retry_at, "H:i")}
    return render(request, "users/lockout.html", {"message": message}, status=429)
