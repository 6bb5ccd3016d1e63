"""The availability poll in the database, and turning its outcome into training days."""

from django.db import transaction

from trainings.models import (
    AvailabilityAnswer,
    ParticipantKind,
    TrainingModule,
    TrainingSession,
)
from trainings.scheduling import Participant, propose_training_days

# Which modules fall on which day when the days are planned from the poll.
MODULES_PER_DAY = {
    1: [TrainingModule.COLLABORATING, TrainingModule.GOALS],
    2: [TrainingModule.CONVERSATION],
    3: [TrainingModule.MOTIVATING],
}


def participant(member):
    return Participant(
        name=member.name,
        key=str(member.pk),
        is_professional=member.kind == ParticipantKind.PROFESSIONAL,
    )


def outcome_for(cohort):
    """The algorithm's proposal for this cohort's poll as it stands now."""
    members = list(cohort.members.all())
    candidates = [c.date for c in cohort.candidate_dates.all()]
    answers = {
        (str(a.member_id), a.candidate.date): a.answer
        for a in AvailabilityAnswer.objects.filter(member__cohort=cohort).select_related(
            "candidate"
        )
    }
    return propose_training_days(candidates, [participant(m) for m in members], answers)


def answers_of(member):
    return {a.candidate_id: a.answer for a in member.answers.all()}


@transaction.atomic
def record_answers(member, answers_by_candidate):
    """Store a participant's answers ({candidate: "yes"/"maybe"/"no"}); replaces earlier ones."""
    for candidate, answer in answers_by_candidate.items():
        AvailabilityAnswer.objects.update_or_create(
            member=member, candidate=candidate, defaults={"answer": answer}
        )


@transaction.atomic
def plan_sessions(cohort, dates, place=None):
    """The three training days on these dates, with the modules spread over them."""
    cohort.sessions.all().delete()
    return [
        TrainingSession.objects.create(
            cohort=cohort, day=day, date=when, place=place, modules=MODULES_PER_DAY[day]
        )
        for day, when in enumerate(sorted(dates), start=1)
    ]
