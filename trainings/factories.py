"""Factories for the trainings; used by the tests and the demo seed (fixed random seed)."""

from datetime import timedelta

import factory
from django.utils import timezone

from trainings.models import (
    Cohort,
    CohortMember,
    InterestSignup,
    ParticipantKind,
    ResidentsEvening,
    RosterMember,
)


class ResidentsEveningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentsEvening

    title = "Inwonersavond"
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() - timedelta(days=2)).replace(
            hour=19, minute=30, second=0, microsecond=0
        )
    )
    description = "Een gezellige avond over wat jij voor je buurt wilt betekenen."


class InterestSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestSignup

    evening = factory.SubFactory(ResidentsEveningFactory)
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"bewoner{n}@example.nl")
    languages = factory.LazyFunction(lambda: ["nl"])
    cares_about = factory.Faker("sentence", nb_words=10, locale="nl_NL")
    hours_per_week = 3


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort that is still forming; add members with `add_members`, then confirm."""

    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Groep {n + 1}")


class CohortMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMember

    cohort = factory.SubFactory(CohortFactory)
    kind = ParticipantKind.RESIDENT
    name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.nl")


def add_members(cohort, residents, professionals=1):
    members = [CohortMemberFactory(cohort=cohort) for _ in range(residents)]
    members += [
        CohortMemberFactory(cohort=cohort, kind=ParticipantKind.PROFESSIONAL)
        for _ in range(professionals)
    ]
    return members


def confirmed_cohort(residents=5, professionals=1, **kwargs):
    cohort = CohortFactory(**kwargs)
    add_members(cohort, residents, professionals)
    cohort.status = Cohort.Status.CONFIRMED
    cohort.save()
    return cohort


class RosterMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterMember

    name = factory.Faker("first_name", locale="nl_NL")
    roles = factory.LazyFunction(lambda: ["connector"])
