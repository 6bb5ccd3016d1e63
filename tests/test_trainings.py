"""Trainings: cohort rules, the poll through personal links, sign-ups, completion, hours."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from buurtpages.models import PersonPage
from buurtpages.teams import initiative_balance, role_balance
from kernel.roles import BUURT_ADMIN, CONNECTOR, RESIDENT, group_name, has_role
from tests.base import client_for, inside, logged_in, refused
from trainings.availability import outcome_for, plan_sessions
from trainings.completion import complete_training
from trainings.factories import (
    CohortFactory,
    CohortMemberFactory,
    InterestSignupFactory,
    ResidentsEveningFactory,
    add_members,
    confirmed_cohort,
)
from trainings.models import (
    Attendance,
    AvailabilityAnswer,
    CandidateDate,
    Cohort,
    InterestSignup,
    ParticipantKind,
    TimeEntry,
)
from trainings.notices import BUSY, QUIET, time_notice
from workflows.factories import UserFactory

User = get_user_model()


# --- Cohort rules ---------------------------------------------------------------------------


def test_a_confirmed_cohort_needs_five_residents_and_a_professional(alpha):
    with inside(alpha):
        cohort = CohortFactory()
        add_members(cohort, residents=4, professionals=1)
        cohort.status = Cohort.Status.CONFIRMED
        with pytest.raises(ValidationError, match="minstens 5 bewoners"):
            cohort.full_clean()
        with pytest.raises(ValidationError, match="minstens 5 bewoners"):
            cohort.save()  # refused on save too, not only in forms
        CohortMemberFactory(cohort=cohort)
        cohort.save()
        assert Cohort.objects.get().is_confirmed


def test_a_cohort_never_grows_past_eight_residents_or_two_professionals(alpha):
    with inside(alpha):
        cohort = CohortFactory()
        add_members(cohort, residents=8, professionals=2)
        with pytest.raises(ValidationError, match="hoogstens 8 bewoners"):
            CohortMemberFactory(cohort=cohort)
        with pytest.raises(ValidationError, match="hoogstens 2 professionals"):
            CohortMemberFactory(cohort=cohort, kind=ParticipantKind.PROFESSIONAL)
        assert cohort.members.count() == 10


def test_a_confirmed_cohort_cannot_lose_its_only_professional(alpha):
    with inside(alpha):
        cohort = confirmed_cohort(residents=5, professionals=1)
        professional = cohort.professionals()[0]
        with pytest.raises(ValidationError, match="minstens één professional"):
            professional.delete()
        with pytest.raises(ValidationError, match="minstens 5 bewoners"):
            cohort.residents()[0].delete()


def test_a_forming_cohort_may_be_small(alpha):
    with inside(alpha):
        cohort = CohortFactory()
        add_members(cohort, residents=2, professionals=0)
        assert cohort.composition_problems() == []


def cohort_form(kinds, status="confirmed"):
    data = {
        "name": "Voorjaarsgroep",
        "evening": "",
        "status": "confirmed",
        "members-TOTAL_FORMS": "3",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        "candidate_dates-TOTAL_FORMS": "0",
        "candidate_dates-INITIAL_FORMS": "0",
        "candidate_dates-MIN_NUM_FORMS": "0",
        "candidate_dates-MAX_NUM_FORMS": "1000",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "3",
    }
    data["members-TOTAL_FORMS"] = str(len(kinds))
    data["status"] = status
    for number, kind in enumerate(kinds):
        data |= {
            f"members-{number}-kind": kind,
            f"members-{number}-name": f"Deelnemer {number}",
            f"members-{number}-email": "",
            f"members-{number}-phone": "",
            f"members-{number}-signup": "",
            f"members-{number}-user": "",
            f"members-{number}-ORDER": str(number),
            f"members-{number}-DELETE": "",
        }
    return data


def test_the_admin_shows_why_a_cohort_is_refused(alpha):
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    data = cohort_form(["resident", "professional", "professional"])
    response = client.post("/admin/snippets/trainings/cohort/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "minstens 5 bewoners nodig; deze heeft er 1." in html  # counts the edited members
    assert "Bewoners moeten de meerderheid" in html
    with inside(alpha):
        assert not Cohort.objects.exists()


# --- Inwonersavond sign-up (no account) -----------------------------------------------------

SIGNUP = {
    "name": "Ilse de Boer",
    "email": "ilse@example.nl",
    "phone": "",
    "languages": ["nl", "pl"],
    "cares_about": "Dat ouderen in de straat elkaar weer zien.",
    "hours_per_week": "3",
    "website": "",
}


def test_residents_sign_up_at_the_inwonersavond_without_an_account(alpha):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    page = client_for(alpha).get("/inwonersavond/")
    assert page.status_code == 200
    assert "Word buurtverbinder" in page.content.decode()
    response = client_for(alpha).post(f"/inwonersavond/{evening.pk}/", SIGNUP)
    assert response.status_code == 302 and response["Location"] == "/inwonersavond/bedankt/"
    with inside(alpha):
        signup = InterestSignup.objects.get()
    assert (signup.name, signup.languages, signup.hours_per_week) == (
        "Ilse de Boer",
        ["nl", "pl"],
        3,
    )


def test_sign_up_needs_a_way_to_reach_you_and_drops_bots(alpha):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    response = client_for(alpha).post(f"/inwonersavond/{evening.pk}/", SIGNUP | {"email": ""})
    assert response.status_code == 200
    assert "e-mailadres of een telefoonnummer" in response.content.decode()
    client_for(alpha).post(
        f"/inwonersavond/{evening.pk}/", SIGNUP | {"website": "http://x.example"}
    )
    with inside(alpha):
        assert not InterestSignup.objects.exists()
    for _twice in range(2):  # a double click signs up once
        client_for(alpha).post(f"/inwonersavond/{evening.pk}/", SIGNUP)
    with inside(alpha):
        assert InterestSignup.objects.count() == 1


def test_a_participant_from_the_evening_needs_no_retyping(alpha):
    with inside(alpha):
        signup = InterestSignupFactory(name="Ilse de Boer", email="ilse@example.nl")
        member = CohortMemberFactory(signup=signup, name="", email="")
        assert (member.name, member.email) == ("Ilse de Boer", "ilse@example.nl")
        with pytest.raises(ValidationError, match="Vul een naam in"):
            CohortMemberFactory(cohort=member.cohort, name="")


def test_an_evening_of_one_buurt_is_not_found_on_another(alpha, beta):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    assert client_for(beta).get(f"/inwonersavond/{evening.pk}/").status_code == 404
    client_for(beta).post(f"/inwonersavond/{evening.pk}/", SIGNUP)
    with inside(alpha):
        assert not InterestSignup.objects.exists()


# --- The availability poll through personal links -------------------------------------------


def cohort_with_poll(dates):
    cohort = confirmed_cohort(residents=5, professionals=1)
    for day in dates:
        CandidateDate.objects.create(cohort=cohort, date=day)
    return cohort


MONDAYS = [date(2026, 3, 2) + timedelta(weeks=n) for n in range(4)]


def test_participants_answer_through_their_personal_link(alpha):
    with inside(alpha):
        cohort = cohort_with_poll(MONDAYS)
        member = cohort.residents()[0]
        candidates = list(cohort.candidate_dates.all())
    link = member.poll_path
    assert len(member.token) >= 32
    page = client_for(alpha).get(link)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    answers = {f"date_{c.pk}": "yes" for c in candidates} | {f"date_{candidates[3].pk}": "no"}
    assert client_for(alpha).post(link, answers).status_code == 302
    with inside(alpha):
        stored = dict(
            AvailabilityAnswer.objects.filter(member=member).values_list(
                "candidate__date", "answer"
            )
        )
    assert stored == {MONDAYS[0]: "yes", MONDAYS[1]: "yes", MONDAYS[2]: "yes", MONDAYS[3]: "no"}
    again = client_for(alpha).post(link, answers | {f"date_{candidates[0].pk}": "maybe"})
    assert again.status_code == 302
    with inside(alpha):
        assert AvailabilityAnswer.objects.filter(member=member).count() == 4


def test_a_personal_link_only_works_on_its_own_buurt(alpha, beta):
    with inside(alpha):
        member = cohort_with_poll(MONDAYS).residents()[0]
    assert client_for(beta).get(member.poll_path).status_code == 404
    assert client_for(alpha).get("/training/beschikbaarheid/geraden-token/").status_code == 404


def test_the_organiser_sees_the_proposal_and_plans_the_days(alpha):
    with inside(alpha):
        cohort = cohort_with_poll(MONDAYS)
        candidates = list(cohort.candidate_dates.all())
        for member in cohort.members.all():
            for candidate in candidates:
                answer = (
                    "no" if candidate.date == MONDAYS[0] and member.kind == "resident" else "yes"
                )
                AvailabilityAnswer.objects.create(member=member, candidate=candidate, answer=answer)
        assert outcome_for(cohort).proposal.dates == tuple(MONDAYS[1:])
    client = logged_in(alpha, "verbinder@alpha.nl", role=CONNECTOR)
    url = f"/admin/trainingen/cohort/{cohort.pk}/planning/"
    page = client.get(url).content.decode()
    assert "5 bewoners kunnen op alle drie de dagen komen" in page
    assert member.poll_path in page
    assert client.post(url).status_code == 302
    with inside(alpha):
        assert [s.date for s in cohort.sessions.all()] == MONDAYS[1:]
    # The poll is closed now: the personal link shows the chosen days, answers change nothing.
    closed = client_for(alpha).get(member.poll_path).content.decode()
    assert "zijn gekozen" in closed and 'type="radio"' not in closed
    client_for(alpha).post(member.poll_path, {f"date_{candidates[1].pk}": "no"})
    with inside(alpha):
        assert AvailabilityAnswer.objects.get(member=member, candidate=candidates[1]).answer == (
            "yes"
        )


def test_residents_cannot_open_the_organisers_views(alpha):
    with inside(alpha):
        cohort = cohort_with_poll(MONDAYS)
    client = logged_in(alpha, "bewoner@alpha.nl", role=RESIDENT)
    for url in [
        f"/admin/trainingen/cohort/{cohort.pk}/planning/",
        f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/",
        "/admin/snippets/trainings/cohort/",
        "/admin/snippets/trainings/interestsignup/",
        "/admin/uren/",
    ]:
        assert refused(client.get(url)), url
        assert refused(client.post(url)), url
    with inside(alpha):
        assert not cohort.sessions.exists()


# --- Completion -----------------------------------------------------------------------------


def test_completing_makes_residents_who_attended_every_day_buurtverbinder(
    alpha, django_capture_on_commit_callbacks
):
    with inside(alpha):
        cohort = confirmed_cohort(residents=5, professionals=1)
        sessions = plan_sessions(cohort, MONDAYS[:3])
        residents = cohort.residents()
        existing = UserFactory(username="kim@example.nl", email=residents[1].email)
        no_email = residents[2]
        no_email.email = ""
        no_email.save()
        missed = residents[3]
        for session in sessions:
            for member in cohort.members.all():
                Attendance.objects.create(
                    session=session,
                    member=member,
                    present=not (member == missed and session.day == 2),
                )
        with django_capture_on_commit_callbacks(execute=True):
            result = complete_training(cohort)
        assert result.not_yet == [missed.name]
        assert result.without_contact == [no_email.name]
        verbinders = set(
            User.objects.filter(groups__name=group_name(CONNECTOR)).values_list("email", flat=True)
        )
        assert verbinders == {residents[0].email, existing.email, residents[4].email}
        drafts = PersonPage.objects.filter(kind="buurtverbinder")
        assert drafts.count() == 4 and not drafts.filter(live=True).exists()
        assert cohort.professionals()[0].completed_at is None  # professionals stay professionals
    invited = sorted(message.to[0] for message in mail.outbox)
    assert invited == sorted([residents[0].email, residents[4].email])
    assert "alpha.localhost" in mail.outbox[0].body


# --- Hours and gentle notices ---------------------------------------------------------------

TODAY = date(2026, 3, 25)  # a Wednesday


def weeks_back(*hours):
    monday = TODAY - timedelta(days=TODAY.weekday())
    return {monday - timedelta(weeks=n + 1): Decimal(h) for n, h in enumerate(hours)}


def test_usual_hours_give_no_notice():
    assert time_notice(weeks_back(3, 2, 4, 3), TODAY) is None
    assert time_notice({}, TODAY) is None  # never logged: nothing to check in about


def test_several_long_weeks_in_a_row_give_a_gentle_notice():
    assert time_notice(weeks_back(9, 10, 8), TODAY).kind == BUSY
    assert time_notice(weeks_back(9, 3, 8), TODAY) is None  # one calm week in between
    assert "veel goed werk" in str(time_notice(weeks_back(7, 7, 7), TODAY).message)


def test_dropping_to_zero_suggests_a_check_in():
    assert time_notice(weeks_back(0, 0, 0, 3, 4), TODAY).kind == QUIET
    assert time_notice(weeks_back(0, 0, 0, 2), TODAY).kind == QUIET


def test_falling_silent_suggests_a_check_in_too():
    """Weeks without any entry count as quiet weeks, like weeks logged as zero."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    silent = {monday - timedelta(weeks=4): Decimal(3)}  # logged once, then nothing
    notice = time_notice(silent, TODAY)
    assert notice is not None and notice.kind == QUIET
    logged_last_week = {**silent, monday - timedelta(weeks=1): Decimal(2)}
    assert time_notice(logged_last_week, TODAY) is None


# A fixed morning: the three long weeks before "now" must not fall on the week logged by
# hand (on 25 March 2026 the third of them was that week: a duplicate entry).
@time_machine.travel(datetime(2026, 6, 17, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))
def test_buurtverbinders_log_hours_and_the_beheerder_sees_whom_to_check_in_with(alpha):
    client = logged_in(alpha, "verbinder@alpha.nl", role=CONNECTOR)
    response = client.post("/admin/uren/", {"week": "2026-03-19", "hours": "3"})
    assert response.status_code == 302
    with inside(alpha):
        entry = TimeEntry.objects.get()
        assert entry.week == date(2026, 3, 16)  # stored as the Monday
        user = entry.user
        monday = date(2026, 6, 15)  # of this (travelled) week
        for n in range(1, 4):
            TimeEntry.objects.create(user=user, week=monday - timedelta(weeks=n), hours=12)
    own = client.get("/admin/uren/").content.decode()
    assert "veel goed werk" in own
    beheerder = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    dashboard = beheerder.get("/admin/").content.decode()
    assert f"{user.get_full_name()} is al 3 weken meer dan 6 uur per week bezig" in dashboard


# --- Team balance ---------------------------------------------------------------------------


def test_balance_needs_every_role_and_prefers_several_people():
    empty = role_balance([])
    assert not empty.every_role_filled and empty.level == "missing"
    one_person_all_roles = role_balance([("ans", ["expert", "connector", "organiser"])])
    assert one_person_all_roles.every_role_filled and not one_person_all_roles.every_role_shared
    assert one_person_all_roles.level == "one"
    strong = role_balance(
        [
            ("ans", ["expert", "connector"]),
            ("bo", ["organiser", "expert"]),
            ("cem", ["connector", "organiser"]),
        ]
    )
    assert strong.level == "several"
    assert [c.people for c in strong.roles] == [2, 2, 2]


def test_initiative_balance_counts_a_name_twice_as_one_person(alpha):
    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import InitiativePageFactory
    from buurtpages.models import InitiativeIndexPage, InitiativeTeamMember

    with inside(alpha):
        initiative = InitiativePageFactory(parent=dutch_section(InitiativeIndexPage))
        for name, role in [("Fatma", "organiser"), ("fatma ", "expert"), ("Henk", "organiser")]:
            InitiativeTeamMember.objects.create(initiative=initiative, name=name, role=role)
        balance = initiative_balance(initiative)
    assert {c.role: c.people for c in balance.roles} == {
        "expert": 1,
        "connector": 0,
        "organiser": 2,
    }


# --- Admin for organisers -------------------------------------------------------------------

ORGANISER_PAGES = [
    "/admin/snippets/trainings/interestsignup/?q=ilse",
    "/admin/snippets/trainings/residentsevening/",
    "/admin/snippets/trainings/residentsevening/add/",
    "/admin/snippets/trainings/interestsignup/",
    "/admin/snippets/trainings/cohort/",
    "/admin/snippets/trainings/cohort/add/",
    "/admin/snippets/trainings/modulematerial/",
]


def test_organisers_manage_trainings_in_the_admin(alpha):
    with inside(alpha):
        cohort = cohort_with_poll(MONDAYS)
        plan_sessions(cohort, MONDAYS[:3])
    for username, role in [("beheer@alpha.nl", BUURT_ADMIN), ("vb@alpha.nl", CONNECTOR)]:
        client = logged_in(alpha, username, role=role)
        for url in [
            *ORGANISER_PAGES,
            f"/admin/snippets/trainings/cohort/edit/{cohort.pk}/",
            f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/",
        ]:
            assert client.get(url).status_code == 200, (role, url)
        edit = client.get(f"/admin/snippets/trainings/cohort/edit/{cohort.pk}/").content.decode()
        assert "5 bewoners en 1 professionals" in edit
    roster = logged_in(alpha, "beheer2@alpha.nl", role=BUURT_ADMIN)
    assert roster.get("/admin/snippets/trainings/rostermember/add/").status_code == 200


def test_attendance_is_saved_from_the_admin_and_completion_follows(alpha):
    with inside(alpha):
        cohort = confirmed_cohort(residents=5, professionals=1)
        sessions = plan_sessions(cohort, MONDAYS[:3])
        graduate = cohort.residents()[0]
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    url = f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/"
    ticks = [f"{session.pk}-{graduate.pk}" for session in sessions]
    for day, session in enumerate(sessions, start=1):  # recorded on the evening of each day
        with time_machine.travel(f"{session.date.isoformat()} 21:00 +01:00", tick=False):
            assert client.post(url, {"present": ticks[:day]}).status_code == 302
    done = client.post(url, {"present": ticks, "complete": "1"}, follow=True)
    assert f"Nu buurtverbinder: {graduate.name}" in done.content.decode()
    with inside(alpha):
        graduate.refresh_from_db()
        assert graduate.completed_at is not None
        assert has_role(graduate.user, CONNECTOR)


def test_the_admin_saves_a_complete_cohort_in_one_go(alpha):
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    data = cohort_form(["resident"] * 5 + ["professional"])
    response = client.post("/admin/snippets/trainings/cohort/add/", data)
    assert response.status_code == 302
    with inside(alpha):
        cohort = Cohort.objects.get()
        assert cohort.is_confirmed and cohort.composition() == (5, 1)


def test_the_admin_swaps_a_participant_of_a_confirmed_cohort(alpha):
    with inside(alpha):
        cohort = confirmed_cohort(residents=5, professionals=1)
        members = list(cohort.members.order_by("pk"))
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    data = cohort_form(["resident"] * 5 + ["professional"] + ["resident"])
    data |= {"members-INITIAL_FORMS": "6", "name": cohort.name}
    for number, member in enumerate(members):
        data |= {f"members-{number}-id": str(member.pk), f"members-{number}-kind": member.kind}
    data["members-0-DELETE"] = "on"  # one resident leaves, a new one joins
    response = client.post(f"/admin/snippets/trainings/cohort/edit/{cohort.pk}/", data)
    assert response.status_code == 302
    with inside(alpha):
        assert cohort.members.count() == 6
        assert not cohort.members.filter(pk=members[0].pk).exists()
