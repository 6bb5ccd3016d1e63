"""Public views of the moderation steps: no account needed."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from kernel.emails import matching
from kernel.network import client_address
from kernel.roles import CONNECTOR
from workflows import consent, reports
from workflows.forms import AccountRequestForm, ContentReportForm
from workflows.models import AccountRequest, ConsentRequest
from workflows.notifications import admin_url, notify, users_in


def person_consent(request, token):
    consent_request = get_object_or_404(
        ConsentRequest.objects.select_related("task_state__revision"), token=token
    )
    page = consent_request.task_state.revision.as_object()
    context = {"consent_request": consent_request, "page": page}
    decision = request.POST.get("decision")
    # Only the two buttons decide; anything else shows the question again.
    if request.method == "POST" and consent_request.is_open and decision in ("yes", "no"):
        consent.decide(consent_request, agreed=decision == "yes")
        context["answered"] = decision
    return TemplateResponse(request, "workflows/person_consent.html", context)


def report_page(request, page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if page.depth <= 2:
        raise Http404  # the home page is reported through its pages, not as a whole
    form = ContentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            reporter = reports.reporter_key(client_address(request))
            data = form.cleaned_data
            reports.file_report(page, data["reason"], data["explanation"], reporter)
        return redirect("report_thanks")
    return TemplateResponse(request, "workflows/report_form.html", {"form": form, "page": page})


def report_thanks(request):
    return TemplateResponse(request, "workflows/report_thanks.html")


def request_account(request):
    form = AccountRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam() and not already_requested(form.cleaned_data["email"]):
            account_request = form.save(commit=False)
            account_request.language = translation.get_language()
            account_request.save()
            context = {
                "account_request": account_request,
                "url": admin_url("account_requests"),
            }
            notify(users_in(CONNECTOR), "account_requested", context)
        return redirect("account_request_thanks")
    return TemplateResponse(request, "workflows/account_request.html", {"form": form})


def account_request_thanks(request):
    return TemplateResponse(
        request,
        "workflows/simple_message.html",
        {
            "title": _("Thank you"),
            "message": _(
                "A buurtverbinder looks at your request. You receive an e-mail with a "
                "link to set your password once it is approved."
            ),
        },
    )


def already_requested(email):
    pending = AccountRequest.objects.filter(status=AccountRequest.Status.PENDING)
    return bool(matching(pending.only("email"), email))
