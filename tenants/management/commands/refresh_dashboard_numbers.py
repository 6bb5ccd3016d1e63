"""Recompute the municipality dashboard's stored numbers (run every few minutes)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from tenants.dashboard_numbers import refresh_stale
from tenants.models import Buurt


class Command(BaseCommand):
    help = (
        "Recompute the dashboard numbers of every buurt whose stored numbers are older than "
        "--older-than seconds (default 0: all). Run from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=0)

    def handle(self, *args, older_than, **options):
        buurten = Buurt.objects.run_by_municipalities().filter(municipality__isnull=False)
        count = refresh_stale(buurten, timedelta(seconds=older_than))
        self.stdout.write(f"{count} of {buurten.count()} buurten recomputed.")
