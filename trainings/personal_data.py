"""The personal data trainings keeps: inwonersavond sign-ups, training participations
with their attendance, hours logged and team roster entries. Registered in
TrainingsConfig.ready(); see kernel/personal_data.py."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernel.personal_data import PrivacyNotice, RecordSet
from trainings.models import Attendance, CohortMember, InterestSignup, RosterMember, TimeEntry


def find_cohort_memberships(records):
    """By address, by account, or through an inwonersavond sign-up of theirs."""
    return CohortMember.objects.filter(
        Q(pk__in=records.with_address(CohortMember, "email").values("pk"))
        | Q(user__in=records.user_ids)
        | Q(signup__in=records["interest_signups"])
    )


def erase_roster_lines_by_name(eraser, roster_lines):
    eraser.count("team roster entries", roster_lines.delete()[0])


EVENING_NOTICE = PrivacyNotice(
    what=_("Sign-ups for the residents' evening: your name, e-mail address or phone number."),
    why=_("So we can invite you and tell you when it is."),
    kept=_("Until you ask us to delete it."),
)
TRAINING_NOTICE = PrivacyNotice(
    what=_("Taking part in the training: your group, the meetings you came to and your hours."),
    why=_("So your group can plan together and you get your certificate."),
    kept=_("Until you ask us to delete it."),
)

DECLARATIONS = [
    RecordSet.by_address(
        "interest_signups",
        InterestSignup,
        "email",
        export_as="inwonersavond_sign_ups",
        notice=EVENING_NOTICE,
        export_order=100,
        erase_as="inwonersavond sign-ups",
        erase_order=80,
    ),
    RecordSet(
        name="cohort_memberships",
        model="trainings.CohortMember",
        find=find_cohort_memberships,
        export_as="training_participations",
        notice=TRAINING_NOTICE,
        export_order=110,
        erase_as="training participations",
        erase_order=70,
        identifies=True,
    ),
    RecordSet(
        name="attendance",
        model="trainings.Attendance",
        find=lambda records: Attendance.objects.filter(member__in=records["cohort_memberships"]),
        export_as="training_attendance",
        notice=TRAINING_NOTICE,
        export_order=120,
        erased_by="its training participation (deleted with it)",
    ),
    RecordSet(
        name="time_entries",
        model="trainings.TimeEntry",
        find=lambda records: TimeEntry.objects.filter(user__in=records.user_ids),
        export_as="hours_logged",
        notice=TRAINING_NOTICE,
        export_order=130,
        erase_as="hours logged",
        erase_order=90,
    ),
    RecordSet(
        name="roster_entries",
        model="trainings.RosterMember",
        find=lambda records: RosterMember.objects.filter(user__in=records.user_ids),
        export_as="team_roster",
        notice=TRAINING_NOTICE,
        export_order=140,
        erase_as="team roster entries",
        erase_order=100,
    ),
    # Only verified names: a roster line without an account is a name an organiser typed.
    RecordSet(
        name="roster_lines_by_name",
        model="trainings.RosterMember",
        find=lambda records: RosterMember.objects.filter(name__in=records.verified_names),
        erase_order=110,
        erase=erase_roster_lines_by_name,
    ),
]
