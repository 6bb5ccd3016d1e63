from django.core.management.base import BaseCommand

from tenants.across import each_buurt, live_buurten
from workflows.deadlines import move_on_expired


class Command(BaseCommand):
    help = (
        "Move on every professional support step whose deadline passed without an answer, "
        "in every live buurt. Run it hourly (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        total = live_buurten().count()
        moved = 0
        for number, buurt in enumerate(each_buurt(), start=1):
            count = move_on_expired()
            moved += count
            if count:
                self.stdout.write(f"[{number}/{total}] {buurt.schema_name}: {count} moved on")
        self.stdout.write(self.style.SUCCESS(f"{moved} support steps moved on in {total} buurten."))
