"""The answer to someone who asked for an account, when a buurtverbinder says no.

Built here, sent by the caller once the decision is stored. Without it the person waited
for an invitation that never came.
"""

from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kernel.emails import sender_named


def account_request_declined(account_request):
    buurt = connection.tenant
    decider = account_request.decided_by
    with translation.override(account_request.language):
        context = {
            "account_request": account_request,
            "buurt": buurt.name,
            "decider": decider.get_full_name() if decider else "",
            "url": buurt.base_url + "/",
        }
        subject = _("Your request to write on the website of %(buurt)s") % {"buurt": buurt.name}
        body = render_to_string("workflows/email/account_declined.txt", context)
    return EmailMessage(
        subject, body, from_email=sender_named(buurt.name), to=[account_request.email]
    )
