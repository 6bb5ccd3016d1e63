"""The balance of the buurt's team roster, counted with the initiatives' team roles."""

from buurtpages.teams import role_balance
from trainings.models import RosterMember


def roster_balance():
    members = RosterMember.objects.filter(active=True)
    return role_balance((f"member-{m.pk}", m.roles) for m in members)
