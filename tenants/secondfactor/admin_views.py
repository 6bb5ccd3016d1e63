"""A Buurtbeheerder resets someone's second factor (a lost phone and no recovery codes).

Accounts are per buurt (each schema has its own users), so the account looked up here is
always one of the buurt whose host was asked: another buurt's Buurtbeheerder reaches
only their own buurt's account with that number.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kernel.roles import BUURT_ADMIN, has_role
from tenants.secondfactor import service

RESET_ACTION = "secondfactor.reset"


def may_reset(user, account):
    """A Buurtbeheerder (or superuser) of this buurt; a superuser's account only by a
    superuser."""
    if account.is_superuser and not user.is_superuser:
        return False
    return user.is_superuser or has_role(user, BUURT_ADMIN)


def reset_second_factor(request, user_id):
    account = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, account):
        raise PermissionDenied
    if request.method == "POST":
        service.reset(account)
        log(instance=account, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            _("The second factor of %(name)s is reset; they set up a new one at their next login.")
            % {"name": account.get_full_name() or account.get_username()},
        )
        return redirect("wagtailusers_users:index")
    context = {
        "account": account,
        "has_device": service.confirmed_device(account) is not None,
        "required": service.is_required(account),
    }
    return TemplateResponse(request, "secondfactor/admin/reset.html", context)
