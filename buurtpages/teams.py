"""Team roles and team balance with the Buurkracht roles.

Every role should be filled, preferably by more than one person; one person may hold
several roles. Used for each initiative's team and, by the trainings, for the buurt's
team roster.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

MISSING, ONE, SEVERAL = "missing", "one", "several"

# A team resting on fewer people than this is vulnerable (Buurkracht: every role
# filled, preferably by more than one person).
MIN_TEAM_SIZE = 3


class TeamRole(models.TextChoices):
    """The three Buurkracht roles every initiative team needs."""

    EXPERT = "expert", _("Subject expert")
    CONNECTOR = "connector", _("Connector")
    ORGANISER = "organiser", _("Entrepreneur / organiser")


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    people: int

    @property
    def state(self):
        return MISSING if self.people == 0 else ONE if self.people == 1 else SEVERAL


@dataclass(frozen=True)
class Balance:
    roles: tuple[RoleCount, ...]

    @property
    def every_role_filled(self):
        return all(count.people for count in self.roles)

    @property
    def every_role_shared(self):
        return all(count.people > 1 for count in self.roles)

    @property
    def level(self):
        if self.every_role_shared:
            return SEVERAL
        return ONE if self.every_role_filled else MISSING

    @property
    def summary(self):
        return {
            SEVERAL: _("Balanced: every role is held by more than one person."),
            ONE: _("Every role is filled, but some rest on one person."),
            MISSING: _("Not balanced: a role is still empty."),
        }[self.level]


def role_balance(assignments: Iterable[tuple[str, Iterable[str]]]) -> Balance:
    """`assignments`: (person key, roles) pairs; the same person may appear more than once."""
    holders = {role: set() for role in TeamRole.values}
    for person, roles in assignments:
        for role in roles:
            if role in holders:
                holders[role].add(person)
    return Balance(
        tuple(RoleCount(role.value, str(role.label), len(holders[role.value])) for role in TeamRole)
    )


def initiative_balance(initiative):
    """The typed team (the same name counts as one person with several roles) and every
    helper the team welcomed."""
    return role_balance(initiative.team_assignments())
