"""The municipality dashboard's numbers, one row per buurt in the public schema.

Counting inside every buurt's schema on each view costs ~20 ms and 18 queries per buurt
(10 s at 500 buurten). Instead the counts are stored in `BuurtNumbers` and the dashboard
reads one table: `refresh_stale` recomputes the rows older than a bound (run every few
minutes by `manage.py refresh_dashboard_numbers`), and the dashboard recomputes only the
rows of its own buurten that are missing or older than DASHBOARD_NUMBERS_MAX_AGE, so the
staleness it shows ("bijgewerkt 3 minuten geleden") is bounded even without the
background run. The page sums in the database and lists one page of buurten, so its cost
barely follows the number of buurten (29 ms for 500 against 17 ms for 10 in `make bench`,
147 ms when it listed them all); the CSV lists them all.
"""

from dataclasses import asdict, fields
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Count, F, Min, Q, Sum
from django.utils import timezone

from buurtpages.referrals import referrals_for_current_buurt
from tenants.across import in_buurt
from tenants.models import BuurtNumbers
from trainings.dashboard import BuurtNumbers as Counted
from trainings.dashboard import numbers_for_current_buurt
from trainings.stappenplan import step_label

STORED = [field.name for field in fields(Counted) if field.name != "next_step"]
# Adding up steps across buurten means nothing; every other count adds up.
SUMMED = [name for name in STORED if name not in ("steps_reached", "next_step_key")] + ["referrals"]


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


def stale(buurten, older_than, now):
    """The buurten of the queryset whose row is missing or computed before now - older_than."""
    return buurten.filter(
        Q(dashboard_numbers__isnull=True) | Q(dashboard_numbers__computed_at__lt=now - older_than)
    )


def refresh_stale(buurten, older_than, now=None):
    """Recompute the stale rows of the `buurten` queryset; returns how many."""
    now = now or timezone.now()
    outdated = list(stale(buurten, older_than, now))
    refresh(outdated, now)
    return len(outdated)


def numbers_for(buurten):
    """[(buurt, numbers)] of the `buurten` queryset, in its order, from the stored rows;
    missing or too old rows are recomputed first."""
    refresh_stale(buurten, max_age())
    return [
        (buurt, as_numbers(buurt.dashboard_numbers))
        for buurt in buurten.select_related("dashboard_numbers")
    ]


def overview(buurten, now=None):
    """What the dashboard shows above its table, summed by the database in one query
    rather than row by row in Python: the number of buurten, the
    total of every summed column, how many buurten reached each number of steps, and when
    the oldest row was computed. Missing or too old rows are recomputed first."""
    now = now or timezone.now()
    summary = summarise(buurten)
    oldest_allowed = now - max_age()
    if summary.missing or (summary.computed_at and summary.computed_at < oldest_allowed):
        refresh_stale(buurten, max_age(), now)
        summary = summarise(buurten)
    return summary


def summarise(buurten):
    """One grouped query over the buurten and their stored rows (a buurt without a row,
    launched since the last refresh, lands in the group without steps)."""
    groups = (
        buurten.order_by()
        .values(steps=F("dashboard_numbers__steps_reached"))
        .annotate(
            buurten=Count("pk"),
            oldest=Min("dashboard_numbers__computed_at"),
            **{name: Sum(f"dashboard_numbers__{name}") for name in SUMMED},
        )
    )
    groups = list(groups)
    counted = [group for group in groups if group["steps"] is not None]
    return SimpleNamespace(
        buurten=sum(group["buurten"] for group in groups),
        missing=sum(group["buurten"] for group in groups if group["steps"] is None),
        computed_at=min((group["oldest"] for group in counted), default=None),
        totals={name: sum(group[name] for group in counted) for name in SUMMED},
        buurten_per_steps={group["steps"]: group["buurten"] for group in counted},
    )


def as_numbers(row):
    """The stored row as the dashboard shows it, the next step in the active language."""
    values = {name: getattr(row, name) for name in STORED}
    counted = Counted(next_step=step_label(row.next_step_key), **values)
    return SimpleNamespace(**asdict(counted), referrals=row.referrals)
