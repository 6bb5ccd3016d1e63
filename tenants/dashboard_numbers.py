"""The municipality dashboard's numbers, one row per buurt in the public schema.

Counting inside every buurt's schema on each view costs ~20 ms and 18 queries per buurt
(10 s at 500 buurten). Instead the counts are stored in `BuurtNumbers` and the dashboard
reads one table: `refresh_stale` recomputes the rows older than a bound (run every few
minutes by `manage.py refresh_dashboard_numbers`), and the dashboard recomputes only the
rows of its own buurten that are missing or older than DASHBOARD_NUMBERS_MAX_AGE, so the
staleness it shows ("bijgewerkt 3 minuten geleden") is bounded even without the
background run.
"""

from dataclasses import asdict, fields
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone

from buurtpages.referrals import referrals_for_current_buurt
from tenants.across import in_buurt
from tenants.models import BuurtNumbers
from trainings.dashboard import BuurtNumbers as Counted
from trainings.dashboard import numbers_for_current_buurt
from trainings.stappenplan import step_label

STORED = [field.name for field in fields(Counted) if field.name != "next_step"]


def max_age():
    return timedelta(seconds=settings.DASHBOARD_NUMBERS_MAX_AGE)


def refresh(buurten, now=None):
    """Count inside each buurt's schema and store the numbers; returns the rows."""
    now = now or timezone.now()
    rows = []
    for buurt in buurten:
        with in_buurt(buurt):
            counted = asdict(numbers_for_current_buurt(now))
            referrals = referrals_for_current_buurt()
        values = {name: counted[name] for name in STORED} | {"referrals": referrals}
        row, _created = BuurtNumbers.objects.update_or_create(
            buurt=buurt, defaults={**values, "computed_at": now}
        )
        rows.append(row)
    return rows


def refresh_stale(buurten, older_than, now=None):
    """Recompute the rows of `buurten` that are missing or computed before now - older_than."""
    now = now or timezone.now()
    current = stored_rows(buurten)
    stale = [
        buurt
        for buurt in buurten
        if buurt.pk not in current or current[buurt.pk].computed_at < now - older_than
    ]
    refresh(stale, now)
    return len(stale)


def stored_rows(buurten):
    return {row.buurt_id: row for row in BuurtNumbers.objects.filter(buurt__in=buurten)}


def numbers_for(buurten):
    """([(buurt, numbers)], oldest computed_at) from the stored rows, in the order of
    `buurten`; missing or too old rows are recomputed first."""
    buurten = list(buurten)
    refresh_stale(buurten, max_age())
    rows = stored_rows(buurten)
    pairs = [(buurt, as_numbers(rows[buurt.pk])) for buurt in buurten]
    oldest = min((row.computed_at for row in rows.values()), default=None)
    return pairs, oldest


def as_numbers(row):
    """The stored row as the dashboard shows it, the next step in the active language."""
    values = {name: getattr(row, name) for name in STORED}
    counted = Counted(next_step=step_label(row.next_step_key), **values)
    return SimpleNamespace(**asdict(counted), referrals=row.referrals)
