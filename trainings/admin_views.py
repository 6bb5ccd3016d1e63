"""Admin views for organisers: the poll and its proposal, attendance and completion, hours."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from trainings.availability import outcome_for, plan_sessions
from trainings.completion import complete_training
from trainings.forms import TimeEntryForm
from trainings.models import Attendance, AvailabilityAnswer, Cohort, ModuleMaterial, TimeEntry
from trainings.notices import notices_for_team, time_notice

NO_PROPOSAL = {
    "too_few_dates": _("Propose at least three candidate dates first."),
    "too_many_dates": _("Propose at most thirty candidate dates."),
    "no_professional": _(
        "There are no three dates with a professional present on each. Ask the "
        "professionals for more dates, or propose other dates."
    ),
}


def cohort_for(request, pk):
    if not request.user.has_perm("trainings.change_cohort"):
        raise PermissionDenied
    return get_object_or_404(Cohort, pk=pk)


def cohort_planning(request, pk):
    """Answers per participant and date, the proposed days with why, and the personal links."""
    cohort = cohort_for(request, pk)
    outcome = outcome_for(cohort)
    if request.method == "POST":
        if outcome.proposal is None:
            raise PermissionDenied
        plan_sessions(cohort, outcome.proposal.dates)
        messages.success(request, _("The three training days are planned."))
        return redirect("trainings_cohort_planning", pk=cohort.pk)
    candidates = list(cohort.candidate_dates.all())
    answers = {
        (a.member_id, a.candidate_id): a
        for a in AvailabilityAnswer.objects.filter(member__cohort=cohort)
    }
    rows = [
        (member, [answers.get((member.pk, c.pk)) for c in candidates], member.poll_path)
        for member in cohort.members.all()
    ]
    return TemplateResponse(
        request,
        "trainings/admin/planning.html",
        {
            "cohort": cohort,
            "candidates": candidates,
            "rows": rows,
            "proposal": outcome.proposal,
            "no_proposal": NO_PROPOSAL.get(outcome.reason, ""),
            "sessions": sessions_with_materials(cohort),
        },
    )


def sessions_with_materials(cohort):
    """(session, materials of its modules) for every planned day."""
    materials = list(ModuleMaterial.objects.select_related("document"))
    return [
        (session, [m for m in materials if m.module in session.modules])
        for session in cohort.sessions.all()
    ]


def cohort_attendance(request, pk):
    """Who was there on each training day; completing makes graduates buurtverbinders."""
    cohort = cohort_for(request, pk)
    sessions = list(cohort.sessions.all())
    members = list(cohort.members.all())
    if request.method == "POST" and "complete" in request.POST:
        return complete(request, cohort)
    if request.method == "POST":
        save_attendance(request, sessions, members)
        messages.success(request, _("Attendance saved."))
        return redirect("trainings_cohort_attendance", pk=cohort.pk)
    present = set(
        Attendance.objects.filter(session__cohort=cohort, present=True).values_list(
            "session_id", "member_id"
        )
    )
    rows = [(m, [(s, (s.pk, m.pk) in present) for s in sessions]) for m in members]
    return TemplateResponse(
        request,
        "trainings/admin/attendance.html",
        {"cohort": cohort, "sessions": sessions, "rows": rows},
    )


def save_attendance(request, sessions, members):
    ticked = set(request.POST.getlist("present"))
    for session in sessions:
        for member in members:
            Attendance.objects.update_or_create(
                session=session,
                member=member,
                defaults={"present": f"{session.pk}-{member.pk}" in ticked},
            )


def complete(request, cohort):
    result = complete_training(cohort)
    if result.completed:
        messages.success(
            request,
            _("Now buurtverbinder: %(names)s. A Person page draft waits for their consent.")
            % {"names": ", ".join(result.completed)},
        )
    if result.without_contact:
        messages.warning(
            request,
            _("No e-mail address, so no account yet for: %(names)s. Add it under Users.")
            % {"names": ", ".join(result.without_contact)},
        )
    if result.not_yet:
        messages.info(
            request,
            _("Not all three days attended (yet): %(names)s.")
            % {"names": ", ".join(result.not_yet)},
        )
    return redirect("trainings_cohort_attendance", pk=cohort.pk)


def hours(request):
    """A buurtverbinder logs their hours per week and gets a gentle notice when due."""
    if not request.user.has_perm("trainings.add_timeentry"):
        raise PermissionDenied
    mine = TimeEntry.objects.filter(user=request.user)
    form = TimeEntryForm(request.POST or None, initial={"week": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        TimeEntry.objects.update_or_create(
            user=request.user,
            week=form.cleaned_data["week"],
            defaults={"hours": form.cleaned_data["hours"]},
        )
        messages.success(request, _("Thank you, your hours are saved."))
        return redirect("trainings_hours")
    today = timezone.localdate()
    context = {
        "form": form,
        "entries": mine[:12],
        "notice": time_notice({e.week: e.hours for e in mine}, today),
    }
    if request.user.has_perm("trainings.view_timeentry"):
        context["team_notices"] = [
            notice.for_team(user.get_full_name() or user.username)
            for user, notice in notices_for_team(today)
        ]
    return TemplateResponse(request, "trainings/admin/hours.html", context)
