"""Completing a training gives the Buurtverbinder role, so an organiser cannot hand it out.

An organiser (a Buurtverbinder) can link a participant to any account and plan training
days on past dates; a Buurtbeheerder confirms the completion, and attendance for a day
long past (or in the future) is refused unless it comes with a note.
"""

from datetime import date, timedelta

import time_machine
from django.contrib.auth import get_user_model

from kernel.roles import BUURT_ADMIN, CONNECTOR, RESIDENT, has_role
from tenants.privacy import export_person
from tests.base import inside, logged_in
from trainings.availability import plan_sessions
from trainings.factories import confirmed_cohort
from trainings.models import Attendance
from workflows.factories import UserFactory

TODAY = date(2026, 6, 17)
THIS_MORNING = "2026-06-17 09:00 +02:00"
RECENT = [TODAY - timedelta(days=n) for n in (6, 4, 2)]
LONG_AGO = [TODAY - timedelta(days=n) for n in (90, 83, 76)]


def attendance_url(cohort):
    return f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/"


def cohort_with_linked_account(alpha, days):
    """A cohort whose first resident an organiser linked to a stranger's account."""
    with inside(alpha):
        stranger = UserFactory(username="vreemde@example.nl", roles=[RESIDENT])
        cohort = confirmed_cohort(residents=5, professionals=1)
        sessions = plan_sessions(cohort, days)
        member = cohort.residents()[0]
        member.user = stranger
        member.save()
    ticks = [f"{session.pk}-{member.pk}" for session in sessions]
    return cohort, member, stranger, ticks


def is_buurtverbinder(alpha, user):
    with inside(alpha):
        return has_role(get_user_model().objects.get(pk=user.pk), CONNECTOR)


@time_machine.travel(THIS_MORNING, tick=False)
def test_an_organiser_cannot_complete_a_training_a_buurtbeheerder_confirms_it(alpha):
    cohort, member, stranger, ticks = cohort_with_linked_account(alpha, RECENT)
    organiser = logged_in(alpha, "organisator@alpha.nl", role=CONNECTOR)
    url = attendance_url(cohort)
    # Positive control: the organiser records attendance.
    assert organiser.post(url, {"present": ticks}).status_code == 302
    with inside(alpha):
        assert Attendance.objects.filter(member=member, present=True).count() == 3
    page = organiser.get(url).content.decode()
    assert 'name="complete"' not in page
    refused = organiser.post(url, {"present": ticks, "complete": "1"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's 403
    assert not is_buurtverbinder(alpha, stranger)
    with inside(alpha):
        member.refresh_from_db()
        assert member.completed_at is None

    beheerder = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    page = beheerder.get(url).content.decode()
    assert 'name="complete"' in page
    assert stranger.email in page  # the account that would get the role is shown
    done = beheerder.post(url, {"present": ticks, "complete": "1"}, follow=True)
    assert done.status_code == 200
    assert is_buurtverbinder(alpha, stranger)


@time_machine.travel(THIS_MORNING, tick=False)
def test_attendance_for_a_day_long_past_needs_a_note(alpha):
    cohort, member, _stranger, ticks = cohort_with_linked_account(alpha, LONG_AGO)
    organiser = logged_in(alpha, "organisator@alpha.nl", role=CONNECTOR)
    url = attendance_url(cohort)
    refused = organiser.post(url, {"present": ticks}, follow=True)
    assert refused.status_code == 200
    assert "toelichting" in refused.content.decode()
    with inside(alpha):
        assert not Attendance.objects.filter(member=member, present=True).exists()
    with inside(alpha):
        sessions = list(cohort.sessions.all())
    late = "Lijst van de trainer kwam pas later binnen"
    notes = {f"note-{session.pk}": late for session in sessions}
    assert organiser.post(url, {"present": ticks, **notes}).status_code == 302
    with inside(alpha):
        recorded = Attendance.objects.filter(member=member, present=True)
        assert recorded.count() == 3
        assert {a.note for a in recorded} == {late}
        # The note is about the participant: it is part of their data export.
        exported = export_person(member.email)["training_attendance"]
        assert {row["note"] for row in exported} == {late}


@time_machine.travel(THIS_MORNING, tick=False)
def test_attendance_for_a_day_still_to_come_is_refused(alpha):
    future = [TODAY + timedelta(days=n) for n in (7, 14, 21)]
    cohort, member, _stranger, ticks = cohort_with_linked_account(alpha, future)
    organiser = logged_in(alpha, "organisator@alpha.nl", role=CONNECTOR)
    with inside(alpha):
        notes = {f"note-{session.pk}": "alvast" for session in cohort.sessions.all()}
    refused = organiser.post(attendance_url(cohort), {"present": ticks, **notes}, follow=True)
    assert refused.status_code == 200
    assert "nog niet geweest" in refused.content.decode()
    with inside(alpha):
        assert not Attendance.objects.filter(member=member, present=True).exists()
