"""Public pages of the trainings: inwonersavond sign-up and the availability poll.

Neither needs an account. The poll is reached through a personal link with an
unguessable token; tokens live in the buurt's own schema, so a link only works on
its own buurt's host.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from buurtpages.models import PersonPage
from kernel.emails import same_email
from trainings.availability import answers_of, record_answers
from trainings.forms import AvailabilityForm, InterestSignupForm
from trainings.mails import signup_receipt
from trainings.models import CohortMember, InterestSignup, ResidentsEvening


def open_evenings():
    return ResidentsEvening.objects.filter(signups_open=True).select_related("place")


def evening_signup(request, pk=None):
    """Sign up for the next open inwonersavond; when none is open, say you are interested.

    Without an open evening the page still offers the form (the resident is invited to
    the next evening) and names the buurtverbinders to talk to: the footer's "Word
    buurtverbinder" leads somewhere in every buurt.
    """
    evenings = open_evenings()
    if pk is None:
        evening = evenings.upcoming().order_by("starts_at").first() or evenings.first()
    else:
        evening = get_object_or_404(evenings, pk=pk)
    form = InterestSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A bot (honeypot) or the same person twice (a double click, a reload): store nothing.
        if not form.is_spam() and not already_signed_up(evening, form.cleaned_data):
            signup = form.save(commit=False)
            signup.evening = evening
            signup.language = translation.get_language()
            signup.full_clean()
            signup.save()
            receipt = signup_receipt(signup)
            if receipt is not None:
                receipt.send()  # into the outbox, with the sign-up
        return redirect("trainings:signup_thanks")
    context = {"evening": evening, "form": form}
    if evening is None:
        context["buurtverbinders"] = buurtverbinders_to_talk_to()
    return TemplateResponse(request, "trainings/evening_signup.html", context)


def buurtverbinders_to_talk_to(limit=6):
    """The buurt's live buurtverbinder pages, in the visitor's language where translated."""
    people = PersonPage.objects.live().filter(kind=PersonPage.Kind.BUURTVERBINDER)
    in_language = people.filter(locale=Locale.get_active())
    return list((in_language if in_language.exists() else people).order_by("title")[:limit])


def already_signed_up(evening, data):
    """E-mail compared after the one normalisation of kernel.emails (never the
    database's case folding), phone numbers in their stored normal form."""
    signups = InterestSignup.objects.filter(evening=evening)
    if data["email"]:
        stored = signups.values_list("email", flat=True)
        return any(same_email(data["email"], address) for address in stored)
    return signups.filter(phone=data["phone"]).exists()


def signup_thanks(request):
    return TemplateResponse(request, "trainings/signup_thanks.html")


def availability(request, token):
    member = get_object_or_404(CohortMember.objects.select_related("cohort"), token=token)
    # Once the days are planned the poll is closed: the page just shows the days.
    candidates = [] if member.cohort.sessions.exists() else member.cohort.candidate_dates.all()
    form = AvailabilityForm(
        request.POST or None, candidates=candidates, initial_answers=answers_of(member)
    )
    if request.method == "POST" and candidates and form.is_valid():
        record_answers(member, form.answers())
        messages.success(request, _("Thank you! Your answers are saved; you can change them here."))
        return redirect("trainings:availability", token=token)
    response = TemplateResponse(
        request, "trainings/availability.html", {"member": member, "form": form}
    )
    # A personal link: keep it out of search engines and shared caches.
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
