"""Taking a buurt offline for a while and bringing it back.

A suspended buurt keeps its schema and data; the host middleware answers its public
URLs with a 503 page and closes its admin to all but its Buurtbeheerder. Saving the
Buurt row bumps the tenancy and page-cache generations (tenants.signals), so every
worker sees the new status within a second and no page cached before is served.
"""

import logging

from django.db import transaction

from tenants.models import Buurt, BuurtStatusChange

logger = logging.getLogger(__name__)

# Which status each portal action leads to, and from which status it may start.
ACTIONS = {
    "suspend": (Buurt.Status.LIVE, Buurt.Status.SUSPENDED),
    "resume": (Buurt.Status.SUSPENDED, Buurt.Status.LIVE),
}


def available_action(buurt):
    """The action the portal offers for the buurt's current status, or None."""
    return next((name for name, (start, _end) in ACTIONS.items() if buurt.status == start), None)


@transaction.atomic
def change_status(buurt, action, user):
    """Apply a portal action; returns False when it does not fit the current status
    (a second click, or another staff member was first)."""
    start, end = ACTIONS[action]
    buurt = Buurt.objects.select_for_update().get(pk=buurt.pk)
    if buurt.status != start:
        return False
    buurt.status = end
    buurt.save(update_fields=["status"])
    BuurtStatusChange.objects.create(buurt=buurt, status=end, changed_by_id=user.pk)
    logger.warning("buurt %s: %s by portal user %s", buurt.schema_name, end, user.pk)
    return True
