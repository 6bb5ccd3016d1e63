from django.core.management.base import BaseCommand
from django.db import connection

from tenants.models import Buurt
from workflows.models import ProfessionalSupportTask


class Command(BaseCommand):
    help = (
        "Move on every professional support step whose deadline passed without an answer, "
        "in every live buurt. Run it hourly (cron or a systemd timer)."
    )

    def handle(self, *args, **options):
        buurten = Buurt.objects.filter(status=Buurt.Status.LIVE).order_by("schema_name")
        total = buurten.count()
        moved = 0
        for number, buurt in enumerate(buurten, start=1):
            with buurt:
                count = move_on_expired()
            moved += count
            if count:
                self.stdout.write(f"[{number}/{total}] {buurt.schema_name}: {count} moved on")
        connection.set_schema_to_public()
        self.stdout.write(self.style.SUCCESS(f"{moved} support steps moved on in {total} buurten."))


def move_on_expired():
    count = 0
    for task in ProfessionalSupportTask.objects.filter(active=True):
        for task_state in task.expired_states():
            task.move_on(task_state)
            count += 1
    return count
