"""Demo trainings for the three demo buurten, each at a different step.

- oud_zuid: just had its inwonersavond; residents signed up as interested.
- havenkwartier: training: a confirmed cohort chose its days with the poll; day 1 is held.
- bloemenbuurt: live: the training is completed, the team is balanced, hours are
  logged and an activity has been held.

Called by `seed_demo` inside each buurt's schema (the caller fixes the random seed).
Idempotent: a buurt that already has an inwonersavond is left alone.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, publish
from buurtpages.models import ActivityIndexPage, Place
from trainings.availability import outcome_for, plan_sessions, record_answers
from trainings.completion import complete_training
from trainings.factories import (
    CohortFactory,
    CohortMemberFactory,
    InterestSignupFactory,
    ResidentsEveningFactory,
    RosterMemberFactory,
)
from trainings.models import Attendance, Cohort, ParticipantKind, ResidentsEvening, TimeEntry
from trainings.models.timelog import week_start
from workflows.factories import UserFactory

STAGES = {"oud_zuid": "evening", "havenkwartier": "training", "bloemenbuurt": "live"}
CARES_ABOUT = [
    "Dat ouderen in de straat elkaar weer zien.",
    "Meer groen en minder afval op het plein.",
    "Een plek waar jongeren na school terecht kunnen.",
    "Dat nieuwe buren zich snel thuis voelen.",
    "Samen koken en eten, voor wie graag gezelschap heeft.",
    "Veilig oversteken bij de school.",
    "Taalmaatjes voor wie Nederlands leert.",
]
User = get_user_model()


def fill_trainings(slug):
    stage = STAGES.get(slug)
    if stage is None or ResidentsEvening.objects.exists():
        return None
    host = slug.replace("_", "-")
    now = timezone.localtime()
    if stage == "evening":
        evening = ResidentsEveningFactory(starts_at=evening_time(now - timedelta(days=1)))
        add_signups(evening, host, count=7)
    elif stage == "training":
        evening = ResidentsEveningFactory(starts_at=evening_time(now - timedelta(weeks=6)))
        cohort = cohort_from(evening, host)
        choose_days_with_poll(cohort, first=now.date() - timedelta(days=10))
        record_attendance(cohort, today=now.date())
    else:
        evening = ResidentsEveningFactory(starts_at=evening_time(now - timedelta(weeks=20)))
        cohort = cohort_from(evening, host, with_accounts=True)
        choose_days_with_poll(cohort, first=now.date() - timedelta(weeks=14))
        record_attendance(cohort, today=now.date())
        complete_training(cohort)
        add_team(cohort)
        add_hours(cohort, host, now.date())
        add_held_activity(now)
    return stage


def evening_time(moment):
    return moment.replace(hour=19, minute=30, second=0, microsecond=0)


def add_signups(evening, host, count):
    return [
        InterestSignupFactory(
            evening=evening,
            email=f"bewoner{n + 1}@{host}.example.nl",
            cares_about=CARES_ABOUT[n % len(CARES_ABOUT)],
            hours_per_week=2 + n % 3,
            languages=["nl"],
        )
        for n in range(count)
    ]


def cohort_from(evening, host, with_accounts=False):
    """Six residents from the evening and the buurt's professional; confirmed."""
    cohort = CohortFactory(name="Groep 1", evening=evening)
    for signup in add_signups(evening, host, count=6):
        user = None
        if with_accounts:  # demo residents can log in (password buurt-demo) once trained
            first_name, _space, last_name = signup.name.partition(" ")
            user = UserFactory(
                username=signup.email,
                email=signup.email,
                first_name=first_name,
                last_name=last_name,
            )
        CohortMemberFactory(
            cohort=cohort, name=signup.name, email=signup.email, signup=signup, user=user
        )
    professional = User.objects.get(username=f"professional@{host}.example.nl")
    CohortMemberFactory(
        cohort=cohort,
        kind=ParticipantKind.PROFESSIONAL,
        name=professional.get_full_name() or "Wijkregisseur",
        email=professional.email,
        user=professional,
    )
    cohort.status = Cohort.Status.CONFIRMED
    cohort.save()
    return cohort


def choose_days_with_poll(cohort, first):
    """Five candidate Saturdays; everyone answers; the proposal becomes the three days."""
    candidates = [
        cohort.candidate_dates.model.objects.create(
            cohort=cohort, date=first + timedelta(weeks=n), note="9.30–16.00 uur"
        )
        for n in range(5)
    ]
    for index, member in enumerate(cohort.members.order_by("pk")):
        answers = {}
        for day, candidate in enumerate(candidates):
            # A few cannot come on some dates, so the explanation has something to say.
            if (index + day) % 5 == 0 and member.kind == ParticipantKind.RESIDENT:
                answers[candidate] = "no"
            elif (index + day) % 4 == 0:
                answers[candidate] = "maybe"
            else:
                answers[candidate] = "yes"
        record_answers(member, answers)
    place = Place.objects.first()
    proposal = outcome_for(cohort).proposal
    return plan_sessions(cohort, proposal.dates, place=place)


def record_attendance(cohort, today):
    """Days already held: whoever did not say "no" to that date was there."""
    for session in cohort.sessions.filter(date__lt=today):
        for member in cohort.members.all():
            said_no = member.answers.filter(candidate__date=session.date, answer="no").exists()
            Attendance.objects.create(session=session, member=member, present=not said_no)


def graduates(cohort):
    return [m for m in cohort.residents() if m.completed_at]


def add_team(cohort):
    roles = [["expert"], ["connector"], ["organiser", "connector"], ["expert"], ["organiser"]]
    for member, member_roles in zip(graduates(cohort), roles, strict=False):
        RosterMemberFactory(name=member.name, user=member.user, roles=member_roles)


def add_hours(cohort, host, today):
    """Usual weeks for the buurtverbinder; one trainee went quiet (a gentle check-in)."""
    verbinder = User.objects.get(username=f"verbinder@{host}.example.nl")
    monday = week_start(today)
    for weeks_ago, hours in enumerate([3, 2, 4, 3, 2, 3], start=1):
        TimeEntry.objects.create(
            user=verbinder, week=monday - timedelta(weeks=weeks_ago), hours=hours
        )
    trained = graduates(cohort)
    if trained:
        quiet = trained[0].user
        for weeks_ago, hours in enumerate([0, 0, 0, 3, 4], start=1):
            TimeEntry.objects.create(
                user=quiet, week=monday - timedelta(weeks=weeks_ago), hours=hours
            )


def add_held_activity(now):
    start = (now - timedelta(weeks=3)).replace(hour=14, minute=0, second=0, microsecond=0)
    activity = ActivityPageFactory(
        parent=dutch_section(ActivityIndexPage),
        title="Buurtverbinders stellen zich voor",
        intro="De nieuwe buurtverbinders vertellen wie ze zijn en waarmee ze je kunnen helpen.",
        start=start,
        end=start + timedelta(hours=2),
        place=Place.objects.first(),
    )
    publish(activity)
