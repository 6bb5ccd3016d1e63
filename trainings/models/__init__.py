"""Trainings: from inwonersavond to trained buurtverbinders, and the team after."""

from trainings.models.cohort import Cohort, CohortMember, CohortRules, ParticipantKind
from trainings.models.evening import InterestSignup, ResidentsEvening
from trainings.models.poll import Answer, AvailabilityAnswer, CandidateDate
from trainings.models.roster import RosterMember
from trainings.models.session import Attendance, ModuleMaterial, TrainingModule, TrainingSession
from trainings.models.timelog import TimeEntry

__all__ = [
    "Answer",
    "Attendance",
    "AvailabilityAnswer",
    "CandidateDate",
    "Cohort",
    "CohortMember",
    "CohortRules",
    "InterestSignup",
    "ModuleMaterial",
    "ParticipantKind",
    "ResidentsEvening",
    "RosterMember",
    "TimeEntry",
    "TrainingModule",
    "TrainingSession",
]
