"""Admin views for organisers: the poll and its proposal, attendance and completion, hours."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.roles import BUURT_ADMIN, has_role
from trainings.availability import outcome_for, plan_sessions
from trainings.completion import complete_training
from trainings.forms import TimeEntryForm
from trainings.mails import training_days_planned
from trainings.models import Attendance, AvailabilityAnswer, Cohort, ModuleMaterial, TimeEntry
from trainings.notices import notices_for_team, time_notice

# Attendance is recorded on the day or soon after; later than this needs a note.
LATE_ATTENDANCE = timedelta(days=7)

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


def announce_training_days(cohort):
    """Every participant with an address hears the planned days, as the poll promised."""
    for member in cohort.members.select_related("user", "signup"):
        message = training_days_planned(member)
        if message is not None:
            message.send()


def cohort_planning(request, pk):
    """Answers per participant and date, the proposed days with why, and the personal links."""
    cohort = cohort_for(request, pk)
    outcome = outcome_for(cohort)
    if request.method == "POST":
        if outcome.proposal is None:
            raise PermissionDenied
        plan_sessions(cohort, outcome.proposal.dates)
        announce_training_days(cohort)
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
    """Who was there on each training day; a Buurtbeheerder completes the training."""
    cohort = cohort_for(request, pk)
    sessions = list(cohort.sessions.all())
    members = list(cohort.members.select_related("user"))
    if request.method == "POST" and "complete" in request.POST:
        return complete(request, cohort)
    if request.method == "POST" and save_attendance(request, sessions, members):
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
        {
            "cohort": cohort,
            "sessions": sessions,
            "rows": rows,
            "may_complete": may_complete_training(request.user),
        },
    )


def save_attendance(request, sessions, members):
    """Store the ticked boxes; returns False (storing nothing) when a change needs a
    note or concerns a day still to come."""
    ticked = set(request.POST.getlist("present"))
    recorded = {
        (a.session_id, a.member_id): a.present
        for a in Attendance.objects.filter(session__in=sessions)
    }
    changes = {
        (session, member): f"{session.pk}-{member.pk}" in ticked
        for session in sessions
        for member in members
        if (f"{session.pk}-{member.pk}" in ticked) != recorded.get((session.pk, member.pk), False)
    }
    notes = {session.pk: request.POST.get(f"note-{session.pk}", "").strip() for session in sessions}
    problems = attendance_problems(changes, notes)
    for problem in problems:
        messages.error(request, problem)
    if problems:
        return False
    with transaction.atomic():
        for (session, member), present in changes.items():
            Attendance.objects.update_or_create(
                session=session,
                member=member,
                defaults={"present": present, "note": notes[session.pk]},
            )
    return True


def attendance_problems(changes, notes):
    """Nobody attends a day still to come; a change more than a week after the day needs
    a note, so training days planned in the past cannot be ticked off unnoticed."""
    today = timezone.localdate()
    problems = []
    for session in sorted({session for session, _member in changes}, key=lambda s: s.day):
        marks_present = any(present for (s, _m), present in changes.items() if s == session)
        if session.date > today and marks_present:
            problems.append(
                _("Day %(day)s has not taken place yet: nobody can have been present.")
                % {"day": session.day}
            )
        elif session.date < today - LATE_ATTENDANCE and not notes[session.pk]:
            problems.append(
                _(
                    "Day %(day)s was more than a week ago: add a note saying why its "
                    "attendance is recorded only now."
                )
                % {"day": session.day}
            )
    return problems


def may_complete_training(user):
    """Completing makes residents Buurtverbinder; an organiser could link any account to
    a participant, so a Buurtbeheerder confirms it."""
    return user.is_superuser or has_role(user, BUURT_ADMIN)


def complete(request, cohort):
    if not may_complete_training(request.user):
        raise PermissionDenied
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
