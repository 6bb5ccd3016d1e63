"""The Buurtbeheerder's view of the outbox: mails that keep failing, with the error,
and a button to try again or to cancel each one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox import delivery
from outbox.models import OutgoingMail, failing_mails

VIEW = "outbox.view_outgoingmail"
CHANGE = "outbox.change_outgoingmail"
RECENT = 50


def forbid_unless(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def outgoing_mails(request):
    forbid_unless(request.user, VIEW)
    failing = failing_mails().order_by("created_at")
    recent = OutgoingMail.objects.exclude(pk__in=failing.values("pk"))[:RECENT]
    return TemplateResponse(
        request,
        "outbox/admin/outgoing_mails.html",
        {"failing": failing, "recent": recent, "may_change": request.user.has_perm(CHANGE)},
    )


@require_POST
def retry_outgoing_mail(request, pk):
    forbid_unless(request.user, CHANGE)
    mail = get_object_or_404(OutgoingMail, pk=pk)
    delivery.retry(mail)
    messages.success(
        request, _("The mail to %(email)s will be sent again.") % {"email": mail.recipient}
    )
    return redirect("outgoing_mails")


@require_POST
def cancel_outgoing_mail(request, pk):
    forbid_unless(request.user, CHANGE)
    mail = get_object_or_404(OutgoingMail, pk=pk)
    delivery.cancel(mail)
    messages.info(request, _("The mail to %(email)s will not be sent.") % {"email": mail.recipient})
    return redirect("outgoing_mails")
