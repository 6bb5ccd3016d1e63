"""The demo seed puts the three demo buurten at different steps of the stappenplan."""

from django.core.management import call_command

from tenants.models import Buurt
from tests.base import inside
from trainings.models import Cohort, CohortMember, InterestSignup, TrainingSession
from trainings.stappenplan import next_step, stappenplan


def test_demo_buurten_are_at_different_steps(db):
    call_command("seed_demo")
    next_steps = {}
    for buurt in Buurt.objects.filter(municipality__slug="voorbeeldstad"):
        with inside(buurt):
            steps = stappenplan()
            following = next_step(steps)
            next_steps[buurt.slug] = following.key if following else None
            counts = (
                InterestSignup.objects.count(),
                Cohort.objects.count(),
                TrainingSession.objects.count(),
                CohortMember.objects.filter(completed_at__isnull=False).count(),
            )
        if buurt.slug == "oud_zuid":
            assert counts == (7, 0, 0, 0)
        elif buurt.slug == "havenkwartier":
            assert counts[1:3] == (1, 3) and counts[3] == 0
        else:
            assert counts[3] >= 3  # trained buurtverbinders
    assert next_steps == {"oud_zuid": "cohort", "havenkwartier": "trained", "bloemenbuurt": None}
    call_command("seed_demo")  # idempotent: nothing twice
    with inside(Buurt.objects.get(schema_name="oud_zuid")):
        assert InterestSignup.objects.count() == 7
