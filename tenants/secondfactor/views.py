"""The second step of logging in (a code) and setting up a device on first login.

Wrong codes count towards the same lockout as wrong passwords (tenants/security.py):
five for the account, twenty from one address block, and a locked account gets no code
checked at all, so the six digits cannot be guessed faster than a password.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from kernel.network import client_address
from tenants.secondfactor import service
from tenants.secondfactor.forms import CodeForm, SetupCodeForm
from tenants.security import count, failure_keys, locked_out, login_locked


def login_url():
    return reverse("portal:login") if service.on_portal() else reverse("wagtailadmin_login")


def next_url(request):
    """Where the user was going, if it is on this host; else the admin or portal home."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return reverse("portal:home") if service.on_portal() else reverse("wagtailadmin_home")


def is_locked(request):
    return login_locked(request.user.get_username(), client_address(request))


def count_wrong_code(request):
    for key in failure_keys(request.user.get_username(), client_address(request)):
        count(key, settings.LOGIN_LOCKOUT_SECONDS)


def finish_login(request, device):
    request.session.cycle_key()  # a new session id once the login is complete
    otp_login(request, device)
    cache.delete(failure_keys(request.user.get_username(), client_address(request))[0])


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    if not request.user.is_authenticated:
        return redirect(login_url())
    if service.step_needed(request.user) != service.VERIFY:
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if is_locked(request):
            return locked_out(request)
        if form.is_valid():
            device = service.device_accepting(request.user, form.cleaned_data["code"])
            if device is not None:
                finish_login(request, device)
                return redirect(next_url(request))
            count_wrong_code(request)
            form.add_error("code", wrong_code_message())
    return TemplateResponse(
        request, "secondfactor/verify.html", {"form": form, "next": next_url(request)}
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Only for an account without a confirmed device: a password alone never adds a
    second device to an account that has one."""
    if not request.user.is_authenticated:
        return redirect(login_url())
    if service.confirmed_device(request.user) is not None:
        return redirect(next_url(request))
    device = service.device_being_set_up(request.user, request.session)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST":
        if is_locked(request):
            return locked_out(request)
        if form.is_valid():
            codes = service.confirm_setup(device, form.cleaned_data["code"])
            if codes is not None:
                del request.session[service.PENDING_KEY_SESSION_KEY]
                finish_login(request, device)
                context = {"codes": codes, "next": next_url(request)}
                return TemplateResponse(request, "secondfactor/recovery_codes.html", context)
            count_wrong_code(request)
            form.add_error("code", wrong_code_message())
    context = {
        "form": form,
        "next": next_url(request),
        "qr_code": service.qr_code_data_uri(device),
        "secret": service.secret_in_text(device),
        "required": service.is_required(request.user),
    }
    return TemplateResponse(request, "secondfactor/setup.html", context)


def wrong_code_message():
    return _("This code is not right. Check the time on your phone, or try the next code.")
