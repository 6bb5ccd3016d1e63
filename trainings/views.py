"""Public pages of the trainings: inwonersavond sign-up and the availability poll.

Neither needs an account. The poll is reached through a personal link with an
unguessable token; tokens live in the buurt's own schema, so a link only works on
its own buurt's host.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from kernel.emails import same_email
from trainings.availability import answers_of, record_answers
from trainings.forms import AvailabilityForm, InterestSignupForm
from trainings.models import CohortMember, ResidentsEvening


def open_evenings():
    return ResidentsEvening.objects.filter(signups_open=True).select_related("place")


def evening_signup(request, pk=None):
    evenings = open_evenings()
    if pk is None:
        evening = evenings.upcoming().order_by("starts_at").first() or evenings.first()
        if evening is None:
            raise Http404
    else:
        evening = get_object_or_404(evenings, pk=pk)
    form = InterestSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A bot (honeypot) or the same person twice (a double click, a reload): store nothing.
        if not form.is_spam() and not already_signed_up(evening, form.cleaned_data):
            signup = form.save(commit=False)
            signup.evening = evening
            signup.site_language = translation.get_language()
            signup.full_clean()
            signup.save()
        return redirect("trainings:signup_thanks")
    return TemplateResponse(
        request, "trainings/evening_signup.html", {"evening": evening, "form": form}
    )


def already_signed_up(evening, data):
    """E-mail compared after the one normalisation of kernel.emails (never the
    database's case folding), phone numbers in their stored normal form."""
    if data["email"]:
        stored = evening.signups.values_list("email", flat=True)
        return any(same_email(data["email"], address) for address in stored)
    return evening.signups.filter(phone=data["phone"]).exists()


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
