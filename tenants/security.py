"""Security middleware: a strict Content-Security-Policy with a relaxed one scoped to the
Wagtail admin, a rate limit on anonymous form posts, and a login lockout.

Counters live in the default cache, whose keys carry the schema (make_key), so each
buurt counts its own logins. With a per-process cache (LocMemCache) every worker
counts for itself; a shared cache (Redis, database) makes the limits exact.
"""

import hashlib

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _

LOGIN_PATHS = ("/admin/login/", "/inloggen/")


class BuurtCSPMiddleware(CSPMiddleware):
    """The public policy everywhere; the admin's own policy under its URL prefixes."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


def is_admin_path(path):
    return path.startswith(settings.ADMIN_CSP_URL_PREFIXES)


def client_address(request):
    return request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR", "")


def hashed(value):
    """Counters are keyed by a hash: the cache holds no addresses or user names."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def count(key, window):
    """Add one to a counter that expires `window` seconds after its first hit."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def failure_keys(username, address):
    return (
        f"login-failures:user:{hashed(username.lower())}",
        f"login-failures:ip:{hashed(address)}",
    )


def login_locked(username, address):
    user_key, address_key = failure_keys(username, address)
    return (cache.get(user_key, 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT) or (
        cache.get(address_key, 0) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


@receiver(user_login_failed)
def count_login_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    username = credentials.get("username") or ""
    for key in failure_keys(username, client_address(request)):
        count(key, settings.LOGIN_LOCKOUT_SECONDS)


@receiver(user_logged_in)
def forget_login_failures(sender, request, user, **kwargs):
    if request is not None:
        cache.delete(failure_keys(user.get_username(), client_address(request))[0])


class ThrottleMiddleware:
    """Refuses a login while its account or address is locked out, and anonymous form
    posts beyond the per-address limit. Logged-in editors are never rate limited."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.user.is_authenticated:
            address = client_address(request)
            if request.path_info in LOGIN_PATHS:
                username = request.POST.get("username", "")
                if login_locked(username, address):
                    return locked_out(request)
            posts = count(f"posts:{hashed(address)}", settings.PUBLIC_POST_WINDOW_SECONDS)
            if posts > settings.PUBLIC_POSTS_PER_WINDOW:
                return too_many_posts(request)
        return self.get_response(request)


def locked_out(request):
    minutes = settings.LOGIN_LOCKOUT_SECONDS // 60
    message = _(
        "Too many failed login attempts. For your safety, logging in is blocked for "
        "%(minutes)d minutes. Try again later, or ask your buurtbeheerder for a new password."
    ) % {"minutes": minutes}
    return throttled(request, _("Logging in is blocked for a while"), message)


def too_many_posts(request):
    message = _("You sent a lot of forms in a short time. Please wait a few minutes and try again.")
    return throttled(request, _("Please wait a moment"), message)


def throttled(request, title, message):
    response = render(
        request, "tenants/throttled.html", {"title": title, "message": message}, status=429
    )
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
    return response
