"""Admin screens around the workflows: inviting people, account requests, pages taken
offline after reports, and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import PageLogEntry

from kernel.roles import RESIDENT
from workflows import reports
from workflows import translation_queue as translation_queues
from workflows.account_mails import account_request_declined
from workflows.forms import DecisionNoteForm, InvitationForm
from workflows.invitations import invite_user
from workflows.models import AccountRequest, ModerationCase

# What the audit log shows: every workflow step, publication and moderation decision.
AUDITED_ACTIONS = ("wagtail.workflow.", "workflows.", "wagtail.publish", "wagtail.unpublish")


def forbid_unless(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def invite(request):
    forbid_unless(request.user, "auth.add_user")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = send_invitation(form.cleaned_data["email"], form.cleaned_data["role"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("invite_people")
    return TemplateResponse(request, "workflows/admin/invite.html", {"form": form})


def send_invitation(email, role, language=None):
    """Invite the account with this address; its e-mail is stored in the outbox with the
    invitation, so it goes out exactly when the invitation is stored."""
    invitation = invite_user(connection.tenant, email, role, language=language)
    invitation.send()
    return invitation


def account_requests(request):
    forbid_unless(request.user, "workflows.change_accountrequest")
    pending = AccountRequest.objects.filter(status=AccountRequest.Status.PENDING)
    decided = AccountRequest.objects.exclude(status=AccountRequest.Status.PENDING)[:20]
    return TemplateResponse(
        request,
        "workflows/admin/account_requests.html",
        {"pending": pending, "decided": decided},
    )


@require_POST
def decide_account_request(request, pk):
    forbid_unless(request.user, "workflows.change_accountrequest")
    account_request = get_object_or_404(AccountRequest, pk=pk, status=AccountRequest.Status.PENDING)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        return redirect("account_requests")  # only the two buttons decide
    approve = decision == "approve"
    try:
        with transaction.atomic():
            account_request.status = (
                AccountRequest.Status.APPROVED if approve else AccountRequest.Status.DECLINED
            )
            account_request.decided_at = timezone.now()
            account_request.decided_by = request.user
            account_request.save()
            if approve:
                send_invitation(account_request.email, RESIDENT, account_request.language)
            else:
                account_request_declined(account_request).send()
    except ValidationError as error:  # a look-alike or shared address: nothing is decided
        messages.error(request, " ".join(error.messages))
        return redirect("account_requests")
    if approve:
        messages.success(
            request, _("%(name)s receives an invitation.") % {"name": account_request.name}
        )
    else:
        messages.info(request, _("The request was declined."))
    return redirect("account_requests")


def moderation_cases(request):
    forbid_unless(request.user, "workflows.change_moderationcase")
    cases = ModerationCase.objects.select_related("page").prefetch_related("reports")
    return TemplateResponse(
        request,
        "workflows/admin/moderation_cases.html",
        {
            "open_cases": cases.filter(status=ModerationCase.Status.OFFLINE),
            "closed_cases": cases.exclude(status=ModerationCase.Status.OFFLINE)[:20],
        },
    )


def moderation_case(request, pk):
    forbid_unless(request.user, "workflows.change_moderationcase")
    case = get_object_or_404(ModerationCase.objects.select_related("page"), pk=pk)
    form = DecisionNoteForm(request.POST or None)
    decision = request.POST.get("decision")
    deciding = request.method == "POST" and case.status == ModerationCase.Status.OFFLINE
    if deciding and decision in ("restore", "keep_offline") and form.is_valid():
        restore = decision == "restore"
        reports.decide(case, request.user, restore, form.cleaned_data["note"])
        messages.success(
            request,
            _("The page is back online.") if restore else _("The page stays offline."),
        )
        return redirect("moderation_cases")
    return TemplateResponse(
        request,
        "workflows/admin/moderation_case.html",
        {"case": case, "form": form, "reports": case.reports.all()},
    )


@permission_required("workflows.view_audit_log", raise_exception=True)
def audit_log(request):
    audited = Q()
    for prefix in AUDITED_ACTIONS:
        audited |= Q(action__startswith=prefix)
    entries = (
        PageLogEntry.objects.filter(audited)
        .select_related("user", "page")
        .order_by("-timestamp")[:200]
    )
    return TemplateResponse(request, "workflows/admin/audit_log.html", {"entries": entries})


def translation_queue(request):
    """The pages waiting for a translation into the languages the person translates."""
    return TemplateResponse(
        request,
        "workflows/admin/translation_queue.html",
        {"queues": translation_queues.queues_for(request.user)},
    )
