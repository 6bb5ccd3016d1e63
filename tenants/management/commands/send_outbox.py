"""Deliver the waiting mails of the portal and of every live buurt.

A suspended buurt is skipped: its mails wait in its outbox until it is resumed (nobody
should get a link to a site that answers "temporarily offline"). Run it every minute
(cron or a systemd timer, see README); two runs at once never send a mail twice.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from outbox.delivery import deliver_due, purge_delivered
from tenants.across import each_buurt, use_public_schema


class Command(BaseCommand):
    help = (
        "Deliver waiting mails of the portal and every live buurt (retries with doubling "
        "waits) and delete mails delivered more than OUTBOX_KEEP_DAYS ago. Run it every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="at most this many mails per schema"
        )

    def handle(self, *args, limit=None, **options):
        totals = Counter()
        use_public_schema()
        totals += self.work("portal", limit)
        for buurt in each_buurt():
            totals += self.work(buurt.schema_name, limit)
        self.stdout.write(
            self.style.SUCCESS(
                f"{totals['sent']} sent, {totals['retry']} to retry, "
                f"{totals['failed']} given up, {totals['purged']} old mails deleted."
            )
        )

    def work(self, where, limit):
        outcomes = deliver_due(limit=limit)
        outcomes["purged"] = purge_delivered()
        if outcomes["sent"] or outcomes["retry"] or outcomes["failed"]:
            self.stdout.write(
                f"{where}: {outcomes['sent']} sent, {outcomes['retry']} to retry, "
                f"{outcomes['failed']} given up"
            )
        return outcomes
