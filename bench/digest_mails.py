"""The weekly digest for many subscribers of one buurt, queued by `send_digests` and
delivered by one `send_outbox` pass to a real SMTP server on a loopback port (aiosmtpd).

The buurt speaks Dutch and Arabic; half the subscribers read Arabic. A week of news:
stories (one translated into Arabic), activities in the coming two weeks and initiatives
looking for people with open asks. Prints JSON: seconds and messages per second for
queuing and for sending, and the process's peak memory (ru_maxrss) before queuing, after
queuing and at the end (the test SMTP server's parsed messages included). Run it alone,
in a fresh process:
    .venv/bin/python bench/digest_mails.py [count]
`make bench` runs it with BENCH_SUBSCRIBERS (default 5000) on the benchmark database.
"""

import json
import os
import resource
import sys
import time
from datetime import timedelta

from common import setup_django

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_SUBSCRIBERS", "5000"))
SLUG = "bench_digest"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def subscribers(count, since):
    """Confirmed subscribers, written in bulk (the form and its confirmation are tested
    elsewhere); half Dutch, half Arabic, every kind of news."""
    from buurtpages.models import Subscription
    from buurtpages.models.subscription import token_hash

    rows = []
    for number in range(count):
        row = Subscription(
            email=f"lezer{number}@example.nl",
            language="ar" if number % 2 else "nl",
            wants_agenda=True,
            wants_initiatives=True,
            wants_stories=True,
            created_at=since,
            confirmed_at=since,
        )
        row.manage_hash = token_hash(row.manage_token())
        rows.append(row)
    Subscription.objects.bulk_create(rows, batch_size=1000)


def a_week_of_news():
    from django.utils import timezone
    from wagtail.models import Locale

    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import (
        ActivityPageFactory,
        InitiativePageFactory,
        StoryPageFactory,
        publish,
    )
    from buurtpages.models import (
        ActivityIndexPage,
        InitiativeIndexPage,
        InitiativeStatus,
        StoryIndexPage,
    )

    arabic = Locale.objects.get(language_code="ar")
    for number in range(5):
        story = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title=f"Verhaal {number}", slug=f"v{number}"
            )
        )
        if number == 0:
            translated = story.copy_for_translation(arabic)
            translated.title = "قصة"
            publish(translated)
    for number in range(8):
        start = timezone.now() + timedelta(days=2 + number, hours=2)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title=f"Activiteit {number}",
                slug=f"a{number}",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
    for number in range(3):
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage),
            title=f"Initiatief {number}",
            slug=f"i{number}",
            status=InitiativeStatus.LOOKING,
        )
        initiative.help_wanted.create(what="Iemand die kookt", people_needed=2)
        publish(initiative)


def main():
    setup_django()
    from django.conf import settings
    from django.utils import timezone

    from buurtpages.digest import send_digests
    from outbox.delivery import deliver_due
    from outbox.models import OutgoingMail
    from tenants.across import in_buurt
    from tenants.launch import LaunchRequest, drop_buurt, launch_buurt
    from tests.smtp_server import LoopbackSmtpServer

    settings.EMAIL_BACKEND = "outbox.backend.OutboxBackend"
    settings.OUTBOX_DELIVER_AFTER_COMMIT = False  # queue first, then one sender pass
    drop_buurt(SLUG)
    request = LaunchRequest(slug=SLUG, name="Digestbuurt", languages=["nl", "ar"])
    buurt = launch_buurt(request).buurt
    server = LoopbackSmtpServer()
    server.start()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        with in_buurt(buurt):
            subscribers(COUNT, since=timezone.now() - timedelta(days=1))
            a_week_of_news()
            before_mb = peak_mb()
            started = time.perf_counter()
            queued = send_digests()
            queue_s = time.perf_counter() - started
            queued_mb = peak_mb()
            started = time.perf_counter()
            outcomes = deliver_due()
            send_s = time.perf_counter() - started
            assert queued == outcomes["sent"] == COUNT == len(server.messages), (
                queued,
                outcomes,
                len(server.messages),
            )
            assert not OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).exists()
            sample = server.messages[-1]
            assert sample["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            size_kb = len(sample.as_bytes()) / 1024
    finally:
        server.stop()
        drop_buurt(SLUG)
    print(
        json.dumps(
            {
                "subscribers": COUNT,
                "queue_s": round(queue_s, 2),
                "queue_per_s": round(COUNT / queue_s, 1),
                "peak_rss_mb_before_queuing": round(before_mb, 1),
                "peak_rss_mb_after_queuing": round(queued_mb, 1),
                "send_s": round(send_s, 2),
                "send_per_s": round(COUNT / send_s, 1),
                "peak_rss_mb": round(peak_mb(), 1),
                "mail_kb": round(size_kb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
