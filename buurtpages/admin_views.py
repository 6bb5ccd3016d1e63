"""Admin views for organisers: who signed up for an activity, who offered help to an
initiative (and the team's answer), with CSV exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from buurtpages import help_offers, printed, referrals
from buurtpages.models import ActivityPage, HelpOffer, InitiativePage
from buurtpages.teams import TeamRole
from kernel.roles import BUURT_ADMIN, CONNECTOR, PROFESSIONAL, has_role
from kernel.spreadsheet import csv_writer


def activity_registrations(request, page_id):
    """Anyone who may edit the activity page (its organiser) sees its sign-ups."""
    activity = get_object_or_404(ActivityPage, pk=page_id)
    if not activity.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    registrations = activity.registrations.order_by("occurrence_start", "status", "created_at")
    if request.GET.get("export") == "csv":
        return registrations_csv(activity, registrations)
    return TemplateResponse(
        request,
        "buurtpages/admin/registrations.html",
        {
            "activity": activity,
            "registrations": registrations,
            "may_record": activity.permissions_for_user(request.user).can_publish(),
        },
    )


def registrations_csv(activity, registrations):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{activity.slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names correctly
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Date"),
            _("Name"),
            _("E-mail"),
            _("Phone"),
            _("Status"),
            _("Signed up"),
            _("Via buurtverbinder"),
        ]
    )
    for registration in registrations:
        writer.writerow(
            [
                timezone.localtime(registration.occurrence_start).strftime("%Y-%m-%d %H:%M"),
                registration.name,
                registration.email,
                registration.phone,
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                _("yes") if registration.via_connector else "",
            ]
        )
    return response


def editable_initiative(request, page_id):
    """The initiative (in the buurt's main language), if the user may edit it: its
    owner, co-editors and buurtverbinders answer its offers."""
    initiative = get_object_or_404(InitiativePage, pk=page_id).original()
    if not initiative.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return initiative


def initiative_help_offers(request, page_id):
    """Every offer of help with its ask; waiting ones get welcome / not now buttons."""
    initiative = editable_initiative(request, page_id)
    offers = list(initiative.help_offers.order_by("-created_at"))
    if request.GET.get("export") == "csv":
        return help_offers_csv(initiative, offers)
    return TemplateResponse(
        request,
        "buurtpages/admin/help_offers.html",
        {
            "initiative": initiative,
            "offers": offers,
            "asks": initiative.ask_progress(),
            "roles": TeamRole.choices,
            "may_record": initiative.permissions_for_user(request.user).can_publish(),
        },
    )


def answer_help_offer(request, pk):
    if request.method != "POST":
        raise PermissionDenied
    offer = get_object_or_404(HelpOffer, pk=pk)
    initiative = editable_initiative(request, offer.initiative_id)
    role = request.POST.get("role", "")
    if request.POST.get("answer") == "welcome" and role in [*TeamRole.values, ""]:
        help_offers.welcome(offer, role)
        messages.success(request, _("%(name)s is welcomed to the team.") % {"name": offer.name})
    elif request.POST.get("answer") == "not_now":
        help_offers.not_now(offer)
        messages.success(request, _("%(name)s is thanked for the offer.") % {"name": offer.name})
    return redirect("initiative_help_offers", initiative.pk)


def help_offers_csv(initiative, offers):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"hulpaanbod-{initiative.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names correctly
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Offered"),
            _("Name"),
            _("E-mail"),
            _("Phone"),
            _("Languages spoken"),
            _("Role"),
            _("Status"),
            _("Via buurtverbinder"),
            _("Offered at"),
        ]
    )
    for offer in offers:
        writer.writerow(
            [
                offer.ask_what or _("To join in with the initiative"),
                offer.name,
                offer.email,
                offer.phone,
                offer.languages,
                offer.get_role_display(),
                offer.get_status_display(),
                _("yes") if offer.via_connector else "",
                timezone.localtime(offer.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


def printed_agendas(request):
    """Links to the printed buurtagenda of the coming months in each of the buurt's
    languages, on the buurt's own domain (where residents and printers fetch them)."""
    root = Site.find_for_request(request).root_url
    months = printed.months_to_print(count=3)
    rows = []
    for locale in Locale.objects.order_by("pk"):
        info = translation.get_language_info(locale.language_code)
        with translation.override(locale.language_code):
            links = [
                (
                    month,
                    root
                    + reverse("agenda_pdf", kwargs={"year": f"{month:%Y}", "month": f"{month:%m}"}),
                )
                for month in months
            ]
        rows.append({"language": info["name_local"], "code": locale.language_code, "links": links})
    return TemplateResponse(request, "buurtpages/admin/printed_agendas.html", {"rows": rows})


REFERRING_ROLES = (PROFESSIONAL, CONNECTOR, BUURT_ADMIN)


def may_make_referral_slips(user):
    return user.is_superuser or any(has_role(user, key) for key in REFERRING_ROLES)


def referral_slips(request):
    """Professionals (and buurtverbinders, the Buurtbeheerder) print slips for clients;
    the form asks nothing about the client, and only counts are stored."""
    if not may_make_referral_slips(request.user):
        raise PermissionDenied
    form = referrals.ReferralSlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pages = list(form.cleaned_data["pages"])
        language = form.cleaned_data["language"]
        site = Site.find_for_request(request)
        pdf = referrals.slips_pdf(
            pages, language, form.cleaned_data["buurtverbinder"], request, site.site_name
        )
        referrals.count_slips(pages, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="verwijskaartjes-{language}.pdf"'
        return response
    return TemplateResponse(
        request,
        "buurtpages/admin/referral_slips.html",
        {"form": form, "counts": referrals.counts_for_buurt()},
    )
