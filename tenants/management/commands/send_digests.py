"""Queue the weekly digest of every live buurt in its outbox.

A suspended buurt is skipped, as send_outbox skips it: nobody gets links to a site that
answers "temporarily offline". The mails are delivered by send_outbox. Run it once a
week (cron or a systemd timer, see README); a second run sends nothing twice.
"""

from django.core.management.base import BaseCommand

from buurtpages.digest import send_digests
from tenants.across import each_buurt


class Command(BaseCommand):
    help = "Queue the weekly digest for the confirmed subscribers of every live buurt."

    def handle(self, *args, **options):
        total = 0
        for buurt in each_buurt():
            queued = send_digests()
            if queued:
                self.stdout.write(f"{buurt.schema_name}: {queued} digests queued")
            total += queued
        self.stdout.write(self.style.SUCCESS(f"{total} digests queued."))
