"""Per-buurt numbers about initiatives, for the stappenplan and (collected across
buurten by tenants) the municipality's dashboard: integers only, nothing about people."""

from wagtail.models import Locale

from buurtpages.models import InitiativePage
from buurtpages.steps import step_counts


def step_counts_for_current_buurt(now=None):
    """Live initiatives in the buurt's main language per step, in step order."""
    initiatives = InitiativePage.objects.live().filter(locale=Locale.get_default()).specific()
    return step_counts(initiatives, now)
