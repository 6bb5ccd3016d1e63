"""Between the password and the second factor a user reaches only the second-factor pages
and logging out.

Checked for every URL rather than per view: the admin, its JSON endpoints, document and
media downloads, the portal and anything added later are closed the same way, because a
session that has only passed the password is not yet a login to any of them.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from tenants.secondfactor.service import step_needed
from tenants.secondfactor.sessions import current_session_key

# Where a user half-way through logging in may still go.
OPEN_VIEWS = {
    "second_factor:verify",
    "second_factor:setup",
    "wagtailadmin_logout",
    "portal:logout",
}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = step_needed(request.user)
        if step is not None and not is_open(request):
            return to_the_step(request, step)
        # Known to the password-change receiver, which keeps this one session.
        token = current_session_key.set(request.session.session_key)
        try:
            return self.get_response(request)
        finally:
            current_session_key.reset(token)


def is_open(request):
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name in OPEN_VIEWS


def to_the_step(request, step):
    url = reverse(f"second_factor:{step}", urlconf=getattr(request, "urlconf", None))
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)
