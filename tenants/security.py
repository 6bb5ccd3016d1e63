"""Security middleware: a strict Content-Security-Policy with a relaxed one scoped to the
Wagtail admin, a rate limit on anonymous form posts, and a login lockout.

The lockout is enforced where credentials are checked: LoginLockoutBackend comes first in
AUTHENTICATION_BACKENDS and refuses every password check for a locked account or address,
so every login view (the admin's, Wagtail's front-end login for private pages, the
portal's, under every language prefix) is covered without a list of login URLs.

Counters live in the default cache, whose keys carry the schema (make_key), so each
buurt counts its own logins. With a per-process cache (LocMemCache, the default on one
machine) every worker counts for itself; with REDIS_URL set (config/shared_cache.py)
the default cache is Redis and each count is one INCR, exact across every worker and
server.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.translation import gettext as _

from kernel.counters import count, hashed
from kernel.emails import normal_email
from kernel.network import client_address
from tenants.secondfactor.service import expects_second_factor


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


def failure_keys(username, address):
    return (
        f"login-failures:user:{hashed(normal_email(username))}",
        f"login-failures:ip:{hashed(address)}",
    )


def login_locked(username, address):
    user_key, address_key = failure_keys(username, address)
    return (cache.get(user_key, 0) >= settings.LOGIN_FAILURES_PER_ACCOUNT) or (
        cache.get(address_key, 0) >= settings.LOGIN_FAILURES_PER_ADDRESS
    )


class LoginLockoutBackend(BaseBackend):
    """Refuses any password check for a locked account or address.

    Raising PermissionDenied makes Django's `authenticate` stop before the backends that
    would check the password, and report a failed login.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else ""
        if login_locked(username or "", address):
            if request is not None:
                request.login_locked_out = True  # ThrottleMiddleware answers with the notice
            raise PermissionDenied
        return None


@receiver(user_login_failed)
def count_login_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    username = credentials.get("username") or ""
    for key in failure_keys(username, client_address(request)):
        count(key, settings.LOGIN_LOCKOUT_SECONDS)


@receiver(user_logged_in)
def forget_login_failures(sender, request, user, **kwargs):
    """A right password clears the account's count, unless a code is still to come: then
    only the right code does (tenants/secondfactor/views.py), or logging in again with the
    password would give a guesser of codes a fresh count each time."""
    if request is not None and not expects_second_factor(user):
        cache.delete(failure_keys(user.get_username(), client_address(request))[0])


class ThrottleMiddleware:
    """Refuses anonymous form posts beyond the per-address limit, and answers a login
    that LoginLockoutBackend refused with the lockout notice instead of the login form.
    Logged-in editors are never rate limited."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.user.is_authenticated:
            address = client_address(request)
            posts = count(f"posts:{hashed(address)}", settings.PUBLIC_POST_WINDOW_SECONDS)
            if posts > settings.PUBLIC_POSTS_PER_WINDOW:
                return too_many_posts(request)
        response = self.get_response(request)
        if getattr(request, "login_locked_out", False):
            return locked_out(request)
        return response


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
    response = render(request, "throttled.html", {"title": title, "message": message}, status=429)
    response["Retry-After"] = str(settings.LOGIN_LOCKOUT_SECONDS)
    return response
